using Scoring.Evaluation;
using Scoring.Evaluation.Binding;
using Scoring.Ingestion;
using Scoring.Reports;
using Scoring.RuleSets;
using Scoring.Schemes;

namespace Scoring.Rules.ProofOfGpu;

/// <summary>
/// A GPU subnet validator's Proof-of-GPU scheme (SN27): <c>pog</c> results are merged per uid (a local result outranks
/// another validator's; within a source the later result replaces the earlier), each miner is scored by the
/// <c>pog-score</c> rule set (a double output, bit-identical to the validator's <c>calc_score_pog</c>), and the round
/// becomes float32 L1 weights and u16 emission. Semantics: docs/proof-of-gpu.md.
/// </summary>
public sealed class ProofOfGpuScheme : WeightsScheme
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "pog";

    /// <summary>The score rule set's id.</summary>
    public const string RuleSetId = "pog-score";

    /// <summary>The score rule set's output.</summary>
    public const string ScoreOutput = "minerScore";

    /// <summary>The score rule set's GPU table (its largest value is gmax).</summary>
    public const string GpuTable = "gpuScores";

    private static readonly IReadOnlyList<RuleSet> BuiltIn = EmbeddedRuleSets.Load(typeof(ProofOfGpuScheme).Assembly, "Scoring.Rules.ProofOfGpu.");

    /// <summary>The built-in <c>pog-score</c> rule set (the default GPU table), to derive operator versions from.</summary>
    public static RuleSet BuiltInScore => BuiltIn.Single(r => r.Id == RuleSetId);

    /// <inheritdoc />
    public override string Name => SchemeName;

    /// <inheritdoc />
    public override string Description => "GPU subnet validator (SN27 Proof-of-GPU): per-miner scores from a GPU table, float32 L1 weights and u16 emission.";

    /// <inheritdoc />
    public override IReadOnlyList<ReportType> ReportTypes { get; } = [ProofOfGpuReportType.Instance];

    /// <inheritdoc />
    public override IReadOnlyList<RuleSet> RuleSets => BuiltIn;

    /// <inheritdoc />
    public override WeightsRound ScoreRound(IReadOnlyList<ReportInput> reports, SchemeContext context)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(context);
        using var scores = new VersionedRuleEvaluator<Report>(context.RuleSets, RuleSetId, ProofOfGpuReportType.Instance.Fields,
            "\"pog\" reports", [new RuleOutputRequirement(ScoreOutput, RuleOutputType.Double)], context.Evaluators);

        var chosen = new SortedDictionary<int, (ProofOfGpuReport? Local, ProofOfGpuReport? External)>();
        int resultCount = 0;
        foreach (var input in reports)
        {
            if (input.Report is not ProofOfGpuReport result)
                continue;
            resultCount++;
            chosen.TryGetValue(result.Uid, out var slot);
            chosen[result.Uid] = result.Source == ProofOfGpuSource.Local ? slot with { Local = result } : slot with { External = result };
        }
        var used = chosen.Values.Select(s => s.Local ?? s.External!).ToArray();
        var results = new RuleResult[used.Length];
        // The round has no time of its own: results without a timestamp are scored by the version in force now.
        var now = context.Time.GetUtcNow();
        scores.Evaluate(used, r => r.Time ?? now, results);

        var miners = new List<MinerScore>(used.Length);
        var unknown = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var rejections = new List<string>();
        int local = 0, external = 0, penalized = 0, notQueryable = 0;
        for (int i = 0; i < used.Length; i++)
        {
            var (report, result) = (used[i], results[i]);
            var (status, reason) = StatusOf(report, result);
            double score = status == MinerStatus.Scored ? result.Double(0) : 0.0;
            miners.Add(new MinerScore(report.Uid, report.Hotkey, report.GpuName, report.GpuCount, score, report.Source, report.Allocated, status, reason,
                result.RuleSet?.RuleSet.ToString()));
            if (report.Source == ProofOfGpuSource.Local)
                local++;
            else
                external++;
            switch (status)
            {
                case MinerStatus.Penalized: penalized++; break;
                case MinerStatus.NotQueryable: notQueryable++; break;
                case MinerStatus.Rejected: rejections.Add($"uid {report.Uid} ({report.Hotkey}): {reason}"); break;
            }
            if (report.Source == ProofOfGpuSource.Local && status is MinerStatus.UnknownGpu or MinerStatus.Penalized
                && result.RuleSet is { } version && !InTable(version, report.GpuName))
                unknown[report.GpuName] = unknown.GetValueOrDefault(report.GpuName) + 1;
        }
        var diagnostics = new ProofOfGpuDiagnostics(resultCount, miners.Count, local, external, resultCount - miners.Count,
            penalized, notQueryable, rejections.Count, unknown, rejections);
        return new ProofOfGpuRound(miners, diagnostics);
    }

    /// <summary>Explains a result with the <c>pog-score</c> version in force at its time (now, when it has none).</summary>
    public override IReadOnlyList<SchemeExplanation> Explain(Report report, SchemeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (report is not ProofOfGpuReport)
            throw new ArgumentException($"The pog scheme explains \"pog\" reports, not \"{report?.Type}\".", nameof(report));
        using var evaluator = new VersionedRuleEvaluator<Report>(context.RuleSets, RuleSetId, ProofOfGpuReportType.Instance.Fields, "\"pog\" reports", [], context.Evaluators);
        var at = report.Time ?? context.Time.GetUtcNow();
        var trace = evaluator.Explain(report, at);
        return [new SchemeExplanation(RuleSetId, trace, trace is null ? $"no version of rule set '{RuleSetId}' is in force at {at:O}" : null)];
    }

    /// <summary>Why a miner scores what it scores, in the validator's order: not queryable, penalized, unknown GPU, scored.</summary>
    private static (MinerStatus Status, string? Reason) StatusOf(ProofOfGpuReport report, RuleResult result)
    {
        if (!report.Queryable)
            return (MinerStatus.NotQueryable, "The miner is not queryable.");
        if (report.Penalized)
            return (MinerStatus.Penalized, "The miner is penalized.");
        if (result.RuleSet is null)
            return (MinerStatus.Rejected, $"no version of rule set '{RuleSetId}' is in force at {report.Time:O}");
        if (result.Error == EvaluationError.MissingTableKey && report.Source == ProofOfGpuSource.Local)
            return (MinerStatus.UnknownGpu, $"GPU '{report.GpuName}' is not in the score table of {result.RuleSet.RuleSet}.");
        if (!result.Succeeded)
            return (MinerStatus.Rejected, $"rule set {result.RuleSet.RuleSet} voided the result: {result.Error}");
        double score = result.Double(0);
        return score is >= 0 and <= 1
            ? (MinerStatus.Scored, null)
            : (MinerStatus.Rejected, $"rule set {result.RuleSet.RuleSet} gave the score {score.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; a score must be in 0..1");
    }

    private static bool InTable(CompiledRuleSet version, string gpuName) =>
        version.RuleSet.Tables.FirstOrDefault(t => t.Name == GpuTable) is { } table
        && table.Entries.Any(e => e.Key.Type == ScalarType.String && e.Key.AsString == gpuName);
}
