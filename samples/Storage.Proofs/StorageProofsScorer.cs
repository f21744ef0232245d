using System.Globalization;
using Scoring;
using Scoring.Evaluation;
using Scoring.Evaluation.Binding;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.RuleSets;
using Scoring.Schemes;

namespace Storage.Proofs;

/// <summary>
/// The storage scheme's scoring step. Per batch: reads the previous proof of every provider the batch touches from the
/// scheme's state, walks the proofs in input order (a proof at or before its provider's previous one is late, a proof
/// for another account than the provider's is rejected), evaluates the accepted proofs' facts with the
/// <c>storage-points</c> version in force at each proof's time (columnar, on the configured backend), posts one entry
/// per accepted proof, and writes each provider's latest proof back — all in the batch's transaction.
/// </summary>
/// <remarks>
/// State: one key per provider, the provider id itself (<see cref="StorageProvider"/>; ids and keys are both at most
/// 256 characters, so a prefix would not fit every id). Nothing is held back, so there is nothing to settle at the end
/// of an input: a provider's watermark is its latest proof.
/// </remarks>
internal sealed class StorageProofsScorer : SchemeScorer
{
    private readonly VersionedRuleEvaluator<StorageProofFacts> _points;
    private readonly List<StorageProofFacts> _facts = [];
    private RuleResult[] _results = [];

    public StorageProofsScorer(StorageProofsScheme scheme, SchemeContext context)
        : base(scheme)
    {
        _points = new VersionedRuleEvaluator<StorageProofFacts>(
            context.RuleSets, StorageProofsScheme.RuleSetId, StorageProofFacts.Fields, "storage proof facts",
            [new RuleOutputRequirement("points", RuleOutputType.Points)], context.Evaluators);
    }

    public override IReadOnlyList<CompiledRuleSet> RuleSets => _points.Versions;

    public override async ValueTask ScoreAsync(SchemeBatch batch, CancellationToken cancellationToken)
    {
        var reports = batch.Reports;
        var keys = reports.Select(r => ((StorageProofReport)r.Report).ProviderId).Distinct(StringComparer.Ordinal).ToArray();
        var stored = await batch.State.GetAsync(keys, StorageStateJsonContext.Default.StorageProvider, cancellationToken).ConfigureAwait(false);
        var providers = new Dictionary<string, StorageProvider>(stored, StringComparer.Ordinal);
        var changed = new HashSet<string>(StringComparer.Ordinal);

        // Input order decides: each accepted proof becomes its provider's previous proof for the next one.
        _facts.Clear();
        for (int i = 0; i < reports.Count; i++)
        {
            var proof = (StorageProofReport)reports[i].Report;
            string key = proof.ProviderId;
            long microseconds = Microseconds(proof.Timestamp);
            if (providers.TryGetValue(key, out var previous))
            {
                if (!string.Equals(previous.Account, proof.Account, StringComparison.Ordinal))
                {
                    batch.Reject(i, "$.account", $"provider '{proof.ProviderId}' proves for account '{previous.Account}' (its first proof); a provider cannot move to account '{proof.Account}'");
                    continue;
                }
                if (microseconds <= previous.Microseconds)
                {
                    batch.RejectLate(i, $"late proof: provider '{proof.ProviderId}' already proved at {UnixTime.FromSeconds(previous.Timestamp):O}; " +
                        "a proof must be later than the provider's previous one (it pays for the time since then)");
                    continue;
                }
                _facts.Add(new StorageProofFacts(proof, First: false, previous.Bytes, microseconds - previous.Microseconds));
            }
            else
            {
                _facts.Add(new StorageProofFacts(proof, First: true, PreviousBytes: 0, ElapsedMicroseconds: 0));
            }
            providers[key] = new StorageProvider(proof.Account, proof.Timestamp, microseconds, proof.BytesStored);
            changed.Add(key);
        }

        Pay(batch);
        foreach (var key in changed)
            batch.State.Set(key, providers[key], StorageStateJsonContext.Default.StorageProvider);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _points.Dispose();
    }

    /// <summary>Evaluates the accepted proofs' facts with the version in force at each proof's time and posts one entry per proof.</summary>
    private void Pay(SchemeBatch batch)
    {
        if (_facts.Count == 0)
            return;
        if (_results.Length < _facts.Count)
            _results = new RuleResult[_facts.Count];
        _points.Evaluate(_facts, f => f.Proof.Time!.Value, _results);
        for (int i = 0; i < _facts.Count; i++)
        {
            var facts = _facts[i];
            var proof = facts.Proof;
            var result = _results[i];
            var amount = Points.Zero;
            string? reason;
            if (result.RuleSet is null)
            {
                reason = $"voided: no version of rule set '{StorageProofsScheme.RuleSetId}' is in force at {proof.Time:O}; the proof earns nothing";
            }
            else if (!result.Succeeded)
            {
                reason = $"voided: rule set {result.RuleSet.RuleSet} gave no valid points ({result.Error}); the proof earns nothing";
            }
            else if (result.Points(0) is { IsNegative: true } negative)
            {
                reason = $"voided: rule set {result.RuleSet.RuleSet} gave {negative} points; a proof never earns less than nothing";
            }
            else
            {
                amount = result.Points(0);
                reason = amount == Points.Zero ? WhyZero(result.RuleSet, facts) : null;
            }
            // A voided proof is still recorded, with 0 points and the reason: it moved the provider's clock, so a replay
            // of it must be a duplicate, and the provider can see why it earned nothing.
            var ruleSet = result.RuleSet ?? _points.Versions[0];
            long after = Microseconds(proof.Timestamp);
            long before = after - facts.ElapsedMicroseconds;
            batch.Post(new LedgerReport
            {
                Scheme = StorageProofsScheme.SchemeName,
                ReportId = proof.Id,
                Producer = proof.ProviderId,
                ReportTime = proof.Time!.Value,
                RuleSetId = ruleSet.RuleSet.Id,
                RuleSetHash = ruleSet.ContentHash,
                Postings =
                [
                    new LedgerPosting(proof.Account, proof.ProviderId, StorageProofsScheme.SchemeName, amount)
                    {
                        // The paid interval's whole seconds (differences of truncated times, so consecutive paid intervals add up exactly).
                        ActiveSeconds = amount > Points.Zero ? after / 1_000_000 - before / 1_000_000 : 0,
                        Reason = reason,
                    },
                ],
            });
        }
    }

    /// <summary>Why a proof earns 0: the conditional rules that fired, and the facts they judged.</summary>
    private string WhyZero(CompiledRuleSet ruleSet, StorageProofFacts facts)
    {
        var fired = ruleSet.Explain(_points.BatchOf(ruleSet, facts), 0).Rules
            .Where(r => r.Outcome == RuleOutcome.Fired && r.Condition is not null)
            .Select(r => $"{r.Name} ({r.Condition})")
            .ToArray();
        string rules = fired.Length > 0 ? string.Join(", ", fired) : $"rule set {ruleSet.RuleSet} values the interval at 0";
        string about = facts.First
            ? $"the first proof of provider '{facts.Proof.ProviderId}' starts its clock"
            : string.Create(CultureInfo.InvariantCulture,
                $"{facts.ElapsedHours:R} h since the previous proof, uptime ratio {facts.UptimeRatio:R}, {Math.Min(facts.PreviousBytes, facts.Proof.BytesStored)} bytes held at both ends");
        return $"0 points: {rules}; {about}";
    }

    /// <summary>Unix seconds to whole microseconds, rounded half to even: intervals are exact integers, whatever the file or batch.</summary>
    private static long Microseconds(double unixSeconds) => (long)Math.Round(unixSeconds * 1e6, MidpointRounding.ToEven);
}
