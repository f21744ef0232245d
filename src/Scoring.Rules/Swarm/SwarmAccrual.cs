using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Scoring.Rules.Swarm;

/// <summary>
/// Turns a stream of swarm peer reports into compute and presence points, with presence intervals and the
/// per-account peer cap. Deterministic: the same reports (in any interleaving that keeps each account's reports
/// in time order) give the same entries. Semantics and worked examples: <c>docs/schemes.md</c>.
/// </summary>
/// <remarks>
/// Reports of one account are settled one instant at a time, in time order: a report is held until the account has
/// seen a report more than <see cref="SwarmOptions.ReorderWindow"/> newer, or <see cref="Flush"/> is called, so all
/// reports of one instant are decided together (places at an instant go by activation time, then peer id, never by
/// arrival order). Not thread-safe.
/// </remarks>
public sealed class SwarmAccrual
{
    private const double MicrosecondsPerHour = 3_600_000_000.0;

    private readonly long timeout;
    private readonly long reorderWindow;
    private readonly double flopsPerPoint;
    private readonly double presencePointsPerHour;
    private readonly int initialCap;
    private readonly (long From, int Cap)[] capChanges;
    private readonly Dictionary<string, SwarmPeer> peers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SwarmAccount> accounts = new(StringComparer.Ordinal);
    private readonly List<Settlement> settlements = [];
    private long nextSequence;

    /// <summary>Creates an empty accrual.</summary>
    /// <exception cref="OptionsValidationException">The options are invalid; the message names each bad key.</exception>
    public SwarmAccrual(SwarmOptions options)
    {
        SwarmOptionsValidator.ThrowIfInvalid(options);
        timeout = options.PresenceTimeout.Ticks / TimeSpan.TicksPerMicrosecond;
        reorderWindow = options.ReorderWindow.Ticks / TimeSpan.TicksPerMicrosecond;
        flopsPerPoint = options.FlopsPerPoint;
        presencePointsPerHour = options.PresencePointsPerHour;
        initialCap = options.PeerCap;
        capChanges = options.PeerCapChanges.Select(c => (ToMicroseconds(c.From), c.PeerCap)).ToArray();
    }

    /// <summary>Creates an empty accrual from bound options.</summary>
    public SwarmAccrual(IOptions<SwarmOptions> options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value)
    {
    }

    /// <summary>How many peers have been seen.</summary>
    public int PeerCount => peers.Count;

    /// <summary>
    /// Accepts one report, or rejects it with a reason (nothing changes then). The report may let earlier held reports
    /// of its account settle; their entries and released places go to <paramref name="sink"/>.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="sink">Receives settled entries and released places.</param>
    /// <param name="rejection">Why the report was rejected: a missing id, a bad number, a late or duplicate report.</param>
    /// <returns>Whether the report was accepted.</returns>
    public bool TryIngest(in SwarmReport report, ISwarmAccrualSink sink, [NotNullWhen(false)] out string? rejection)
    {
        ArgumentNullException.ThrowIfNull(sink);
        rejection = Check(report, out long time);
        if (rejection is not null)
        {
            return false;
        }

        peers.TryGetValue(report.PeerId, out var peer);
        if (peer is not null && !string.Equals(peer.Account.Name, report.Account, StringComparison.Ordinal))
        {
            rejection = $"peer '{report.PeerId}' belongs to account '{peer.Account.Name}', not '{report.Account}'";
            return false;
        }
        var account = peer?.Account ?? accounts.GetValueOrDefault(report.Account);
        if (account is not null && time < account.Settled)
        {
            rejection = $"late report: timestamp {Seconds(time)} is before account '{account.Name}''s settled time {Seconds(account.Settled)}; " +
                $"a report must arrive before its account has seen one more than the reorder window ({Seconds(reorderWindow)} s) newer";
            return false;
        }
        if (peer is not null && string.Equals(peer.LastReportId, report.ReportId, StringComparison.Ordinal))
        {
            rejection = $"duplicate of peer '{report.PeerId}''s previous report '{report.ReportId}'";
            return false;
        }

        // The work is resolved at settlement, in time order; here only its upper bound is checked against the range
        // of points (a counter adds at most its own value, even after a reset).
        double bound = report.CumulativeFlops ?? report.FlopsSinceLast ?? 0;
        UInt128 worstCase = (peer?.TotalCountedFlops ?? UInt128.Zero) + (peer?.PendingFlopsBound ?? UInt128.Zero) + (UInt128)bound;
        if (!Points.TryFromDouble((double)worstCase / flopsPerPoint, out _))
        {
            rejection = $"peer '{report.PeerId}''s compute total would exceed the range of points";
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
        }
        peer.PendingFlopsBound += (UInt128)bound;
        peer.LastReportId = report.ReportId;
        peer.FirstSeen = Math.Min(peer.FirstSeen, time);
        peer.LastSeen = Math.Max(peer.LastSeen, time);
        account.InsertPending(new PendingReport(report.ReportId, peer, report.Timestamp, time, nextSequence++, report.CumulativeFlops, report.FlopsSinceLast));
        account.MaxSeen = Math.Max(account.MaxSeen, time);
        SettleBefore(account, account.MaxSeen - reorderWindow, sink);
        return true;
    }

    /// <summary>Settles every held report (call at the end of a stream, or before reading totals).</summary>
    /// <remarks>
    /// Reports older than the flushed ones are late afterwards; a report at exactly the last flushed instant is settled
    /// as a further step at that instant.
    /// </remarks>
    public void Flush(ISwarmAccrualSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        foreach (var account in accounts.Values.Where(a => a.Pending.Count > 0).OrderBy(a => a.Name, StringComparer.Ordinal).ToList())
        {
            SettleBefore(account, long.MaxValue, sink);
        }
    }

    /// <summary>Whether a peer is online at a time: its latest report is at most the presence timeout before it.</summary>
    public bool IsOnline(string peerId, double atUnixSeconds)
    {
        ArgumentNullException.ThrowIfNull(peerId);
        return peers.TryGetValue(peerId, out var peer)
            && double.IsFinite(atUnixSeconds)
            && Math.Round(atUnixSeconds * 1e6, MidpointRounding.ToEven) <= peer.LastSeen + timeout;
    }

    /// <summary>Captures the complete state, for persistence.</summary>
    public SwarmAccrualState Capture() => new(
        SwarmAccrualState.CurrentVersion,
        nextSequence,
        peers.Values.OrderBy(p => p.PeerId, StringComparer.Ordinal).Select(p => new SwarmPeerState(
            p.PeerId, p.Account.Name, p.FirstSeen, p.LastSeen, p.LastReportId, p.Counter, p.PendingFlopsBound,
            p.Live, p.Activation, p.LastReport, p.Seated, p.SeatedSince, p.PlaceSince, p.PendingCounted,
            p.TotalCountedFlops, p.TotalCountedMicroseconds, p.ComputeUnits, p.PresenceUnits)).ToList(),
        accounts.Values.OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => new SwarmAccountState(
            a.Name, a.Cap, a.CapIndex, a.MaxSeen, a.Settled,
            a.Pending.Select(r => new SwarmPendingReport(r.ReportId, r.Peer.PeerId, r.Timestamp, r.Sequence, r.CumulativeFlops, r.FlopsSinceLast)).ToList())).ToList());

    /// <summary>Rebuilds an accrual from a captured state; it continues exactly as the captured one would have.</summary>
    /// <param name="options">The same options the captured accrual ran with.</param>
    /// <param name="state">The captured state.</param>
    /// <exception cref="ArgumentException">The state is inconsistent (unknown version, account or peer).</exception>
    public static SwarmAccrual Restore(SwarmOptions options, SwarmAccrualState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var accrual = new SwarmAccrual(options) { nextSequence = state.NextSequence };
        if (state.Version != SwarmAccrualState.CurrentVersion)
        {
            throw new ArgumentException($"Swarm accrual state version {state.Version} is not supported (expected {SwarmAccrualState.CurrentVersion}).", nameof(state));
        }
        foreach (var a in state.Accounts)
        {
            if (a.CapIndex < 0 || a.CapIndex > accrual.capChanges.Length || !accrual.accounts.TryAdd(a.Account, new SwarmAccount(a.Account, a.Cap) { CapIndex = a.CapIndex, MaxSeen = a.MaxSeen, Settled = a.Settled }))
            {
                throw new ArgumentException($"Swarm accrual state: account '{a.Account}' is repeated or its cap index {a.CapIndex} does not match the options.", nameof(state));
            }
        }
        foreach (var p in state.Peers)
        {
            if (!accrual.accounts.TryGetValue(p.Account, out var account))
            {
                throw new ArgumentException($"Swarm accrual state: peer '{p.PeerId}' names unknown account '{p.Account}'.", nameof(state));
            }
            var peer = new SwarmPeer(p.PeerId, account, p.FirstSeen)
            {
                LastSeen = p.LastSeen, LastReportId = p.LastReportId, Counter = p.Counter, PendingFlopsBound = p.PendingFlopsBound,
                Live = p.Live, Activation = p.Activation, LastReport = p.LastReport, Seated = p.Seated,
                SeatedSince = p.SeatedSince, PlaceSince = p.PlaceSince, PendingCounted = p.PendingCounted,
                TotalCountedFlops = p.TotalCountedFlops, TotalCountedMicroseconds = p.TotalCountedMicroseconds,
                ComputeUnits = p.ComputeUnits, PresenceUnits = p.PresenceUnits,
            };
            if (!accrual.peers.TryAdd(peer.PeerId, peer))
            {
                throw new ArgumentException($"Swarm accrual state: peer '{p.PeerId}' is repeated.", nameof(state));
            }
            if (peer.Live)
            {
                account.InsertLive(peer);
            }
        }
        foreach (var a in state.Accounts)
        {
            var account = accrual.accounts[a.Account];
            foreach (var r in a.Pending)
            {
                if (!accrual.peers.TryGetValue(r.PeerId, out var peer) || peer.Account != account)
                {
                    throw new ArgumentException($"Swarm accrual state: pending report '{r.ReportId}' names peer '{r.PeerId}', which is not a peer of account '{a.Account}'.", nameof(state));
                }
                account.InsertPending(new PendingReport(r.ReportId, peer, r.Timestamp, ToMicroseconds(r.Timestamp), r.Sequence, r.CumulativeFlops, r.FlopsSinceLast));
            }
        }
        return accrual;
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

    private static long ToMicroseconds(double seconds) => (long)Math.Round(seconds * 1e6, MidpointRounding.ToEven);

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
                peer.PendingFlopsBound -= value;
            }
            else if (report.FlopsSinceLast is double since)
            {
                flops = (UInt128)since;
                peer.Counter += flops;
                peer.PendingFlopsBound -= flops;
            }
            else
            {
                flops = UInt128.Zero; // a heartbeat: presence only
            }

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
            settlements.Add(new Settlement(report, flops, starts, active, counted));
        }
        Reseat(account, now, sink);

        foreach (var s in settlements)
        {
            var peer = s.Report.Peer;
            UInt128 flops = s.Flops;
            // Work in a report is spread evenly over the active time it closes; work reported at an instant with no
            // active time before it (the first report of an interval) belongs to that instant.
            UInt128 countedFlops = s.Active == 0
                ? (peer.Seated ? flops : UInt128.Zero)
                : Share(flops, s.Counted, s.Active);
            peer.TotalCountedFlops += countedFlops;
            peer.TotalCountedMicroseconds += s.Counted;
            long compute = ComputeUnits(peer.TotalCountedFlops);
            long presence = PresenceUnits(peer.TotalCountedMicroseconds);
            var entry = new SwarmAccrualEntry(
                s.Report.ReportId, peer.PeerId, account.Name, s.Report.Timestamp, flops, countedFlops, s.Active, s.Counted,
                peer.Seated, s.Starts, Points.FromUnits(compute - peer.ComputeUnits), Points.FromUnits(presence - peer.PresenceUnits));
            peer.ComputeUnits = compute;
            peer.PresenceUnits = presence;
            sink.Accrued(entry);
        }
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

    // Points are a monotone function of the exact totals (IEEE operations are monotone), so every report's increase
    // is ≥ 0 and the sum over a peer's reports is the rounding of its total, however the reports are split.
    private long ComputeUnits(UInt128 totalFlops) => Points.FromDouble((double)totalFlops / flopsPerPoint).Units;

    private long PresenceUnits(long totalMicroseconds) => Points.FromDouble(totalMicroseconds / MicrosecondsPerHour * presencePointsPerHour).Units;

    private readonly record struct Settlement(PendingReport Report, UInt128 Flops, bool Starts, long Active, long Counted);
}
