using System.Buffers;
using System.Globalization;

namespace Scoring.Reports;

/// <summary>
/// Validates a decoded wire object field by field, in the order of the format's field table, and remembers the first
/// failure; later checks become no-ops that return defaults. Every report type uses it, so "is required", "must be a
/// whole number, got 2.5" and the other reasons read the same for every scheme (docs/formats.md).
/// </summary>
/// <remarks>Numbers are passed as <see cref="double"/> with NaN meaning "absent" (JSON cannot carry NaN).</remarks>
public struct ReportFieldCheck
{
    private static readonly SearchValues<char> ControlCharacters =
        SearchValues.Create(Enumerable.Range(0, 0x20).Select(c => (char)c).Append('\u007f').ToArray());

    /// <summary>The first failing field's name (without <c>$.</c>), or null while every check passed.</summary>
    public string? Field { get; private set; }

    /// <summary>Why the first failing field failed.</summary>
    public string? Reason { get; private set; }

    /// <summary>Whether a check failed.</summary>
    public readonly bool Failed => Field is not null;

    /// <summary>The JSON path of the first failure (<c>$.width</c>), as a <see cref="ReportError"/> names it.</summary>
    internal readonly string Path => Field is null ? "$" : "$." + Field;

    /// <summary>Records a failure (unless an earlier field failed already) and returns <paramref name="fallback"/>.</summary>
    public T Fail<T>(string field, string reason, T fallback)
    {
        if (Field is null)
        {
            Field = field;
            Reason = reason;
        }
        return fallback;
    }

    /// <summary>Records a failure (unless an earlier field failed already).</summary>
    public void Fail(string field, string reason) => Fail<object?>(field, reason, null);

    /// <summary>A required string: present, 1 to <see cref="ReportLimits.MaxStringLength"/> characters, not only whitespace, no control characters.</summary>
    public string Text(string? value, string field) =>
        value is null ? Fail(field, "is required", string.Empty) : OptionalText(value, field) ?? string.Empty;

    /// <summary>An optional string: null when absent, else checked like <see cref="Text(string?, string)"/>.</summary>
    public string? OptionalText(string? value, string field)
    {
        OptionalText((ReportText)value, field);
        return value;
    }

    /// <summary>A required string given as text (the columnar decoder's view): the rules of <see cref="Text(string?, string)"/>.</summary>
    public void Text(ReportText value, string field)
    {
        if (!value.IsPresent)
            Fail(field, "is required");
        else
            OptionalText(value, field);
    }

    /// <summary>An optional string given as text: the rules of <see cref="OptionalText(string?, string)"/>.</summary>
    public void OptionalText(ReportText value, string field)
    {
        if (!value.IsPresent)
            return;
        if (value.Value.Length == 0)
            Fail(field, "must not be empty");
        else if (value.Value.IsWhiteSpace())
            Fail(field, "must not be blank (it is only whitespace)"); // the ledger keys and posts no blank id, producer or account
        else if (value.Value.Length > ReportLimits.MaxStringLength)
            Fail(field, $"is {value.Value.Length} characters long; the limit is {ReportLimits.MaxStringLength}");
        else if (value.Value.ContainsAny(ControlCharacters))
            Fail(field, "must not contain control characters");
    }

    /// <summary>A required flag.</summary>
    public bool Flag(bool? value, string field) => value ?? Fail(field, "is required (true or false)", false);

    /// <summary>A required number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double Range(double value, string field, double min, double max) =>
        double.IsNaN(value) ? Fail(field, "is required", 0d) : OptionalRange(value, field, min, max) ?? 0;

    /// <summary>An optional number: null when absent (NaN), else in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double? OptionalRange(double value, string field, double min, double max)
    {
        if (double.IsNaN(value))
            return null;
        if (!double.IsFinite(value))
            return Fail(field, "is too large to be a number", (double?)0);
        if (value < min)
            return Fail(field, min == 0 ? $"must not be negative, got {Format(value)}" : $"must be at least {Format(min)}, got {Format(value)}", (double?)0);
        return value > max ? Fail(field, $"must be at most {Format(max)}, got {Format(value)}", (double?)0) : value;
    }

    /// <summary>A required number in (0, <paramref name="max"/>]: e.g. GPU memory, which cannot be zero.</summary>
    public double Positive(double value, string field, double max)
    {
        var number = Range(value, field, 0, max);
        return number == 0 && !Failed ? Fail(field, "must be greater than 0", 0d) : number;
    }

    /// <summary>A required whole number in [<paramref name="min"/>, <paramref name="max"/>] (<c>512.0</c> is 512, <c>2.5</c> fails).</summary>
    public int WholeNumber(double value, string field, int min, int max)
    {
        if (double.IsFinite(value) && Math.Floor(value) != value)
            return Fail(field, $"must be a whole number, got {Format(value)}", 0);
        return (int)Range(value, field, min, max);
    }

    /// <summary>A required whole number as a long in [<paramref name="min"/>, <paramref name="max"/>] (max at most 2^53).</summary>
    public long WholeNumber(double value, string field, long min, long max)
    {
        if (double.IsFinite(value) && Math.Floor(value) != value)
            return Fail(field, $"must be a whole number, got {Format(value)}", 0L);
        return (long)Range(value, field, min, max);
    }

    /// <summary>A required timestamp in unix seconds, between 2000-01-01 and 2100-01-01 (see <see cref="ReportLimits"/>).</summary>
    public double Timestamp(double value, string field)
    {
        if (double.IsNaN(value))
            return Fail(field, "is required", 0d);
        return double.IsFinite(value) && value >= ReportLimits.MinTimestamp && value < ReportLimits.EndTimestamp
            ? value
            : Fail(field, $"must be between 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z (unix seconds {Format(ReportLimits.MinTimestamp)} to {Format(ReportLimits.EndTimestamp)}), got {Format(value)}", 0d);
    }

    /// <summary>An optional timestamp: null when absent, else checked like <see cref="Timestamp"/>.</summary>
    public double? OptionalTimestamp(double value, string field) => double.IsNaN(value) ? null : Timestamp(value, field);

    /// <summary>The shortest text that round-trips <paramref name="value"/>, as reasons and derived ids show numbers.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Quotes a value for a reason, cut to 64 characters.</summary>
    public static string Quote(string text) =>
        "\"" + (text.Length > 64 ? string.Concat(text.AsSpan(0, 64), "…") : text) + "\"";
}
