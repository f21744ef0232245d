using Scoring.Evaluation;

namespace Scoring.Schemes;

/// <summary>One rule set's part in scoring a report: its trace, or why no version applied.</summary>
/// <param name="RuleSetId">The rule set's id.</param>
/// <param name="Trace">The trace of the version in force; null when none was.</param>
/// <param name="Note">What the scheme wants the reader to know (e.g. "as the peer's only report"), or why no version applied.</param>
public sealed record SchemeExplanation(string RuleSetId, ExplainTrace? Trace, string? Note);
