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

/// <summary>The explanation of one report's score: every rule in order, what it assigned, and the result.</summary>
/// <param name="RuleSetId">The rule set's id.</param>
/// <param name="Version">The rule set's version.</param>
/// <param name="ContentHash">The rule set's content hash.</param>
/// <param name="Rules">One entry per rule, in order.</param>
/// <param name="Output">The output variable's name.</param>
/// <param name="OutputValue">The output's double value when every rule ran, else null.</param>
/// <param name="Result">The micro-points, or the error.</param>
public sealed record ExplainTrace(
    string RuleSetId,
    string Version,
    string ContentHash,
    IReadOnlyList<RuleTrace> Rules,
    string Output,
    double? OutputValue,
    RowResult Result);

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
