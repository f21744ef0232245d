using Scoring.Evaluation.Batch;

namespace Scoring.Evaluation.Binding;

/// <summary>
/// What a rule set made of one row: the version in force and its outputs, or why none applied. Valid until the
/// evaluator that produced it evaluates again.
/// </summary>
public readonly struct RuleResult
{
    private readonly BatchResults? _results;
    private readonly int _row;
    private readonly int[]? _outputs;

    internal RuleResult(CompiledRuleSet ruleSet, BatchResults results, int row, int[] outputs)
    {
        RuleSet = ruleSet;
        _results = results;
        _row = row;
        _outputs = outputs;
    }

    /// <summary>The version in force at the row's time; null when none was.</summary>
    public CompiledRuleSet? RuleSet { get; }

    /// <summary>Why the row was voided, or <see cref="EvaluationError.None"/> (meaningless without a <see cref="RuleSet"/>).</summary>
    public EvaluationError Error => _results is null ? EvaluationError.None : _results.Errors[_row];

    /// <summary>Whether a version applied and evaluated without error.</summary>
    public bool Succeeded => RuleSet is not null && Error == EvaluationError.None;

    /// <summary>The value of a Points output, by its position in the evaluator's <see cref="RuleOutputRequirement"/> list.</summary>
    /// <exception cref="InvalidOperationException">The row was not scored.</exception>
    public Points Points(int output) => Succeeded
        ? _results!.GetPoints(_row, _outputs![output])
        : throw new InvalidOperationException(RuleSet is null ? "No rule-set version was in force." : $"The row was voided: {Error}.");

    /// <summary>The value of a Double output, by its position in the evaluator's <see cref="RuleOutputRequirement"/> list.</summary>
    /// <exception cref="InvalidOperationException">The row was not scored.</exception>
    public double Double(int output) => Succeeded
        ? _results!.GetDouble(_row, _outputs![output])
        : throw new InvalidOperationException(RuleSet is null ? "No rule-set version was in force." : $"The row was voided: {Error}.");
}
