using System.Numerics;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Scoring.Ledger;
using static Scoring.Sdk.Tests.Ledger.Reports;

namespace Scoring.Sdk.Tests.Ledger;

/// <summary>The ledger invariants as FsCheck properties, run by <see cref="LedgerStoreContract"/> against each store.</summary>
internal static class LedgerProperties
{
    // Includes ids whose UTF-16 order differs from their code-point order, and ids differing only in case.
    private static readonly string[] Accounts = ["alice", "bob", "carol", "\uFF21", "\U0001F600", "a", "A", "ab"];

    // Ledger schemes (currencies) the reports are spread over; reads are checked per scheme and summed.
    private static readonly string[] Schemes = ["swarm", "jobs", "jobs.llama"];

    // The kinds of the built-in schemes, a plug-in's own kind, and the two manual kinds.
    private static readonly string[] Kinds = ["compute", "presence", "job", "boost", "render-time", PostingKinds.Slash, PostingKinds.Adjustment];

    private static readonly Gen<LedgerPosting> Posting =
        from account in Gen.Elements(Accounts)
        from peer in Gen.Elements("p1", "p2")
        from kind in Gen.Elements(Kinds)
        from amount in Gen.Choose(0, 1_000_000)
        from seconds in Gen.Choose(0, 3600)
        select kind switch
        {
            PostingKinds.Slash => new LedgerPosting(account, "", kind, Points.FromUnits(-amount)) { Reason = "audit", Operator = "op" },
            PostingKinds.Adjustment => new LedgerPosting(account, peer, kind, Points.FromUnits(amount - 500_000)) { Reason = "fix", Operator = "op" },
            // Any activity kind may carry active seconds.
            "presence" or "render-time" => new LedgerPosting(account, peer, kind, Points.FromUnits(amount)) { ActiveSeconds = seconds },
            _ => new LedgerPosting(account, peer, kind, Points.FromUnits(amount)),
        };

    // Two producers share every report id: their keys are distinct.
    private static readonly Gen<LedgerReport[]> DistinctReports =
        (from minute in Gen.Choose(0, 120)
         from scheme in Gen.Elements(Schemes)
         from postings in Gen.Choose(1, 3).SelectMany(n => Posting.ArrayOf(n))
         select (minute, scheme, postings))
        .ArrayOf()
        .Select(specs => specs.Select((s, i) => With($"r{i / 2}", "", s.minute, s.postings) with { Scheme = s.scheme, Producer = $"p{i % 2}" }).ToArray());

    public static Task OrderSplitAndDuplicationDoNotMatter(Func<TimeProvider, Task<ILedgerStore>> create, int runs)
    {
        var cases = DistinctReports.Zip(Gen.Choose(0, int.MaxValue));
        Check.One(Config(runs), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (reports, seed) = c;
            var random = new Random(seed);
            // Every report at least once, some several times, in a random order, in random batch sizes.
            var stream = reports.Concat(reports.Where(_ => random.Next(3) == 0)).Concat(reports.Where(_ => random.Next(5) == 0)).ToArray();
            random.Shuffle(stream);
            var time = new ManualTime(T0.AddDays(1));
            var reference = Run(create(time));
            var subject = Run(create(time));
            try
            {
                Run(reference.AppendAsync(new LedgerBatch(reports)));
                int appended = 0, duplicates = 0;
                for (int at = 0; at < stream.Length;)
                {
                    int size = random.Next(1, 8);
                    var result = Run(subject.AppendAsync(new LedgerBatch(stream.Skip(at).Take(size))));
                    appended += result.Appended;
                    duplicates += result.Duplicates;
                    at += size;
                }
                Assert.Equal(reports.Length, appended);
                Assert.Equal(stream.Length - reports.Length, duplicates);
                // The same keys with other content afterwards: all conflicts, nothing changes.
                var altered = reports.Where(_ => random.Next(4) == 0).Select(r => r with { ReportTime = r.ReportTime.AddTicks(1) }).ToArray();
                var conflicts = Run(subject.AppendAsync(new LedgerBatch(altered)));
                Assert.Equal(new AppendResult(0, 0, 0, altered.Length), conflicts);
                AssertSameTotals(reference, subject);
                var query = new LeaderboardQuery { Top = 100, AsOf = T0.AddMinutes(60) };
                Assert.Equal(Run(reference.GetLeaderboardAsync(query)), Run(subject.GetLeaderboardAsync(query)), LeaderboardComparer.Instance);
                return true;
            }
            finally
            {
                Run(reference.DisposeAsync().AsTask());
                Run(subject.DisposeAsync().AsTask());
            }
        }));
        return Task.CompletedTask;
    }

    public static Task TotalsEqualTheSumOfEntries(Func<TimeProvider, Task<ILedgerStore>> create, int runs)
    {
        Check.One(Config(runs), Prop.ForAll(DistinctReports.ToArbitrary(), reports =>
        {
            var store = Run(create(new ManualTime(T0)));
            try
            {
                foreach (var chunk in reports.Chunk(5))
                    Run(store.AppendAsync(new LedgerBatch(chunk)));
                var entries = Run(store.ListEntriesAsync(new EntryQuery { Limit = int.MaxValue }).ToListAsync().AsTask());
                Assert.Equal(reports.Sum(r => r.Postings.Count), entries.Count);
                var totals = Run(store.ListAccountTotalsAsync().ToListAsync().AsTask());
                Assert.Equal(entries.Select(e => e.Account).Distinct().Count(), totals.Count);
                foreach (var scheme in Schemes)
                {
                    var ofScheme = entries.Where(e => e.Scheme == scheme).ToList();
                    var schemeTotals = Run(store.ListAccountTotalsAsync(scheme: scheme).ToListAsync().AsTask());
                    Assert.Equal(ofScheme.Select(e => e.Account).Distinct().Count(), schemeTotals.Count);
                    foreach (var account in schemeTotals)
                    {
                        Assert.Equal(Expected(account.Account, ofScheme.Where(e => e.Account == account.Account).ToList()), account);
                        Assert.Equal(account, Run(store.GetAccountTotalsAsync(account.Account, scheme: scheme)));
                        Assert.Equal(account, Run(store.GetAccountTotalsAsync(account.Account, new LedgerWindow(DateTimeOffset.MinValue, null), scheme)));
                    }
                }
                foreach (var account in totals)
                {
                    var own = entries.Where(e => e.Account == account.Account).ToList();
                    Assert.Equal(Expected(account.Account, own), account);
                    // The aggregation path (a window that cuts nothing) agrees with the running totals.
                    Assert.Equal(account, Run(store.GetAccountTotalsAsync(account.Account, new LedgerWindow(DateTimeOffset.MinValue, null))));
                    var peers = Run(store.ListPeerTotalsAsync(account.Account).ToListAsync().AsTask());
                    Assert.Equal(account.Total.Units, peers.Sum(p => p.Total.Units));
                    foreach (var peer in peers)
                        Assert.Equal(Expected(account.Account, own.Where(e => e.Peer == peer.Peer).ToList()) with { }, ToAccount(peer));
                    Assert.Equal(peers, Run(store.ListPeerTotalsAsync(account.Account, new LedgerWindow(DateTimeOffset.MinValue, null)).ToListAsync().AsTask()));
                }
                return true;
            }
            finally
            {
                Run(store.DisposeAsync().AsTask());
            }
        }));
        return Task.CompletedTask;
    }

    public static Task LeaderboardIsSortedPermutation(Func<TimeProvider, Task<ILedgerStore>> create, int runs)
    {
        var cases = DistinctReports.Zip(Gen.Choose(0, 130).Zip(Gen.Choose(0, 130)));
        Check.One(Config(runs), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (reports, (a, b)) = c;
            var store = Run(create(new ManualTime(T0)));
            try
            {
                Run(store.AppendAsync(new LedgerBatch(reports)));
                foreach (var window in new[] { LedgerWindow.All, new LedgerWindow(T0.AddMinutes(Math.Min(a, b)), T0.AddMinutes(Math.Max(a, b) + 1)) })
                foreach (var scheme in Schemes.Prepend(null))
                {
                    var expected = Run(store.ListAccountTotalsAsync(window, scheme).ToListAsync().AsTask());
                    var board = Run(store.GetLeaderboardAsync(new LeaderboardQuery { Window = window, Scheme = scheme, Top = 1000 }));
                    Assert.Equal(expected.Count, board.AccountCount);
                    Assert.Equal(expected.Select(t => t.Account).Order(StringComparer.Ordinal), board.Rows.Select(r => r.Account).Order(StringComparer.Ordinal));
                    Assert.Equal(Enumerable.Range(1, board.Rows.Count).Select(i => (long)i), board.Rows.Select(r => r.Rank));
                    foreach (var (first, second) in board.Rows.Zip(board.Rows.Skip(1)))
                        Assert.True(ReferenceOrder(first, second) < 0, $"{first.Account} should rank after {second.Account}");
                    foreach (var row in board.Rows)
                    {
                        var totals = expected.Single(t => t.Account == row.Account);
                        Assert.Equal((totals.Total, totals.Parts, totals.ActiveSeconds, totals.FirstSeen), (row.Score, row.Parts, row.ActiveSeconds, row.Joined));
                    }
                }
                return true;
            }
            finally
            {
                Run(store.DisposeAsync().AsTask());
            }
        }));
        return Task.CompletedTask;
    }

    /// <summary>Whatever the store, the same reports give the same totals, leaderboards and entries as the in-memory reference.</summary>
    public static Task SameAsInMemory(Func<TimeProvider, Task<ILedgerStore>> create, int runs)
    {
        var cases = DistinctReports.Zip(Gen.Choose(0, 130).Zip(Gen.Choose(0, 130)));
        Check.One(Config(runs), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (reports, (a, b)) = c;
            var time = new ManualTime(T0.AddMinutes(60));
            var reference = new InMemoryLedgerStore(time);
            var subject = Run(create(time));
            try
            {
                foreach (var chunk in reports.Chunk(4))
                    Assert.Equal(Run(reference.AppendAsync(new LedgerBatch(chunk))), Run(subject.AppendAsync(new LedgerBatch(chunk))));
                AssertSameTotals(reference, subject);
                var window = new LedgerWindow(T0.AddMinutes(Math.Min(a, b)), T0.AddMinutes(Math.Max(a, b) + 1));
                foreach (var query in new[]
                {
                    new LeaderboardQuery { Top = 1000 },
                    new LeaderboardQuery { Top = 3, Offset = 1, Window = window },
                    new LeaderboardQuery { AsOf = T0.AddMinutes(a), OnlineTimeout = TimeSpan.FromMinutes(b) },
                    new LeaderboardQuery { Top = 1000, Scheme = Schemes[a % Schemes.Length] },
                    new LeaderboardQuery { Top = 2, Offset = 1, Scheme = Schemes[b % Schemes.Length], Window = window },
                })
                {
                    Assert.Equal(Run(reference.GetLeaderboardAsync(query)), Run(subject.GetLeaderboardAsync(query)), LeaderboardComparer.Instance);
                    foreach (var account in Accounts)
                        Assert.Equal(Run(reference.GetRankAsync(account, query)), Run(subject.GetRankAsync(account, query)));
                }
                Assert.Equal(
                    Run(reference.ListAccountTotalsAsync(window).ToListAsync().AsTask()),
                    Run(subject.ListAccountTotalsAsync(window).ToListAsync().AsTask()));
                Assert.Equal(
                    Run(reference.ListAccountTotalsAsync(window, Schemes[a % Schemes.Length]).ToListAsync().AsTask()),
                    Run(subject.ListAccountTotalsAsync(window, Schemes[a % Schemes.Length]).ToListAsync().AsTask()));
                var entries = new EntryQuery { Limit = int.MaxValue };
                Assert.Equal(
                    Run(reference.ListEntriesAsync(entries).ToListAsync().AsTask()).Select(e => e with { Sequence = 0 }),
                    Run(subject.ListEntriesAsync(entries).ToListAsync().AsTask()).Select(e => e with { Sequence = 0 }));
                return true;
            }
            finally
            {
                Run(subject.DisposeAsync().AsTask());
            }
        }));
        return Task.CompletedTask;
    }

    public static Task OverflowAlwaysDetected(Func<TimeProvider, Task<ILedgerStore>> create, int runs)
    {
        var amount = Gen.Elements(0L, 1L, long.MaxValue / 3, long.MaxValue / 2, long.MaxValue - 1, long.MaxValue);
        string[] kinds = ["compute", PostingKinds.Slash, PostingKinds.Adjustment];
        var posting =
            from account in Gen.Elements("x", "y")
            from kind in Gen.Elements(kinds)
            from units in amount
            from negative in ArbMap.Default.GeneratorFor<bool>()
            select kind switch
            {
                "compute" => new LedgerPosting(account, "p", kind, Points.FromUnits(units)),
                PostingKinds.Slash => new LedgerPosting(account, "p", kind, Points.FromUnits(-units)) { Reason = "r", Operator = "o" },
                _ => new LedgerPosting(account, "p", kind, Points.FromUnits(negative ? -units : units)) { Reason = "r", Operator = "o" },
            };
        var report = from id in Gen.Choose(0, 15) from scheme in Gen.Elements("swarm", "jobs") from p in posting.ArrayOf(1)
                     select With($"r{id}", "", 0, p) with { Scheme = scheme };
        var batches = report.ArrayOf().Select(b => b.Take(6).ToArray()).ArrayOf().Select(b => b.Take(8).ToArray());
        Check.One(Config(runs), Prop.ForAll(batches.ToArbitrary(), plan =>
        {
            var store = Run(create(new ManualTime(T0)));
            try
            {
                // Per (scheme, account): the total and each kind's part, exactly, in BigIntegers.
                var seen = new HashSet<(string, string)>();
                var model = new Dictionary<(string Scheme, string Account), BigInteger[]>();
                foreach (var batch in plan)
                {
                    var next = model.ToDictionary(m => m.Key, m => (BigInteger[])m.Value.Clone());
                    var fresh = new HashSet<(string, string)>();
                    foreach (var r in batch)
                    {
                        if (seen.Contains((r.Scheme, r.ReportId)) || !fresh.Add((r.Scheme, r.ReportId))) continue;
                        var p = r.Postings[0];
                        if (!next.TryGetValue((r.Scheme, p.Account), out var sums))
                            next[(r.Scheme, p.Account)] = sums = new BigInteger[1 + kinds.Length];
                        sums[0] += p.Amount.Units;
                        sums[1 + Array.IndexOf(kinds, p.Kind)] += p.Amount.Units;
                    }
                    bool overflows = next.Values.SelectMany(s => s).Any(v => !Fits(v));
                    var before = Run(store.GetSummaryAsync());
                    if (overflows)
                    {
                        Assert.Throws<LedgerOverflowException>(() => Run(store.AppendAsync(new LedgerBatch(batch))));
                        Assert.Equal(before, Run(store.GetSummaryAsync()));
                    }
                    else
                    {
                        Run(store.AppendAsync(new LedgerBatch(batch)));
                        seen.UnionWith(fresh);
                        model = next;
                    }
                }
                foreach (var ((scheme, account), sums) in model)
                {
                    var totals = Run(store.GetAccountTotalsAsync(account, scheme: scheme))!;
                    Assert.Equal(sums.Select(v => (long)v), kinds.Select(k => totals.Parts.Of(k).Units).Prepend(totals.Total.Units));
                }
                // Without a scheme the schemes' totals are added at read time: a sum beyond 64 bits is an error, never a wrap.
                foreach (var account in model.Keys.Select(k => k.Account).Distinct())
                {
                    var across = model.Where(m => m.Key.Account == account).Select(m => m.Value)
                        .Aggregate(new BigInteger[1 + kinds.Length], (sum, s) => sum.Zip(s, (x, y) => x + y).ToArray());
                    if (across.All(Fits))
                    {
                        var totals = Run(store.GetAccountTotalsAsync(account))!;
                        Assert.Equal(across.Select(v => (long)v), kinds.Select(k => totals.Parts.Of(k).Units).Prepend(totals.Total.Units));
                    }
                    else
                        Assert.Throws<LedgerOverflowException>(() => Run(store.GetAccountTotalsAsync(account)));
                }
                return true;
            }
            finally
            {
                Run(store.DisposeAsync().AsTask());
            }
        }));
        return Task.CompletedTask;
    }

    private static bool Fits(BigInteger value) => value >= long.MinValue && value <= long.MaxValue;

    /// <summary>The documented order, written independently of the library: score, first seen, UTF-8 bytes.</summary>
    private static int ReferenceOrder(LeaderboardRow x, LeaderboardRow y)
    {
        if (x.Score != y.Score) return x.Score > y.Score ? -1 : 1;
        if (x.Joined != y.Joined)
            return x.Joined is null ? 1 : y.Joined is null ? -1 : x.Joined.Value.UtcTicks.CompareTo(y.Joined.Value.UtcTicks);
        return Encoding.UTF8.GetBytes(x.Account).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y.Account));
    }

    private static AccountTotals Expected(string account, List<LedgerEntry> entries)
    {
        var activity = entries.Where(e => !PostingKinds.IsManual(e.Kind)).Select(e => e.ReportTime).ToList();
        return new AccountTotals(
            account,
            Points.FromUnits(entries.Sum(e => e.Amount.Units)),
            // Every kind with an entry is a part, even when its amounts sum to zero.
            new ScoreParts(entries.GroupBy(e => e.Kind).Select(g => KeyValuePair.Create(g.Key, Points.FromUnits(g.Sum(e => e.Amount.Units))))),
            entries.Sum(e => e.ActiveSeconds),
            activity.Count == 0 ? null : activity.Min(),
            activity.Count == 0 ? null : activity.Max(),
            entries.Count);
    }

    private static AccountTotals ToAccount(PeerTotals p) =>
        new(p.Account, p.Total, p.Parts, p.ActiveSeconds, p.FirstSeen, p.LastSeen, p.EntryCount);

    private static void AssertSameTotals(ILedgerStore expected, ILedgerStore actual)
    {
        var want = Run(expected.ListAccountTotalsAsync().ToListAsync().AsTask());
        Assert.Equal(want, Run(actual.ListAccountTotalsAsync().ToListAsync().AsTask()));
        foreach (var scheme in Schemes)
            Assert.Equal(
                Run(expected.ListAccountTotalsAsync(scheme: scheme).ToListAsync().AsTask()),
                Run(actual.ListAccountTotalsAsync(scheme: scheme).ToListAsync().AsTask()));
        foreach (var account in want)
            Assert.Equal(
                Run(expected.ListPeerTotalsAsync(account.Account).ToListAsync().AsTask()),
                Run(actual.ListPeerTotalsAsync(account.Account).ToListAsync().AsTask()));
        var (s1, s2) = (Run(expected.GetSummaryAsync()), Run(actual.GetSummaryAsync()));
        Assert.Equal(s1, s2);
    }

    private static Config Config(int runs) => FsCheck.Config.QuickThrowOnFailure.WithMaxTest(runs);

    // Both stores complete synchronously; properties are synchronous functions.
    private static T Run<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private static void Run(Task task) => task.GetAwaiter().GetResult();

    private sealed class LeaderboardComparer : IEqualityComparer<Leaderboard>
    {
        public static readonly LeaderboardComparer Instance = new();

        public bool Equals(Leaderboard? x, Leaderboard? y) =>
            x is not null && y is not null && x.AccountCount == y.AccountCount && x.AsOf == y.AsOf && x.Rows.SequenceEqual(y.Rows);

        public int GetHashCode(Leaderboard obj) => obj.Rows.Count;
    }
}
