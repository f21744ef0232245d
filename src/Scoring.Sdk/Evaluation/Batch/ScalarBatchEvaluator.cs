namespace Scoring.Evaluation.Batch;

/// <summary>
/// The reference backend: the rule layer's compiled delegate (<see cref="CompiledRuleSet.Evaluate(ReportBatch, long[][], EvaluationError[])"/>),
/// one row after another on the calling thread. Every other backend is tested against it.
/// </summary>
public sealed class ScalarBatchEvaluator : IBatchEvaluator
{
    /// <summary>The backend name.</summary>
    public const string BackendName = "scalar";

    private readonly CompiledRuleSet _ruleSet;
    private readonly RuleSets.RuleOutputType[] _outputTypes;

    /// <summary>Creates the reference evaluator for <paramref name="ruleSet"/>.</summary>
    public ScalarBatchEvaluator(CompiledRuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        _ruleSet = ruleSet;
        _outputTypes = [.. ruleSet.Program.Outputs.Select(o => o.Type)];
    }

    /// <inheritdoc />
    public string Name => BackendName;

    /// <inheritdoc />
    public string Description => "scalar compiled delegate, 1 thread";

    /// <inheritdoc />
    public void Evaluate(ReportBatch batch, BatchResults results)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(results);
        results.Reset(batch.Count, _outputTypes);
        _ruleSet.Evaluate(batch, results.ValueArrays, results.Errors);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
