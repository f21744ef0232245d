using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Scoring.Rules.Swarm;

/// <summary>
/// Turns a stream of swarm peer reports into the facts points are paid for — counted FLOPs and counted active time —
/// with presence intervals and the per-account peer cap. Deterministic: the same accepted reports give the same entries
/// in any interleaving, split or batching. Points are not computed here: the <c>swarm-points</c> rule set turns each
/// entry's totals into points, and <see cref="TryPay"/> records what was paid. Semantics and worked examples:
/// <c>docs/schemes.md</c>.
/// </summary>
/// <remarks>
/// Reports of one account are settled one instant at a time, in time order: a report is held until the account has
/// seen a report more than <see cref="SwarmOptions.ReorderWindow"/> newer, or <see cref="Flush"/> is called, so all
/// reports of one instant are decided together (places at an instant go by activation time, then peer id; one peer's
/// reports at one instant by report id; never by arrival order). The latest settled instant is the account's
/// watermark: a report at or before it is late. Accounts never interact, so an accrual may hold only the accounts a
/// batch touches (<see cref="Load"/>, <see cref="CaptureAccount"/>). Not thread-safe.
/// </remarks>
public sealed class SwarmAccrual
{
    private readonly long timeout;
    private readonly long reorderWindow;
    private readonly int initialCap;
    private readonly (long From, int Cap)[] capChanges;
    private readonly Func<long, double> maxFlopsPerSecond;
    private readonly Dictionary<string, SwarmPeer> peers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SwarmAccount> accounts = new(StringComparer.Ordinal);
    private readonly HashSet<string> changed = new(StringComparer.Ordinal);
    private readonly List<Settlement> settlements = [];

    /// <summary>Creates an empty accrual.</summary>
    /// <param name="options">The cap, presence timeout and reorder window.</param>
    /// <param name="maxFlopsPerSecond">
    /// The most FLOPs a peer is credited per second of elapsed time, as a function of the report's unix microseconds
    /// (the <c>maxFlopsPerSecond</c> parameter of the rule set in force); null for no limit.
    /// </param>
    /// <exception cref="OptionsValidationException">The options are invalid; the message names each bad key.</exception>
    public SwarmAccrual(SwarmOptions options, Func<long, double>? maxFlopsPerSecond = null)
    {
        SwarmOptionsValidator.ThrowIfInvalid(options);
        timeout = options.PresenceTimeout.Ticks / TimeSpan.TicksPerMicrosecond;
        reorderWindow = options.ReorderWindow.Ticks / TimeSpan.TicksPerMicrosecond;
        initialCap = options.PeerCap;
        capChanges = options.PeerCapChanges.Select(c => (ToMicroseconds(c.From), c.PeerCap)).ToArray();
        this.maxFlopsPerSecond = maxFlopsPerSecond ?? (_ => double.PositiveInfinity);
    }

    /// <summary>Creates an empty accrual from bound options (no credit limit).</summary>
    public SwarmAccrual(IOptions<SwarmOptions> options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value)
    {
    }

    /// <summary>How many peers are held.</summary>
    public int PeerCount => peers.Count;

    /// <summary>The accounts whose state changed since they were created or loaded (to write back).</summary>
    public IReadOnlyCollection<string> ChangedAccounts => changed;

    /// <summary>The accounts held that have reports waiting to be settled.</summary>
    public IEnumerable<string> AccountsWithPending => accounts.Values.Where(a => a.Pending.Count > 0).Select(a => a.Name);

    /// <summary>
    /// Accepts one report, or rejects it with a reason (nothing changes then). The report may let earlier held reports
    /// of its account settle; their entries and released places go to <paramref name="sink"/>.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="sink">Receives settled entries and released places.</param>
    /// <param name="rejection">Why the report was rejected: a missing id, a bad number, a late report, another account's peer.</param>
    /// <returns>Whether the report was accepted.</returns>
    public bool TryIngest(in SwarmReport report, ISwarmAccrualSink sink, [NotNullWhen(false)] out SwarmRejection? rejection)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (Check(report, out long time) is { } invalid)
        {
            rejection = new SwarmRejection(SwarmRejectionKind.Invalid, invalid);
            return false;
        }

        peers.TryGetValue(report.PeerId, out var peer);
        if (peer is not null && !string.Equals(peer.Account.Name, report.Account, StringComparison.Ordinal))
        {
            rejection = new SwarmRejection(SwarmRejectionKind.AnotherAccount, $"peer '{report.PeerId}' belongs to account '{peer.Account.Name}', not '{report.Account}'");
            return false;
        }
        var account = peer?.Account ?? accounts.GetValueOrDefault(report.Account);
        if (account is not null && time <= account.Settled)
        {
            rejection = new SwarmRejection(SwarmRejectionKind.Late,
                $"late report: timestamp {Seconds(time)} is at or before account '{account.Name}''s watermark {Seconds(account.Settled)} (its latest settled instant); " +
                $"a report must arrive before its account has seen one more than the reorder window ({Seconds(reorderWindow)} s) newer, and before the account is settled");
            return false;
        }

        if (account is null)
        {
            account = new SwarmAccount(report.Account, initialCap);
            accounts.Add(account.Name, account);
        }
        if (peer is null)
        {
            peer = new SwarmPeer(report.PeerId, account, time);
            peers.Add(peer.PeerId, peer);
            account.Peers.Add(peer.PeerId, peer);
        }
        peer.FirstSeen = Math.Min(peer.FirstSeen, time);
        peer.LastSeen = Math.Max(peer.LastSeen, time);
        account.InsertPending(new PendingReport(report.ReportId, peer, report.Timestamp, time, report.CumulativeFlops, report.FlopsSinceLast));
        account.MaxSeen = Math.Max(account.MaxSeen, time);
        changed.Add(account.Name);
        SettleBefore(account, account.MaxSeen - reorderWindow, sink);
        rejection = null;
        return true;
    }

    /// <summary>
    /// Settles every held report (at the end of an input, or before reading totals). Each account's watermark moves to
    /// its latest report: later reports at or before it are late.
    /// </summary>
    public void Flush(ISwarmAccrualSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        foreach (var account in accounts.Values.Where(a => a.Pending.Count > 0).OrderBy(a => a.Name, StringComparer.Ordinal).ToList())
        {
            changed.Add(account.Name);
            SettleBefore(account, long.MaxValue, sink);
        }
    }

    /// <summary>
    /// Records that a peer has now been paid <paramref name="computeTotal"/> and <paramref name="presenceTotal"/>
    /// micro-points in all, and returns the increases to post. Returns false, changing nothing, when a total would go
    /// down (a rule set that is not monotone in the peer's totals).
    /// </summary>
    public bool TryPay(string peerId, long computeTotal, long presenceTotal, out long computeIncrease, out long presenceIncrease)
    {
        var peer = peers[peerId];
        computeIncrease = computeTotal - peer.ComputeUnits;
        presenceIncrease = presenceTotal - peer.PresenceUnits;
        if (computeTotal < peer.ComputeUnits || presenceTotal < peer.PresenceUnits)
            return false;
        peer.ComputeUnits = computeTotal;
        peer.PresenceUnits = presenceTotal;
        return true;
    }

    /// <summary>Whether a peer is online at a time: its latest report is at most the presence timeout before it.</summary>
    public bool IsOnline(string peerId, double atUnixSeconds)
    {
        ArgumentNullException.ThrowIfNull(peerId);
        return peers.TryGetValue(peerId, out var peer)
            && double.IsFinite(atUnixSeconds)
            && Math.Round(atUnixSeconds * 1e6, MidpointRounding.ToEven) <= peer.LastSeen + timeout;
    }

    /// <summary>The account a held peer belongs to, if the peer is held.</summary>
    public string? AccountOf(string peerId) => peers.TryGetValue(peerId, out var peer) ? peer.Account.Name : null;

    /// <summary>Whether <paramref name="account"/> is held.</summary>
    public bool Holds(string account) => accounts.ContainsKey(account);

    /// <summary>Captures the complete state.</summary>
    public SwarmAccrualState Capture() => new(
        SwarmAccrualState.CurrentVersion,
        accounts.Keys.Order(StringComparer.Ordinal).Select(CaptureAccount).ToList());

    /// <summary>Captures one held account with its peers.</summary>
    public SwarmAccountState CaptureAccount(string account)
    {
        var a = accounts[account];
        return new SwarmAccountState(
            a.Name, a.Cap, a.CapIndex, a.MaxSeen, a.Settled,
            a.Peers.Values.OrderBy(p => p.PeerId, StringComparer.Ordinal).Select(p => new SwarmPeerState(
                p.PeerId, p.FirstSeen, p.LastSeen, p.Counter, p.HasReported, p.Live, p.Activation, p.LastReport, p.Seated,
                p.SeatedSince, p.PlaceSince, p.PendingCounted, p.TotalCountedFlops, p.TotalCountedMicroseconds,
                p.ComputeUnits, p.PresenceUnits)).ToList(),
            a.Pending.Select(r => new SwarmPendingReport(r.ReportId, r.Peer.PeerId, r.Timestamp, r.CumulativeFlops, r.FlopsSinceLast)).ToList());
    }

    /// <summary>Rebuilds an accrual from a captured state; it continues exactly as the captured one would have.</summary>
    /// <param name="options">The same options the captured accrual ran with.</param>
    /// <param name="state">The captured state.</param>
    /// <param name="maxFlopsPerSecond">The credit limit, as in the constructor.</param>
    /// <exception cref="ArgumentException">The state is inconsistent (unknown version, repeated account or peer).</exception>
    public static SwarmAccrual Restore(SwarmOptions options, SwarmAccrualState state, Func<long, double>? maxFlopsPerSecond = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Version != SwarmAccrualState.CurrentVersion)
        {
            throw new ArgumentException($"Swarm accrual state version {state.Version} is not supported (expected {SwarmAccrualState.CurrentVersion}).", nameof(state));
        }
        var accrual = new SwarmAccrual(options, maxFlopsPerSecond);
        foreach (var account in state.Accounts)
        {
            accrual.Load(account);
        }
        return accrual;
    }

    /// <summary>Adds one account (with its peers and pending reports) from its captured state.</summary>
    /// <exception cref="ArgumentException">The account or one of its peers is already held, or the state is inconsistent.</exception>
    public void Load(SwarmAccountState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.CapIndex < 0 || state.CapIndex > capChanges.Length || state.Cap < 1)
        {
            throw new ArgumentException($"Swarm state: account '{state.Account}' has cap {state.Cap} and cap index {state.CapIndex}, which do not match the options ({capChanges.Length} cap changes).", nameof(state));
        }
        if (accounts.ContainsKey(state.Account))
        {
            throw new ArgumentException($"Swarm state: account '{state.Account}' is loaded twice.", nameof(state));
        }
        var account = new SwarmAccount(state.Account, state.Cap) { CapIndex = state.CapIndex, MaxSeen = state.MaxSeen, Settled = state.Settled };
        foreach (var p in state.Peers)
        {
            if (peers.ContainsKey(p.PeerId) || account.Peers.ContainsKey(p.PeerId))
            {
                throw new ArgumentException($"Swarm state: peer '{p.PeerId}' of account '{state.Account}' is held twice.", nameof(state));
            }
            var peer = new SwarmPeer(p.PeerId, account, p.FirstSeen)
            {
                LastSeen = p.LastSeen, Counter = p.Counter, HasReported = p.HasReported,
                Live = p.Live, Activation = p.Activation, LastReport = p.LastReport, Seated = p.Seated,
                SeatedSince = p.SeatedSince, PlaceSince = p.PlaceSince, PendingCounted = p.PendingCounted,
                TotalCountedFlops = p.TotalCountedFlops, TotalCountedMicroseconds = p.TotalCountedMicroseconds,
                ComputeUnits = p.ComputeUnits, PresenceUnits = p.PresenceUnits,
            };
            account.Peers.Add(peer.PeerId, peer);
            if (peer.Live)
            {
                account.InsertLive(peer);
            }
        }
        foreach (var r in state.Pending)
        {
            if (!account.Peers.TryGetValue(r.PeerId, out var peer))
            {
                throw new ArgumentException($"Swarm state: pending report '{r.ReportId}' names peer '{r.PeerId}', which is not a peer of account '{state.Account}'.", nameof(state));
            }
            account.InsertPending(new PendingReport(r.ReportId, peer, r.Timestamp, ToMicroseconds(r.Timestamp), r.CumulativeFlops, r.FlopsSinceLast));
        }
        accounts.Add(account.Name, account);
        foreach (var peer in account.Peers.Values)
        {
            peers.Add(peer.PeerId, peer);
        }
    }

    private static string? Check(in SwarmReport report, out long time)
    {
        time = 0;
        if (string.IsNullOrWhiteSpace(report.ReportId))
        {
            return "reportId is missing";
        }
        if (string.IsNullOrWhiteSpace(report.PeerId))
        {
            return "peerId is missing";
        }
        if (string.IsNullOrWhiteSpace(report.Account))
        {
            return "account is missing";
        }
        if (!(report.Timestamp >= 0 && report.Timestamp <= SwarmReport.MaxTimestamp))
        {
            return $"timestamp must be unix seconds between 0 and {SwarmReport.MaxTimestamp:R} (got {report.Timestamp.ToString("R", CultureInfo.InvariantCulture)})";
        }
        time = ToMicroseconds(report.Timestamp);
        return CheckFlops("cumulativeFlops", report.CumulativeFlops) ?? CheckFlops("flopsSinceLast", report.FlopsSinceLast);
    }

    private static string? CheckFlops(string field, double? value) =>
        value is double v && !(v >= 0 && v <= SwarmReport.MaxFlops && Math.Floor(v) == v)
            ? $"{field} must be a whole number of FLOPs between 0 and {SwarmReport.MaxFlops:R} (got {v.ToString("R", CultureInfo.InvariantCulture)})"
            : null;

    internal static long ToMicroseconds(double seconds) => (long)Math.Round(seconds * 1e6, MidpointRounding.ToEven);

    private static string Seconds(long microseconds) => (microseconds / 1e6).ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Settles, in time order, every held instant of the account before <paramref name="limit"/>.</summary>
    private void SettleBefore(SwarmAccount account, long limit, ISwarmAccrualSink sink)
    {
        while (account.Pending.Count > 0 && account.Pending[0].Time < limit)
        {
            long now = account.Pending[0].Time;
            int count = 1;
            while (count < account.Pending.Count && account.Pending[count].Time == now)
            {
                count++;
            }
            Settle(account, now, count, sink);
            account.Pending.RemoveRange(0, count);
        }
    }

    /// <summary>Settles one instant: expiries and cap changes before it, then its reports, then places.</summary>
    private void Settle(SwarmAccount account, long now, int count, ISwarmAccrualSink sink)
    {
        account.Settled = now;
        AdvanceTo(account, now, sink);

        settlements.Clear();
        for (int i = 0; i < count; i++)
        {
            var report = account.Pending[i];
            var peer = report.Peer;

            // The cumulative counter wins when both fields are present: it is self-correcting (a lost report loses no
            // work). A FLOPs-since-last report advances the same virtual counter, so a later counter report does not
            // pay that work twice.
            UInt128 flops;
            if (report.CumulativeFlops is double cumulative)
            {
                var value = (UInt128)cumulative;
                flops = value >= peer.Counter ? value - peer.Counter : value; // a decrease is a reset: count the new value
                peer.Counter = value;
            }
            else if (report.FlopsSinceLast is double since)
            {
                flops = (UInt128)since;
                peer.Counter += flops;
            }
            else
            {
                flops = UInt128.Zero; // a heartbeat: presence only
            }

            // A peer is credited at most what it could have done since its previous report (its first report: within
            // one presence timeout), so a forged reset or counter jump cannot mint unbounded points.
            long elapsed = peer.HasReported ? now - peer.LastReport : timeout;
            double limit = maxFlopsPerSecond(now);
            UInt128 credited = Credit(flops, limit, elapsed);

            bool starts = !peer.Live;
            long active = 0;
            long counted = 0;
            if (starts)
            {
                peer.Live = true;
                peer.Activation = now;
                peer.PendingCounted = 0;
                account.InsertLive(peer);
            }
            else
            {
                active = now - peer.LastReport;
                counted = peer.PendingCounted + (peer.Seated ? now - peer.SeatedSince : 0);
                peer.PendingCounted = 0;
                if (peer.Seated)
                {
                    peer.SeatedSince = now;
                }
            }
            peer.LastReport = now;
            peer.HasReported = true;
            settlements.Add(new Settlement(report, flops, credited, elapsed, limit, starts, active, counted));
        }
        Reseat(account, now, sink);

        foreach (var s in settlements)
        {
            var peer = s.Report.Peer;
            // Work in a report is spread evenly over the active time it closes; work reported at an instant with no
            // active time before it (the first report of an interval) belongs to that instant.
            UInt128 countedFlops = s.Active == 0
                ? (peer.Seated ? s.Credited : UInt128.Zero)
                : Share(s.Credited, s.Counted, s.Active);
            peer.TotalCountedFlops += countedFlops;
            peer.TotalCountedMicroseconds += s.Counted;
            sink.Accrued(new SwarmAccrualEntry(
                s.Report.ReportId, peer.PeerId, account.Name, s.Report.Timestamp, s.Flops, s.Credited, countedFlops, s.Elapsed,
                s.Active, s.Counted, peer.Seated, s.Starts, peer.TotalCountedFlops, peer.TotalCountedMicroseconds, s.Limit));
        }
    }

    /// <summary><c>min(flops, ⌊limit × elapsed seconds⌋)</c>; no limit when it is infinite or beyond any FLOP count.</summary>
    private static UInt128 Credit(UInt128 flops, double limit, long elapsedMicroseconds)
    {
        double most = limit * (elapsedMicroseconds / 1e6);
        if (!(most < 1e30))
        {
            return flops;
        }
        var bound = (UInt128)Math.Floor(Math.Max(most, 0));
        return flops < bound ? flops : bound;
    }

    /// <summary>Applies, in time order, every interval expiry before <paramref name="until"/> and every cap change at or before it.</summary>
    private void AdvanceTo(SwarmAccount account, long until, ISwarmAccrualSink sink)
    {
        while (true)
        {
            long next = long.MaxValue;
            foreach (var peer in account.Live)
            {
                long deadline = peer.LastReport + timeout;
                if (deadline < until && deadline < next)
                {
                    next = deadline;
                }
            }
            if (account.CapIndex < capChanges.Length && capChanges[account.CapIndex].From <= until && capChanges[account.CapIndex].From < next)
            {
                next = capChanges[account.CapIndex].From;
            }
            if (next == long.MaxValue)
            {
                return;
            }
            for (int i = account.Live.Count - 1; i >= 0; i--)
            {
                var peer = account.Live[i];
                long deadline = peer.LastReport + timeout;
                if (deadline <= next && deadline < until)
                {
                    // The place is held until the timeout proves the peer gone; the time after its last report is never paid.
                    if (peer.Seated)
                    {
                        ReleasePlace(account, peer, next, sink);
                    }
                    peer.Live = false;
                    peer.PendingCounted = 0;
                    account.Live.RemoveAt(i);
                }
            }
            while (account.CapIndex < capChanges.Length && capChanges[account.CapIndex].From <= next)
            {
                account.Cap = capChanges[account.CapIndex].Cap;
                account.CapIndex++;
            }
            Reseat(account, next, sink);
        }
    }

    /// <summary>Gives the places to the first <c>Cap</c> live peers in (activation, peer id) order.</summary>
    private static void Reseat(SwarmAccount account, long at, ISwarmAccrualSink sink)
    {
        for (int i = 0; i < account.Live.Count; i++)
        {
            var peer = account.Live[i];
            bool holds = i < account.Cap;
            if (holds && !peer.Seated)
            {
                peer.Seated = true;
                peer.SeatedSince = at;
                peer.PlaceSince = at;
            }
            else if (!holds && peer.Seated)
            {
                peer.PendingCounted += at - peer.SeatedSince;
                ReleasePlace(account, peer, at, sink);
            }
        }
    }

    private static void ReleasePlace(SwarmAccount account, SwarmPeer peer, long at, ISwarmAccrualSink sink)
    {
        peer.Seated = false;
        if (at > peer.PlaceSince)
        {
            sink.PlaceReleased(new SwarmPlace(account.Name, peer.PeerId, peer.PlaceSince, at));
        }
    }

    /// <summary><c>round_half_even(flops × counted / active)</c>, exact.</summary>
    private static UInt128 Share(UInt128 flops, long counted, long active)
    {
        if (counted == active)
        {
            return flops;
        }
        if (counted == 0)
        {
            return UInt128.Zero;
        }
        if (flops >> 64 == UInt128.Zero)
        {
            return RoundHalfEven((UInt128)(ulong)flops * (ulong)counted, (ulong)active);
        }
        var product = (System.Numerics.BigInteger)flops * counted;
        var quotient = System.Numerics.BigInteger.DivRem(product, active, out var remainder);
        int half = (remainder * 2).CompareTo(active);
        if (half > 0 || (half == 0 && !quotient.IsEven))
        {
            quotient += 1;
        }
        return (UInt128)quotient;
    }

    private static UInt128 RoundHalfEven(UInt128 numerator, ulong denominator)
    {
        var (quotient, remainder) = UInt128.DivRem(numerator, denominator);
        UInt128 twice = remainder * 2;
        if (twice > denominator || (twice == denominator && (quotient & UInt128.One) == UInt128.One))
        {
            quotient++;
        }
        return quotient;
    }

    private readonly record struct Settlement(PendingReport Report, UInt128 Flops, UInt128 Credited, long Elapsed, double Limit, bool Starts, long Active, long Counted);
}
