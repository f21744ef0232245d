namespace Scoring.Reports;

/// <summary>Why one line of a JSON Lines input could not be decoded into a <see cref="Report"/>.</summary>
/// <param name="LineNumber">The 1-based line number in the input.</param>
/// <param name="Field">The JSON path of the offending value, e.g. <c>$.width</c>; <c>$</c> when the whole line is at fault.</param>
/// <param name="Reason">A plain-language reason, e.g. <c>must be a whole number, got 2.5</c>.</param>
public sealed record ReportError(long LineNumber, string Field, string Reason)
{
    /// <summary>Formats the error as <c>line 12, $.width: must be a whole number, got 2.5</c>.</summary>
    public override string ToString() => $"line {LineNumber}, {Field}: {Reason}";
}
