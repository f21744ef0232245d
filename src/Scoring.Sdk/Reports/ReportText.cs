namespace Scoring.Reports;

/// <summary>
/// A string value as a report line gave it, before validation: present or absent, and its UTF-16 text. The object
/// decoder passes a wire object's <see cref="string"/>; the columnar decoder passes text transcoded from the line's
/// bytes into a reused buffer, so both run the same <see cref="ReportFieldCheck"/> rules without a string per value.
/// </summary>
public readonly ref struct ReportText
{
    /// <summary>Creates a present value.</summary>
    /// <param name="value">The text.</param>
    public ReportText(ReadOnlySpan<char> value)
    {
        IsPresent = true;
        Value = value;
    }

    /// <summary>Whether the line gave the value (an absent value has empty <see cref="Value"/>).</summary>
    public bool IsPresent { get; }

    /// <summary>The text.</summary>
    public ReadOnlySpan<char> Value { get; }

    /// <summary>A wire object's string: absent when <see langword="null"/>.</summary>
    public static implicit operator ReportText(string? value) => value is null ? default : new ReportText(value.AsSpan());
}
