namespace Scoring.Ingestion;

/// <summary>A line that was not scored: it could not be decoded, or its scheme refused it. Written to the rejects file.</summary>
/// <param name="Line">The 1-based line number in the input.</param>
/// <param name="Field">The JSON path of the offending field (<c>$</c> for the whole line).</param>
/// <param name="Reason">Why, in plain words.</param>
/// <param name="Raw">The line's text (cut to the decoder's line limit).</param>
public sealed record ReportRejection(long Line, string Field, string Reason, string Raw)
{
    /// <summary>Why the line was refused: a bad line or report, a conflicting re-send, or a late report.</summary>
    public RejectionKind Kind { get; init; } = RejectionKind.Rejected;
}
