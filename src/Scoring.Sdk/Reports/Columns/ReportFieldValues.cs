namespace Scoring.Reports.Columns;

/// <summary>
/// One line's field values as the <see cref="ColumnarReportDecoder"/> read them, by field index in
/// <see cref="ReportType.Fields"/>, for <see cref="IColumnarReportType.Check"/>: texts, numbers (NaN when absent) and
/// flags. Valid only during the call.
/// </summary>
public readonly ref struct ReportFieldValues
{
    private readonly ReadOnlySpan<double> _numbers;
    private readonly ReadOnlySpan<int> _textStarts;
    private readonly ReadOnlySpan<int> _textLengths;
    private readonly ReadOnlySpan<char> _chars;
    private readonly ReadOnlySpan<sbyte> _flags;

    internal ReportFieldValues(ReadOnlySpan<double> numbers, ReadOnlySpan<int> textStarts, ReadOnlySpan<int> textLengths, ReadOnlySpan<char> chars, ReadOnlySpan<sbyte> flags)
    {
        _numbers = numbers;
        _textStarts = textStarts;
        _textLengths = textLengths;
        _chars = chars;
        _flags = flags;
    }

    /// <summary>A string field's text, absent when the line did not give it.</summary>
    /// <param name="field">The field's index.</param>
    public ReportText Text(int field) =>
        _textStarts[field] < 0 ? default : new ReportText(_chars.Slice(_textStarts[field], _textLengths[field]));

    /// <summary>A number field's value, NaN when the line did not give it.</summary>
    /// <param name="field">The field's index.</param>
    public double Number(int field) => _numbers[field];

    /// <summary>A bool field's value, <see langword="null"/> when the line did not give it.</summary>
    /// <param name="field">The field's index.</param>
    public bool? Flag(int field) => _flags[field] < 0 ? null : _flags[field] == 1;
}
