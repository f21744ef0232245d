using Scoring.RuleSets;

namespace Scoring.Evaluation;

/// <summary>What happened to one rule while scoring one report.</summary>
public enum RuleOutcome
{
    /// <summary>The rule had no condition or its condition was true; its assignments ran.</summary>
    Fired,

    /// <summary>The condition was false; nothing was assigned.</summary>
    NotFired,

    /// <summary>An error voided the report inside this rule.</summary>
    Failed,

    /// <summary>An earlier rule voided the report; this one was not evaluated.</summary>
    NotReached,
}

/// <summary>
/// The explanation of one report's score: every rule in order, what it assigned, every output, and the result.
/// <see cref="Output"/>, <see cref="OutputValue"/> and <see cref="Result"/> describe the primary output (output 0);
/// <see cref="Outputs"/> describes each output.
/// </summary>
/// <param name="RuleSetId">The rule set's id.</param>
/// <param name="Version">The rule set's version.</param>
/// <param name="ContentHash">The rule set's content hash.</param>
/// <param name="Rules">One entry per rule, in order.</param>
/// <param name="Output">The primary output's name.</param>
/// <param name="OutputValue">The primary output's double value when every rule ran, else null.</param>
/// <param name="Result">
/// The row's error (the first one: rules first, then outputs in order) and the primary output's value — micro-points
/// for a points output, raw IEEE bits for a double output; 0 when the report was voided.
/// </param>
/// <param name="Outputs">Every output in order, each with its final double and its own conversion.</param>
public sealed record ExplainTrace(
    string RuleSetId,
    string Version,
    string ContentHash,
    IReadOnlyList<RuleTrace> Rules,
    string Output,
    double? OutputValue,
    RowResult Result,
    IReadOnlyList<OutputTrace> Outputs);

/// <summary>
/// One output in an <see cref="ExplainTrace"/>: its final double and what converting it gives on its own. The report's
/// verdict is <see cref="ExplainTrace.Result"/>: any output's error voids the whole report (every value 0), so an
/// output can convert fine here in a report that another output voided.
/// </summary>
/// <param name="Name">The output's (variable's) name.</param>
/// <param name="Type">Points or Double.</param>
/// <param name="Value">The variable's final double when every rule ran, else null (then nothing was converted).</param>
/// <param name="Units">For a points output that converted: its micro-points; else 0 (a double output's result is <see cref="Value"/> itself, bit for bit).</param>
/// <param name="Error">
/// Why this output did not convert (<see cref="EvaluationError.NonFiniteOutput"/>, <see cref="EvaluationError.PointsOutOfRange"/>),
/// or <see cref="EvaluationError.None"/> (also when <see cref="Value"/> is null).
/// </param>
public sealed record OutputTrace(string Name, RuleOutputType Type, double? Value, long Units, EvaluationError Error)
{
    /// <summary>Whether the output has a final value that converted.</summary>
    public bool Converted => Value is not null && Error == EvaluationError.None;

    /// <summary>"name = 1.5 → 1.5 points", "name = 0.0825 (double)", "name = NaN → NonFiniteOutput", or "name: not computed".</summary>
    public override string ToString() => Value is not { } v ? $"{Name}: not computed"
        : Error != EvaluationError.None ? $"{Name} = {ScalarValue.FormatDouble(v)} → {Error}"
        : Type == RuleOutputType.Points ? $"{Name} = {ScalarValue.FormatDouble(v)} → {Points.FromUnits(Units)} points"
        : $"{Name} = {ScalarValue.FormatDouble(v)} (double)";
}

/// <summary>One rule in an <see cref="ExplainTrace"/>.</summary>
/// <param name="Name">The rule's name.</param>
/// <param name="Condition">The condition text, or null for a rule without one.</param>
/// <param name="ConditionValue">The condition's value when evaluated, else null.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Assignments">The assignments that ran, in order, with their values.</param>
/// <param name="Error">The error raised inside this rule, or <see cref="EvaluationError.None"/>.</param>
public sealed record RuleTrace(
    string Name,
    string? Condition,
    bool? ConditionValue,
    RuleOutcome Outcome,
    IReadOnlyList<AssignmentTrace> Assignments,
    EvaluationError Error);

/// <summary>One assignment that ran: the variable, its expression text and the value stored.</summary>
/// <param name="Variable">The variable assigned.</param>
/// <param name="Expression">The expression text.</param>
/// <param name="Value">The value (strings decoded from their symbol ids).</param>
public sealed record AssignmentTrace(string Variable, string Expression, ScalarValue Value);
