using Scoring;
using Scoring.Ingestion;
using Scoring.Ledger;
using static Storage.Proofs.Tests.StorageRun;

namespace Storage.Proofs.Tests;

/// <summary>The README's worked example, scored through the SDK into both stores and checked by hand.</summary>
public sealed class WorkedExampleTests : IDisposable
{
    private readonly LedgerStores _stores = new();

    public void Dispose() => _stores.Dispose();

    [Theory]
    [MemberData(nameof(LedgerStores.Kinds), MemberType = typeof(LedgerStores))]
    public async Task The_worked_example_pays_what_the_arithmetic_says(string kind)
    {
        await using var ledger = await _stores.CreateAsync(kind);
        var summary = await ScoreAsync(ledger, WorkedExample);

        Assert.Equal(new IngestionSummary(Read: 12, Scored: 12, Duplicates: 0, Conflicts: 0, Late: 0, Rejected: 0, Entries: 12), summary);

        // p1 (acme), 1 TiB = 2^40 bytes, so bytes / 2^40 is exact:
        //   t0           first proof: starts the clock                                     0
        //   t0 + 1 h     min(1, 1) TiB x 1 h, uptime 3600/3600 = 1                         1
        //   t0 + 2 h     min(1, 2) TiB x 1 h, uptime 3500/3600 = 0.972 >= 0.95             1
        //   t0 + 3 h     uptime 3000/3600 = 0.833 < 0.95                                   0
        //   t0 + 3.5 h   min(2, 2) TiB x 0.5 h, uptime 1800/1800 = 1                       1
        //   t0 + 28.5 h  25 h since the previous proof > maxGapHours 24                    0
        //   t0 + 29.5 h  min(2, 0.5) TiB x 1 h, uptime 3600/3600 = 1                       0.5
        // p3 (acme), 10^13 bytes:
        //   t0 + 10 min  first proof                                                       0
        //   t0 + 70 min  10^13 / 2^40 x 1 h = 9.094947017729282 → round half even to 10^-6 9.094947
        // acme: 1 + 1 + 1 + 0.5 + 9.094947 = 12.594947
        // p2 (globex), 4 TiB:
        //   t0           first proof                                                       0
        //   t0 + 30 min  min(4, 4) TiB x 0.5 h, uptime 1710/1800 = 0.95 exactly: at least   2
        //   t0 + 90 min  uptime 3400/3600 = 0.944 < 0.95 (3 TiB now)                       0
        // globex: 2
        Assert.Equal([("acme", 12_594_947L), ("globex", 2_000_000L)], await TotalsAsync(ledger));

        var acme = await EntriesAsync(ledger, "acme");
        Assert.Equal(
            ["0", "0", "1", "9.094947", "1", "0", "1", "0", "0.5"],
            acme.Select(e => e.Amount.ToString()));
        Assert.Equal(
            ["p1@1767225600", "p3@1767226200", "p1@1767229200", "p3@1767229800", "p1@1767232800", "p1@1767236400", "p1@1767238200", "p1@1767328200", "p1@1767331800"],
            acme.Select(e => e.ReportId));
        Assert.All(acme, e => Assert.Equal(StorageProofsScheme.SchemeName, e.Kind));
        Assert.All(acme.Where(e => e.Amount > Points.Zero), e => Assert.Null(e.Reason));

        // Every zero says which rule zeroed it and the facts it judged.
        Assert.Equal("0 points: first (first); the first proof of provider 'p1' starts its clock", acme[0].Reason);
        Assert.Equal("0 points: uptime (uptimeRatio < minUptime); 1 h since the previous proof, uptime ratio 0.8333333333333334, 2199023255552 bytes held at both ends", acme[5].Reason);
        Assert.Equal("0 points: gap (elapsedHours > maxGapHours); 25 h since the previous proof, uptime ratio 1, 2199023255552 bytes held at both ends", acme[7].Reason);

        // Active seconds: the paid intervals only (3600 + 3600 + 3600 + 1800 + 3600).
        Assert.Equal(16_200, acme.Sum(e => e.ActiveSeconds));

        var globex = await EntriesAsync(ledger, "globex");
        Assert.Equal(["0", "2", "0"], globex.Select(e => e.Amount.ToString()));
        Assert.StartsWith("0 points: uptime (uptimeRatio < minUptime); 1 h since the previous proof, uptime ratio 0.9444", globex[2].Reason);

        var board = await ledger.GetLeaderboardAsync(new LeaderboardQuery { Scheme = StorageProofsScheme.SchemeName });
        Assert.Equal(["acme", "globex"], board.Rows.Select(r => r.Account));
    }

    [Theory]
    [MemberData(nameof(LedgerStores.Kinds), MemberType = typeof(LedgerStores))]
    public async Task Every_entry_is_recorded_with_the_built_in_rule_set_by_content_hash(string kind)
    {
        await using var ledger = await _stores.CreateAsync(kind);
        await ScoreAsync(ledger, WorkedExample);

        string hash = new StorageProofsScheme().RuleSets.Single().ContentHash;
        Assert.All(await EntriesAsync(ledger), e => Assert.Equal(hash, e.RuleSetHash));
    }
}
