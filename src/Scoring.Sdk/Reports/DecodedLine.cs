using System.Diagnostics.CodeAnalysis;

namespace Scoring.Reports;

/// <summary>
/// The outcome of decoding one non-blank line: either a <see cref="Reports.Report"/> or a <see cref="ReportError"/>
/// together with the line's raw text, so that the caller can quarantine it.
/// </summary>
public readonly record struct DecodedLine
{
    private DecodedLine(long lineNumber, Report? report, ReportError? error, string? rawText)
    {
        LineNumber = lineNumber;
        Report = report;
        Error = error;
        RawText = rawText;
    }

    /// <summary>The 1-based line number in the input.</summary>
    public long LineNumber { get; }

    /// <summary>The decoded report, or <see langword="null"/> when the line was rejected.</summary>
    public Report? Report { get; }

    /// <summary>Why the line was rejected, or <see langword="null"/> when it was decoded.</summary>
    public ReportError? Error { get; }

    /// <summary>
    /// The rejected line's text (invalid UTF-8 replaced by U+FFFD; only the first <see cref="ReportLimits.MaxLineBytes"/>
    /// bytes of a line that is too long), or <see langword="null"/> when the line was decoded.
    /// </summary>
    public string? RawText { get; }

    /// <summary>Whether the line was decoded into a report.</summary>
    [MemberNotNullWhen(true, nameof(Report))]
    [MemberNotNullWhen(false, nameof(Error), nameof(RawText))]
    public bool IsReport => Report is not null;

    /// <summary>Creates a decoded line.</summary>
    /// <param name="lineNumber">The 1-based line number.</param>
    /// <param name="report">The decoded report.</param>
    public static DecodedLine FromReport(long lineNumber, Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new DecodedLine(lineNumber, report, null, null);
    }

    /// <summary>Creates a rejected line.</summary>
    /// <param name="error">Why it was rejected.</param>
    /// <param name="rawText">The line's raw text.</param>
    public static DecodedLine FromError(ReportError error, string rawText)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(rawText);
        return new DecodedLine(error.LineNumber, null, error, rawText);
    }
}
