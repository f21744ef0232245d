using System.Globalization;
using Scoring.Evaluation;
using Scoring.Evaluation.Binding;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.RuleSets;
using Scoring.Schemes;

namespace Scoring.Rules.Swarm;

/// <summary>
/// The swarm scheme's scoring step. Per batch: loads the accrual state of the accounts the batch touches from the
/// ledger, feeds the reports to <see cref="SwarmAccrual"/>, turns the settled entries' totals into points with the
/// <c>swarm-points</c> rule set in force (on the configured backend), posts each entry's increase as a compute and a
/// presence posting, and writes the accounts' state back — all in the batch's transaction.
/// </summary>
/// <remarks>
/// State keys: <c>account/{account}</c> (the account's peers, places and held reports), <c>peer/{peer}</c> (the
/// peer's account, so a peer can never move), <c>pending/{account}</c> (present while the account holds reports in
/// its reorder window, so settling at the end of an input finds them without reading every account).
/// </remarks>
internal sealed class SwarmScorer : SchemeScorer
{
    private const string AccountPrefix = "account/";
    private const string PeerPrefix = "peer/";
    private const string PendingPrefix = "pending/";

    private readonly SwarmOptions _options;
    private readonly RuleSetRegistry _ruleSets;
    private readonly VersionedRuleEvaluator<SwarmAccrualEntry> _points;
    private readonly SwarmAccrualBuffer _sink = new();
    // The accounts' state as last read or written by this scorer: a server's group commits read the same accounts again
    // and again, and deserializing them was a third of its writing loop's own time (bench/README.md, "eighth pass").
    private readonly SchemeStateCache<SwarmAccountState> _accounts = new(SwarmStateJsonContext.Default.SwarmAccountState);
    private RuleResult[] _results = [];

    public SwarmScorer(SwarmScheme scheme, SchemeContext context)
        : base(scheme)
    {
        _options = scheme.Options;
        _ruleSets = context.RuleSets;
        _points = new VersionedRuleEvaluator<SwarmAccrualEntry>(
            context.RuleSets, SwarmPointsInputs.RuleSetId, SwarmPointsInputs.Fields, "swarm accrual facts",
            [new RuleOutputRequirement(SwarmScheme.ComputeKind, RuleOutputType.Points), new RuleOutputRequirement(SwarmScheme.PresenceKind, RuleOutputType.Points)],
            context.Evaluators);
        foreach (var version in _points.Versions)
            _ = MaxFlopsPerSecondOf(version);
    }

    public override IReadOnlyList<CompiledRuleSet> RuleSets => _points.Versions;

    public override async ValueTask ScoreAsync(SchemeBatch batch, CancellationToken cancellationToken)
    {
        var reports = batch.Reports.Select(r => (SwarmPeerReport)r.Report).ToArray();
        // Each peer's state key is made once per batch, not once per report: a batch holds about a report per peer and
        // account for thousands of reports, and those concatenations were the largest part of the batch's garbage.
        var peerKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var report in reports)
        {
            if (!peerKeys.ContainsKey(report.PeerId))
                peerKeys.Add(report.PeerId, PeerPrefix + report.PeerId);
        }
        var knownPeers = await batch.State.GetAsync(peerKeys.Values, SwarmStateJsonContext.Default.String, cancellationToken).ConfigureAwait(false);
        var accountNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var report in reports)
            accountNames.Add(knownPeers.TryGetValue(peerKeys[report.PeerId], out var owner) ? owner : report.Account);
        var indexed = knownPeers.Keys.ToHashSet(StringComparer.Ordinal);
        var (accrual, pendingBefore) = await LoadAsync(batch.State, accountNames, cancellationToken).ConfigureAwait(false);

        // One buffer for every batch (a scorer scores one batch at a time): its list of entries, about one per report,
        // is a large array, which each batch would otherwise allocate anew.
        var sink = _sink;
        sink.Clear();
        sink.Entries.EnsureCapacity(reports.Length);
        for (int i = 0; i < reports.Length; i++)
        {
            var r = reports[i];
            if (accrual.TryIngest(new SwarmReport(r.ReportId, r.PeerId, r.Account, r.Timestamp, r.CumulativeFlops, r.FlopsSinceLast), sink, out var rejection))
            {
                var peerKey = peerKeys[r.PeerId];
                if (indexed.Add(peerKey))
                    batch.State.Set(peerKey, r.Account, SwarmStateJsonContext.Default.String);
            }
            else if (rejection.Kind == SwarmRejectionKind.Late)
            {
                batch.RejectLate(i, rejection.Reason);
            }
            else
            {
                batch.Reject(i, rejection.Kind == SwarmRejectionKind.AnotherAccount ? "$.account" : "$", rejection.Reason);
            }
        }
        Pay(accrual, sink.Entries, batch);
        Save(accrual, pendingBefore, batch.State);
        sink.Clear();
    }

    public override async ValueTask SettleAsync(SchemeBatch batch, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var (key, _) in batch.State.ScanAsync(PendingPrefix, SwarmStateJsonContext.Default.Boolean, cancellationToken).ConfigureAwait(false))
            names.Add(key[PendingPrefix.Length..]);
        if (names.Count == 0)
            return;
        var (accrual, pendingBefore) = await LoadAsync(batch.State, names, cancellationToken).ConfigureAwait(false);
        var sink = new SwarmAccrualBuffer();
        accrual.Flush(sink);
        Pay(accrual, sink.Entries, batch);
        Save(accrual, pendingBefore, batch.State);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _points.Dispose();
    }

    private async ValueTask<(SwarmAccrual Accrual, HashSet<string> PendingBefore)> LoadAsync(SchemeState state, IReadOnlyCollection<string> accounts, CancellationToken cancellationToken)
    {
        var accrual = new SwarmAccrual(_options, MaxFlopsPerSecondAt);
        var pendingBefore = new HashSet<string>(StringComparer.Ordinal);
        var stored = await state.GetAsync(accounts.Select(a => AccountPrefix + a).ToArray(), _accounts, cancellationToken).ConfigureAwait(false);
        foreach (var account in stored.Values)
        {
            accrual.Load(account);
            if (account.Pending.Count > 0)
                pendingBefore.Add(account.Account);
        }
        return (accrual, pendingBefore);
    }

    private void Save(SwarmAccrual accrual, HashSet<string> pendingBefore, SchemeState state)
    {
        var pendingNow = accrual.AccountsWithPending.ToHashSet(StringComparer.Ordinal);
        foreach (var name in accrual.ChangedAccounts)
        {
            state.Set(AccountPrefix + name, accrual.CaptureAccount(name), _accounts);
            if (pendingNow.Contains(name) && !pendingBefore.Contains(name))
                state.Set(PendingPrefix + name, true, SwarmStateJsonContext.Default.Boolean);
            else if (!pendingNow.Contains(name) && pendingBefore.Contains(name))
                state.Remove(PendingPrefix + name);
        }
    }

    /// <summary>Evaluates the settled entries' totals with the rule set in force and posts each entry's increase.</summary>
    private void Pay(SwarmAccrual accrual, List<SwarmAccrualEntry> entries, SchemeBatch batch)
    {
        if (entries.Count == 0)
            return;
        if (_results.Length < entries.Count)
            _results = new RuleResult[entries.Count];
        _points.Evaluate(entries, e => UnixTime.FromSeconds(e.Timestamp), _results);
        for (int i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var result = _results[i];
            long computeIncrease = 0, presenceIncrease = 0;
            string? voided = result.RuleSet is null
                ? $"voided: no version of rule set '{SwarmPointsInputs.RuleSetId}' is in force at {UnixTime.FromSeconds(entry.Timestamp):O}"
                : !result.Succeeded
                    ? $"voided: rule set {result.RuleSet.RuleSet} gave no valid points ({result.Error}); the report earns nothing"
                    : !accrual.TryPay(entry.PeerId, result.Points(0).Units, result.Points(1).Units, out computeIncrease, out presenceIncrease)
                        ? $"voided: rule set {result.RuleSet.RuleSet} lowered peer '{entry.PeerId}''s total points (its outputs must not decrease as the totals grow); the report earns nothing"
                        : null;
            if (voided is not null)
                (computeIncrease, presenceIncrease) = (0, 0);
            long before = entry.TotalCountedMicroseconds - entry.CountedMicroseconds;
            var ruleSet = result.RuleSet ?? _ruleSets.Versions(SwarmPointsInputs.RuleSetId)[0];
            batch.Post(new LedgerReport
            {
                Scheme = SwarmScheme.SchemeName,
                ReportId = entry.ReportId,
                Producer = entry.PeerId,
                ReportTime = UnixTime.FromSeconds(entry.Timestamp),
                RuleSetId = ruleSet.RuleSet.Id,
                RuleSetHash = ruleSet.ContentHash,
                Postings =
                [
                    new LedgerPosting(entry.Account, entry.PeerId, SwarmScheme.ComputeKind, Points.FromUnits(computeIncrease))
                    {
                        Reason = voided ?? (entry.IsCapped ? CapReason(entry) : null),
                    },
                    new LedgerPosting(entry.Account, entry.PeerId, SwarmScheme.PresenceKind, Points.FromUnits(presenceIncrease))
                    {
                        // The increase of whole seconds of the peer's counted time: the sum over its entries is its total, truncated once.
                        ActiveSeconds = voided is null ? entry.TotalCountedMicroseconds / 1_000_000 - before / 1_000_000 : 0,
                        Reason = voided,
                    },
                ],
            });
        }
    }

    private static string CapReason(SwarmAccrualEntry entry) => string.Create(CultureInfo.InvariantCulture,
        $"counter jump: {entry.ReportedFlops} FLOPs reported over {entry.ElapsedMicroseconds / 1e6:R} s; credited {entry.CreditedFlops} " +
        $"(maxFlopsPerSecond {entry.MaxFlopsPerSecond:R}), {entry.ReportedFlops - entry.CreditedFlops} FLOPs not paid");

    private double MaxFlopsPerSecondAt(long unixMicroseconds) => MaxFlopsPerSecondAt(_ruleSets, unixMicroseconds);

    /// <summary>The <c>maxFlopsPerSecond</c> parameter of the version in force at a report time (no limit when none is).</summary>
    internal static double MaxFlopsPerSecondAt(RuleSetRegistry ruleSets, long unixMicroseconds)
    {
        var at = DateTimeOffset.UnixEpoch.AddTicks(unixMicroseconds * TimeSpan.TicksPerMicrosecond);
        return ruleSets.TryResolve(SwarmPointsInputs.RuleSetId, at, out var version) ? MaxFlopsPerSecondOf(version) : double.PositiveInfinity;
    }

    private static double MaxFlopsPerSecondOf(CompiledRuleSet version)
    {
        var parameter = version.RuleSet.Parameters.FirstOrDefault(p => p.Name == SwarmPointsInputs.MaxFlopsPerSecond);
        double value = parameter?.Value.Type switch
        {
            ScalarType.Double => parameter.Value.AsDouble,
            ScalarType.Int => parameter.Value.AsInt,
            _ => double.NaN,
        };
        if (!(value > 0))
        {
            throw new RuleSetException(
                $"Rule set {version.RuleSet} must declare the parameter '{SwarmPointsInputs.MaxFlopsPerSecond}' (a number above 0): " +
                "the most FLOPs a peer is credited per second since its previous report.");
        }
        return value;
    }
}
