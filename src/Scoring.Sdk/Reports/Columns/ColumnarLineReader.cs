using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace Scoring.Reports.Columns;

/// <summary>
/// The fast path of the columnar decoder: one <see cref="Utf8JsonReader"/> pass over a flat line whose first member is
/// <c>type</c>, reading each field into reused buffers. It answers only when it is sure to read exactly what the object
/// decoder would (System.Text.Json reads numbers with the same reader call); anything else — an unknown or repeated
/// member, an escaped <c>type</c>, <c>null</c>, a nested value, text that is not UTF-8, a wrong JSON type, bad
/// JSON — returns no type, and the line goes to <see cref="ReportDecoder.DecodeLine"/>, which names the problem.
/// </summary>
internal sealed class ColumnarLineReader
{
    private readonly double[] _numbers;
    private readonly int[] _textStarts;
    private readonly int[] _textLengths;
    private readonly int[] _utf8Starts;
    private readonly int[] _utf8Lengths;
    private readonly sbyte[] _flags;
    private readonly bool[] _unescaped;
    private readonly char[] _chars = new char[ReportLimits.MaxLineBytes];
    private readonly byte[] _unescapedBytes = new byte[ReportLimits.MaxLineBytes];
    private int _fields;

    public ColumnarLineReader(int maxFields)
    {
        _numbers = new double[maxFields];
        _textStarts = new int[maxFields];
        _textLengths = new int[maxFields];
        _utf8Starts = new int[maxFields];
        _utf8Lengths = new int[maxFields];
        _flags = new sbyte[maxFields];
        _unescaped = new bool[maxFields];
    }

    /// <summary>The values of the line last read.</summary>
    public ReportFieldValues Values => new(_numbers.AsSpan(0, _fields), _textStarts.AsSpan(0, _fields), _textLengths.AsSpan(0, _fields), _chars, _flags.AsSpan(0, _fields));

    /// <summary>A string field's UTF-8 bytes (unescaped) in the line last read, or <see langword="false"/> when absent.</summary>
    public bool TryGetUtf8(ReadOnlySpan<byte> line, int field, out ReadOnlySpan<byte> utf8)
    {
        utf8 = _utf8Starts[field] < 0 ? default : (_unescaped[field] ? _unescapedBytes : line).Slice(_utf8Starts[field], _utf8Lengths[field]);
        return _utf8Starts[field] >= 0;
    }

    /// <summary>Reads <paramref name="line"/>: the type whose fields now fill <see cref="Values"/>, or null when unsure.</summary>
    public ColumnarType? TryRead(ReadOnlySpan<byte> line, ColumnarTypes types)
    {
        var reader = new Utf8JsonReader(line);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject
                || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || reader.ValueIsEscaped || !reader.ValueSpan.SequenceEqual("type"u8)
                || !reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped
                || types.Find(reader.ValueSpan) is not { Reader: not null } type)
            {
                return null;
            }

            Reset(type.FieldTypes.Length);
            ulong seen = 0;
            var chars = 0;
            var unescaped = 0;
            var field = -1;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                field = type.FieldIndex(ref reader, field);
                if (field < 0 || (seen & (1UL << field)) != 0 || !reader.Read())
                    return null;
                seen |= 1UL << field;
                if (!ReadValue(ref reader, type.FieldTypes[field], field, ref chars, ref unescaped))
                    return null;
            }

            // The object must end the line (only whitespace after it): a second value makes Read throw.
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() ? type : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // CopyString refuses an escape that is not text (a lone surrogate such as \ud800).
            return null;
        }
    }

    private bool ReadValue(ref Utf8JsonReader reader, ReportFieldType fieldType, int field, ref int chars, ref int unescaped)
    {
        switch (fieldType)
        {
            case ReportFieldType.String:
                if (reader.TokenType != JsonTokenType.String)
                    return false;
                ReadOnlySpan<byte> utf8;
                if (reader.ValueIsEscaped)
                {
                    var length = reader.CopyString(_unescapedBytes.AsSpan(unescaped));
                    utf8 = _unescapedBytes.AsSpan(unescaped, length);
                    _utf8Starts[field] = unescaped;
                    unescaped += length;
                }
                else
                {
                    utf8 = reader.ValueSpan;
                    _utf8Starts[field] = (int)reader.TokenStartIndex + 1; // after the opening quote
                }
                if (Utf8.ToUtf16(utf8, _chars.AsSpan(chars), out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
                    return false;
                _unescaped[field] = reader.ValueIsEscaped;
                _utf8Lengths[field] = utf8.Length;
                _textStarts[field] = chars;
                _textLengths[field] = written;
                chars += written;
                return true;
            case ReportFieldType.Int:
            case ReportFieldType.Double:
                return reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out _numbers[field]);
            default:
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                    return false;
                _flags[field] = reader.TokenType == JsonTokenType.True ? (sbyte)1 : (sbyte)0;
                return true;
        }
    }

    private void Reset(int fields)
    {
        _fields = fields;
        _numbers.AsSpan(0, fields).Fill(double.NaN);
        _textStarts.AsSpan(0, fields).Fill(-1);
        _utf8Starts.AsSpan(0, fields).Fill(-1);
        _flags.AsSpan(0, fields).Fill(-1);
    }
}
