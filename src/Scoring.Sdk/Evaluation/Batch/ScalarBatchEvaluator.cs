namespace Scoring.Evaluation.Batch;

/// <summary>
/// The reference backend: the rule layer's compiled delegate (<see cref="CompiledRuleSet.Evaluate(ReportBatch, long[], EvaluationError[])"/>),
/// one row after another on the calling thread. Every other backend is tested against it.
/// </summary>
public sealed class ScalarBatchEvaluator : IBatchEvaluator
{
    /// <summary>The backend name.</summary>
    public const string BackendName = "scalar";

    private readonly CompiledRuleSet _ruleSet;

    /// <summary>Creates the reference evaluator for <paramref name="ruleSet"/>.</summary>
    public ScalarBatchEvaluator(CompiledRuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        _ruleSet = ruleSet;
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
        results.Reset(batch.Count);
        _ruleSet.Evaluate(batch, results.Units, results.Errors);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
