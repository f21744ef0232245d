using System.Text;
using System.Text.Json;
using Scoring.Language;

namespace Scoring.RuleSets;

/// <summary>A JSON value with the byte offset where it starts, so that schema errors can name line:column.</summary>
internal sealed class JsonItem(JsonTokenType kind, int offset)
{
    public JsonTokenType Kind { get; } = kind;

    /// <summary>Byte offset of the value's first byte (the quote of a string).</summary>
    public int Offset { get; } = offset;

    /// <summary>String value, or the raw text of a number.</summary>
    public string? Text { get; init; }

    /// <summary>Whether a string used escapes (then its characters do not map one-to-one to file columns).</summary>
    public bool Escaped { get; init; }

    public List<(string Name, int NameOffset, JsonItem Value)>? Members { get; init; }

    public List<JsonItem>? Items { get; init; }

    public string KindName => Kind switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        _ => "null",
    };
}

/// <summary>
/// Reads a whole JSON document into <see cref="JsonItem"/>s with positions. Depth is bounded by the reader's
/// <c>MaxDepth</c> and the reader itself is iterative; items per array or object are bounded too, so a hostile
/// document costs time and memory linear in its (already size-limited) length.
/// </summary>
internal sealed class PositionedJsonReader
{
    private readonly byte[] _utf8;
    private readonly int[] _lineStarts;

    public PositionedJsonReader(byte[] utf8)
    {
        _utf8 = utf8;
        var starts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n') starts.Add(i + 1);
        }
        _lineStarts = [.. starts];
    }

    /// <summary>One-based line and column (in characters) of byte <paramref name="offset"/>.</summary>
    public (int Line, int Column) Position(int offset)
    {
        var line = Array.BinarySearch(_lineStarts, offset);
        if (line < 0) line = ~line - 1;
        var column = 1;
        for (var i = _lineStarts[line]; i < offset && i < _utf8.Length; i++)
        {
            if ((_utf8[i] & 0xC0) != 0x80) column++;
        }
        return (line + 1, column);
    }

    public (JsonItem? Root, Diagnostic? Error) Read(int maxDepth, int maxItems)
    {
        var reader = new Utf8JsonReader(_utf8, new JsonReaderOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read()) return (null, new Diagnostic(DiagnosticCode.InvalidJson, "the document is empty", string.Empty, 1, 1, string.Empty, true));
            var root = ReadValue(ref reader, maxItems, out var tooMany);
            if (tooMany is not null) return (null, tooMany);
            if (reader.Read()) return (null, Error(DiagnosticCode.InvalidJson, "unexpected content after the end of the document", (int)reader.TokenStartIndex));
            return (root, null);
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = (int)(e.BytePositionInLine ?? 0) + 1;
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
            if (reader.CurrentDepth >= maxDepth - 1 && message.Contains("depth", StringComparison.OrdinalIgnoreCase))
            {
                message = $"JSON nests deeper than the limit of {maxDepth}";
            }
            return (null, new Diagnostic(DiagnosticCode.InvalidJson, "invalid JSON: " + message.TrimEnd('.'), string.Empty, line, column, string.Empty, true));
        }
        catch (InvalidOperationException)
        {
            // GetString refuses a string that is not text: invalid UTF-8 bytes, or an escaped lone surrogate such as \ud800.
            return (null, Error(DiagnosticCode.InvalidJson, "invalid text: a string holds bytes that are not UTF-8 or an unpaired surrogate escape (such as \\ud800)", (int)reader.TokenStartIndex));
        }
    }

    public Diagnostic Error(DiagnosticCode code, string message, int offset, string location = "", string text = "")
    {
        var (line, column) = Position(offset);
        return new Diagnostic(code, message, location, line, column, text, true);
    }

    // Recursion depth is bounded by MaxDepth (the reader throws before going deeper).
    private JsonItem ReadValue(ref Utf8JsonReader reader, int maxItems, out Diagnostic? tooMany)
    {
        tooMany = null;
        var offset = (int)reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var members = new List<(string, int, JsonItem)>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var nameOffset = (int)reader.TokenStartIndex;
                    var name = reader.GetString()!;
                    reader.Read();
                    if (members.Count == maxItems)
                    {
                        tooMany = Error(DiagnosticCode.LimitExceeded, $"object has more than the limit of {maxItems} members", nameOffset);
                        return new JsonItem(JsonTokenType.Null, offset);
                    }
                    var value = ReadValue(ref reader, maxItems, out tooMany);
                    if (tooMany is not null) return value;
                    members.Add((name, nameOffset, value));
                }
                return new JsonItem(JsonTokenType.StartObject, offset) { Members = members };
            }
            case JsonTokenType.StartArray:
            {
                var items = new List<JsonItem>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (items.Count == maxItems)
                    {
                        tooMany = Error(DiagnosticCode.LimitExceeded, $"array has more than the limit of {maxItems} items", (int)reader.TokenStartIndex);
                        return new JsonItem(JsonTokenType.Null, offset);
                    }
                    var value = ReadValue(ref reader, maxItems, out tooMany);
                    if (tooMany is not null) return value;
                    items.Add(value);
                }
                return new JsonItem(JsonTokenType.StartArray, offset) { Items = items };
            }
            case JsonTokenType.String:
                return new JsonItem(JsonTokenType.String, offset) { Text = reader.GetString(), Escaped = reader.ValueIsEscaped };
            case JsonTokenType.Number:
                return new JsonItem(JsonTokenType.Number, offset) { Text = Encoding.UTF8.GetString(reader.ValueSpan) };
            default:
                return new JsonItem(reader.TokenType, offset);
        }
    }
}
