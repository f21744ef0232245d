using Scoring.Diagnostics;
using Scoring.Evaluation.Batch;
using Scoring.Reports;
using Scoring.RuleSets;

namespace Scoring.Evaluation.Binding;

/// <summary>
/// Evaluates rows with the version of one rule set in force at each row's time (from a <see cref="RuleSetRegistry"/>),
/// in columnar batches: one <see cref="ReportBatch"/> per version, filled through a <see cref="RowBinding{TRow}"/> and
/// evaluated in one call by the chosen backend. Buffers are kept and reused across calls. Not thread-safe.
/// </summary>
/// <typeparam name="TRow">What rows are read from: reports, or a scheme's facts.</typeparam>
public sealed class VersionedRuleEvaluator<TRow> : IDisposable
{
    private readonly RuleSetRegistry _registry;
    private readonly IReadOnlyList<RowField<TRow>> _fields;
    private readonly string _rowName;
    private readonly Func<CompiledRuleSet, ReportBatch, IBatchEvaluator> _evaluatorFactory;
    private readonly IReadOnlyList<RuleOutputRequirement> _outputs;
    private readonly Dictionary<CompiledRuleSet, Group> _groups = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates an evaluator for rule set <paramref name="ruleSetId"/> over rows with <paramref name="fields"/>.</summary>
    /// <param name="registry">The versions.</param>
    /// <param name="ruleSetId">The rule set's id.</param>
    /// <param name="fields">What a row offers to the rule set's inputs.</param>
    /// <param name="rowName">What a row is, for messages.</param>
    /// <param name="outputs">The outputs every version must have, with their types (the scheme reads them by name).</param>
    /// <param name="evaluatorFactory">The batch backend of one version (default: the scalar compiled delegate).</param>
    /// <exception cref="RuleSetException">No version of the id is registered, or a version reads a field rows lack or lacks an output.</exception>
    public VersionedRuleEvaluator(
        RuleSetRegistry registry,
        string ruleSetId,
        IEnumerable<RowField<TRow>> fields,
        string rowName,
        IReadOnlyList<RuleOutputRequirement> outputs,
        Func<CompiledRuleSet, ReportBatch, IBatchEvaluator>? evaluatorFactory = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleSetId);
        ArgumentNullException.ThrowIfNull(outputs);
        _registry = registry;
        RuleSetId = ruleSetId;
        _fields = fields.ToArray();
        _rowName = rowName;
        _outputs = outputs;
        _evaluatorFactory = evaluatorFactory ?? ((compiled, _) => new ScalarBatchEvaluator(compiled));
        if (registry.Versions(ruleSetId).Count == 0)
            throw new RuleSetException($"No version of rule set '{ruleSetId}' is registered.");
        foreach (var version in registry.Versions(ruleSetId))
        {
            // Bind every version up front, so a rule set that reads a missing field fails at start, not mid-run.
            _ = GroupOf(version);
        }
    }

    /// <summary>The rule set's id.</summary>
    public string RuleSetId { get; }

    /// <summary>Every version of the rule set, oldest first.</summary>
    public IReadOnlyList<CompiledRuleSet> Versions => _registry.Versions(RuleSetId);

    /// <summary>Evaluates <paramref name="rows"/>; <paramref name="results"/>[i] is the result of row i.</summary>
    /// <param name="rows">The rows.</param>
    /// <param name="timeOf">A row's time, to pick the version in force.</param>
    /// <param name="results">Receives one result per row (valid until the next call).</param>
    public void Evaluate(IReadOnlyList<TRow> rows, Func<TRow, DateTimeOffset> timeOf, Span<RuleResult> results)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(timeOf);
        if (results.Length < rows.Count)
            throw new ArgumentException($"results has room for {results.Length} of {rows.Count} rows.", nameof(results));
        foreach (var group in _groups.Values)
            group.Clear();
        for (int i = 0; i < rows.Count; i++)
        {
            if (_registry.TryResolve(RuleSetId, timeOf(rows[i]), out var version))
                GroupOf(version).Add(rows[i], i);
            else
                results[i] = default;
        }
        foreach (var group in _groups.Values)
            group.Evaluate(results);
    }

    /// <summary>Evaluates one row (e.g. to explain it); the result is valid until the next call.</summary>
    public RuleResult Evaluate(TRow row, DateTimeOffset time)
    {
        Span<RuleResult> one = new RuleResult[1];
        Evaluate([row], _ => time, one);
        return one[0];
    }

    /// <summary>Builds a one-row batch of <paramref name="row"/> for <paramref name="version"/>, e.g. to explain it.</summary>
    public ReportBatch BatchOf(CompiledRuleSet version, TRow row) => BatchOf(version, [row]);

    /// <summary>Builds a batch of <paramref name="rows"/>, in order, for <paramref name="version"/>, e.g. to explain several.</summary>
    public ReportBatch BatchOf(CompiledRuleSet version, IReadOnlyList<TRow> rows)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(rows);
        var batch = version.CreateBatch(Math.Max(rows.Count, 1));
        var binding = GroupOf(version).Binding;
        foreach (var row in rows)
            binding.Add(batch, row);
        return batch;
    }

    /// <summary>Explains how the version in force at <paramref name="time"/> scores <paramref name="row"/>, rule by rule; null when no version is in force.</summary>
    public ExplainTrace? Explain(TRow row, DateTimeOffset time) =>
        _registry.TryResolve(RuleSetId, time, out var version) ? version.Explain(BatchOf(version, row), 0) : null;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var group in _groups.Values)
            group.Dispose();
    }

    private Group GroupOf(CompiledRuleSet version)
    {
        if (!_groups.TryGetValue(version, out var group))
        {
            var map = new int[_outputs.Count];
            for (int i = 0; i < _outputs.Count; i++)
            {
                var required = _outputs[i];
                var output = version.Program.Outputs.FirstOrDefault(o => o.Name == required.Name);
                if (output is null || output.Type != required.Type)
                {
                    throw new RuleSetException(
                        $"Rule set {version.RuleSet} must have a {required.Type.ToString().ToLowerInvariant()} output '{required.Name}' " +
                        $"(its outputs: {string.Join(", ", version.Program.Outputs.Select(o => $"{o.Name} ({o.Type.ToString().ToLowerInvariant()})"))}).");
                }
                map[i] = output.Index;
            }
            group = new Group(version, RowBinding<TRow>.Create(version, _fields, _rowName), map, _evaluatorFactory);
            _groups.Add(version, group);
        }
        return group;
    }

    private sealed class Group(CompiledRuleSet version, RowBinding<TRow> binding, int[] outputs, Func<CompiledRuleSet, ReportBatch, IBatchEvaluator> factory) : IDisposable
    {
        private readonly ReportBatch _batch = version.CreateBatch();
        private readonly List<int> _indexes = [];
        private readonly BatchResults _results = new();
        private IBatchEvaluator? _evaluator;

        public RowBinding<TRow> Binding => binding;

        public void Clear()
        {
            _batch.Clear();
            _indexes.Clear();
        }

        public void Add(TRow row, int index)
        {
            binding.Add(_batch, row);
            _indexes.Add(index);
        }

        public void Evaluate(Span<RuleResult> results)
        {
            int count = _batch.Count;
            if (count == 0)
                return;
            // Created on the first real batch, so an Auto backend calibrates on rows of this run.
            _evaluator ??= factory(version, _batch);
            using var activity = ScoringActivities.StartEvaluate(version, _evaluator, count);
            _evaluator.Evaluate(_batch, _results);
            for (int row = 0; row < count; row++)
                results[_indexes[row]] = new RuleResult(version, _results, row, outputs);
        }

        public void Dispose() => _evaluator?.Dispose();
    }
}
