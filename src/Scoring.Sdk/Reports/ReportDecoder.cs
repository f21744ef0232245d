using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Scoring.Reports;

/// <summary>
/// Decodes JSON Lines reports of the registered <see cref="ReportType"/>s: one <see cref="DecodedLine"/> per non-blank
/// line, a <see cref="Report"/> or a <see cref="ReportError"/> naming the line, the field and the reason. Each line is
/// dispatched by its <c>type</c> to that type's decoder, so every host and command reads a report type the same way.
/// A bad line never stops the lines after it. Streams are read in bounded memory (see <see cref="JsonLinesReader"/>)
/// and are not disposed. Thread-safe.
/// </summary>
/// <remarks>
/// Blank lines are skipped but still counted, so line numbers match the input. The <c>type</c> is found by a
/// forward scan of the object's top-level members that stops at <c>type</c> (writers put it first); the type's
/// decoder then reads the whole line.
/// </remarks>
public sealed class ReportDecoder
{
    private readonly Dictionary<string, ReportType> _types = new(StringComparer.Ordinal);
    private readonly string _expected;
    private readonly string _oneOf;

    /// <summary>Creates a decoder for <paramref name="types"/>.</summary>
    /// <exception cref="ArgumentException">Two types have the same name, or there are none.</exception>
    public ReportDecoder(IEnumerable<ReportType> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        foreach (var type in types)
        {
            ArgumentNullException.ThrowIfNull(type, nameof(types));
            if (!_types.TryAdd(type.Name, type))
                throw new ArgumentException($"Two report types are named '{type.Name}'.", nameof(types));
        }
        if (_types.Count == 0)
            throw new ArgumentException("A decoder needs at least one report type.", nameof(types));
        var quoted = _types.Keys.Select(n => $"\"{n}\"").ToArray();
        _oneOf = string.Join(", ", quoted);
        _expected = quoted.Length == 1 ? quoted[0] : $"{string.Join(", ", quoted[..^1])} or {quoted[^1]}";
    }

    /// <summary>The report types this decoder reads, by name.</summary>
    public IReadOnlyDictionary<string, ReportType> Types => _types;

    /// <summary>Decodes one line.</summary>
    /// <param name="utf8Line">The line's UTF-8 bytes without its terminator.</param>
    /// <param name="lineNumber">The 1-based line number to put in an error.</param>
    public DecodedLine DecodeLine(ReadOnlySpan<byte> utf8Line, long lineNumber)
    {
        if (utf8Line.Length > ReportLimits.MaxLineBytes)
            return TooLong(utf8Line[..ReportLimits.MaxLineBytes], utf8Line.Length, lineNumber);
        if (IsBlank(utf8Line))
            return Reject(utf8Line, lineNumber, "$", "the line is empty; a report must be a JSON object");
        if (!TryFindType(utf8Line, out var type, out var field, out var reason))
            return Reject(utf8Line, lineNumber, field, reason);
        return type.TryDecode(utf8Line, out var report, out field, out reason)
            ? DecodedLine.FromReport(lineNumber, report)
            : Reject(utf8Line, lineNumber, field, reason);
    }

    /// <summary>Decodes every line of a UTF-8 stream, lazily.</summary>
    /// <param name="utf8Stream">The input; read to its end, not disposed.</param>
    public IEnumerable<DecodedLine> Decode(Stream utf8Stream)
    {
        ArgumentNullException.ThrowIfNull(utf8Stream);
        return DecodeLines(utf8Stream);
    }

    /// <summary>Decodes every line of a text reader, lazily (the text is re-encoded as UTF-8 in bounded memory).</summary>
    /// <param name="reader">The input; read to its end, not disposed.</param>
    public IEnumerable<DecodedLine> Decode(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return DecodeLines(new TextReaderStream(reader));
    }

    /// <summary>Decodes every line of a UTF-8 stream, reading asynchronously.</summary>
    /// <param name="utf8Stream">The input; read to its end, not disposed.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    public IAsyncEnumerable<DecodedLine> DecodeAsync(Stream utf8Stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Stream);
        return DecodeLinesAsync(utf8Stream, cancellationToken);
    }

    private IEnumerable<DecodedLine> DecodeLines(Stream utf8Stream)
    {
        using var reader = new JsonLinesReader(utf8Stream, leaveOpen: true);
        while (reader.Read())
        {
            if (TryDecodeCurrent(reader, out var decoded))
                yield return decoded;
        }
    }

    private async IAsyncEnumerable<DecodedLine> DecodeLinesAsync(Stream utf8Stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = new JsonLinesReader(utf8Stream, leaveOpen: true);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (TryDecodeCurrent(reader, out var decoded))
                    yield return decoded;
            }
        }
    }

    private bool TryDecodeCurrent(JsonLinesReader reader, out DecodedLine decoded)
    {
        var line = reader.Line.Span;
        if (reader.IsTooLong)
        {
            decoded = TooLong(line, reader.LineLength, reader.LineNumber);
            return true;
        }
        if (IsBlank(line))
        {
            decoded = default;
            return false;
        }
        decoded = DecodeLine(line, reader.LineNumber);
        return true;
    }

    /// <summary>
    /// Finds the line's report type from its top-level <c>type</c> member, or says why it cannot: not an object, not
    /// JSON before the <c>type</c>, no <c>type</c>, a <c>type</c> that is not a string, or one no scheme registered.
    /// </summary>
    private bool TryFindType(ReadOnlySpan<byte> line, out ReportType type, out string field, out string reason)
    {
        type = null!;
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 64 });
        string member = "";
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                (field, reason) = ("$", $"a report must be a JSON object, got {JsonTokenNames.Describe(reader.TokenType)}");
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                member = reader.GetString()!;
                bool isType = member == "type";
                reader.Read();
                if (!isType)
                {
                    reader.Skip();
                    member = "";
                    continue;
                }
                if (reader.TokenType != JsonTokenType.String)
                {
                    (field, reason) = ("$.type", $"expected a string, got {JsonTokenNames.Describe(reader.TokenType)}");
                    return false;
                }
                string name = reader.GetString()!;
                if (_types.TryGetValue(name, out type!))
                {
                    field = reason = string.Empty;
                    return true;
                }
                (field, reason) = ("$.type", $"unknown report type {ReportFieldCheck.Quote(name)}; expected {_expected}");
                return false;
            }
        }
        catch (JsonException exception)
        {
            var column = (exception.BytePositionInLine ?? 0) + 1;
            (field, reason) = (member.Length == 0 ? "$" : "$." + member, $"is not valid JSON at column {column}: {JsonFailure.WithoutLocation(exception.Message)}");
            return false;
        }
        catch (InvalidOperationException)
        {
            // GetString refuses a name or value that is not text: invalid UTF-8 bytes, or an escaped lone surrogate such as \ud800.
            (field, reason) = (member.Length == 0 ? "$" : "$." + member, "holds a string that is not text (bytes that are not UTF-8, or an unpaired surrogate escape such as \\ud800)");
            return false;
        }
        (field, reason) = ("$.type", $"is required (one of {_oneOf})");
        return false;
    }

    internal static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8).IsEmpty;

    internal static DecodedLine TooLong(ReadOnlySpan<byte> prefix, long length, long lineNumber) =>
        Reject(prefix, lineNumber, "$", $"the line is {length} bytes long; the limit is {ReportLimits.MaxLineBytes}");

    internal static DecodedLine Reject(ReadOnlySpan<byte> line, long lineNumber, string field, string reason) =>
        DecodedLine.FromError(new ReportError(lineNumber, field, reason), Encoding.UTF8.GetString(line));
}
