using Scoring.Evaluation;
using Scoring.Evaluation.Batch;
using Scoring.Reports;
using Scoring.RuleSets;

namespace Scoring.Ingestion;

/// <summary>
/// Evaluates reports of one kind with the version of a rule set in force at each report's time (from a
/// <see cref="RuleSetRegistry"/>), in columnar batches: one <see cref="ReportBatch"/> per version, filled through a
/// <see cref="ReportRowBinding"/> and evaluated in one call. Buffers are kept and reused across calls.
/// </summary>
public sealed class VersionedRuleEvaluator
{
    private readonly RuleSetRegistry _registry;
    private readonly Dictionary<CompiledRuleSet, Group> _groups = new(ReferenceEqualityComparer.Instance);
    private readonly Func<CompiledRuleSet, ReportBatch, IBatchEvaluator> _evaluatorFactory;

    /// <summary>Creates an evaluator for rule set <paramref name="ruleSetId"/> over <paramref name="kind"/> reports.</summary>
    /// <param name="registry">The versions.</param>
    /// <param name="ruleSetId">The rule set's id.</param>
    /// <param name="kind">The report kind its inputs bind to.</param>
    /// <param name="evaluatorFactory">
    /// Creates the batch evaluator of one version (scalar, SIMD, OpenCL, or Auto, which calibrates on the batch it is
    /// given: the first real batch of that version). The default is the scalar compiled delegate. Every backend gives
    /// bit-identical points, so this choice changes speed only.
    /// </param>
    public VersionedRuleEvaluator(
        RuleSetRegistry registry,
        string ruleSetId,
        ReportKind kind,
        Func<CompiledRuleSet, ReportBatch, IBatchEvaluator>? evaluatorFactory = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleSetId);
        _registry = registry;
        RuleSetId = ruleSetId;
        Kind = kind;
        _evaluatorFactory = evaluatorFactory ?? ((compiled, _) => new ScalarBatchEvaluator(compiled));
        foreach (var version in registry.Versions(ruleSetId))
        {
            // Bind every version up front, so a rule set that reads a field the reports lack fails at start, not mid-run.
            _ = GroupOf(version);
        }
    }

    /// <summary>The rule set's id.</summary>
    public string RuleSetId { get; }

    /// <summary>The report kind.</summary>
    public ReportKind Kind { get; }

    /// <summary>Evaluates <paramref name="reports"/>; <paramref name="results"/>[i] is the result of report i.</summary>
    /// <param name="reports">Reports of <see cref="Kind"/>.</param>
    /// <param name="timeOf">A report's time, to pick the version in force.</param>
    /// <param name="results">Receives one result per report.</param>
    public void Evaluate(IReadOnlyList<Report> reports, Func<Report, DateTimeOffset> timeOf, Span<ReportRuleResult> results)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(timeOf);
        if (results.Length < reports.Count)
        {
            throw new ArgumentException($"results has room for {results.Length} of {reports.Count} reports.", nameof(results));
        }
        foreach (var group in _groups.Values)
        {
            group.Clear();
        }
        for (int i = 0; i < reports.Count; i++)
        {
            if (_registry.TryResolve(RuleSetId, timeOf(reports[i]), out var version))
            {
                GroupOf(version).Add(reports[i], i);
            }
            else
            {
                results[i] = default;
            }
        }
        foreach (var group in _groups.Values)
        {
            group.Evaluate(results);
        }
    }

    private Group GroupOf(CompiledRuleSet version)
    {
        if (!_groups.TryGetValue(version, out var group))
        {
            group = new Group(version, ReportRowBinding.Create(version, Kind), _evaluatorFactory);
            _groups.Add(version, group);
        }
        return group;
    }

    private sealed class Group(CompiledRuleSet version, ReportRowBinding binding, Func<CompiledRuleSet, ReportBatch, IBatchEvaluator> factory)
    {
        private readonly ReportBatch _batch = version.CreateBatch();
        private readonly List<int> _indexes = [];
        private readonly BatchResults _results = new();
        private IBatchEvaluator? _evaluator;

        public void Clear()
        {
            _batch.Clear();
            _indexes.Clear();
        }

        public void Add(Report report, int index)
        {
            binding.Add(_batch, report);
            _indexes.Add(index);
        }

        public void Evaluate(Span<ReportRuleResult> results)
        {
            int count = _batch.Count;
            if (count == 0)
            {
                return;
            }
            // Created on the first real batch, so an Auto backend calibrates on reports of this run.
            _evaluator ??= factory(version, _batch);
            _evaluator.Evaluate(_batch, _results);
            for (int row = 0; row < count; row++)
            {
                results[_indexes[row]] = new ReportRuleResult(version, _results[row]);
            }
        }
    }
}
