using Scoring.Reports;

namespace Scoring.Ingestion;

/// <summary>A decoded report and the input line it came from.</summary>
/// <param name="LineNumber">The 1-based line number in the input.</param>
/// <param name="Report">The decoded, validated report.</param>
public readonly record struct ReportInput(long LineNumber, Report Report);
