using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Scoring.Reports;

/// <summary>
/// Decodes JSON Lines reports: one <see cref="DecodedLine"/> per non-blank line, a <see cref="Report"/> or a
/// <see cref="ReportError"/> naming the line, the field and the reason. A bad line never stops the lines after it.
/// Streams are read in bounded memory (see <see cref="JsonLinesReader"/>) and are not disposed.
/// </summary>
/// <remarks>
/// Each line is read from its UTF-8 bytes by System.Text.Json source-generated metadata
/// (<see cref="ReportJsonContext"/>) and then checked against <see cref="ReportLimits"/>. Blank lines are skipped
/// but still counted, so line numbers match the input.
/// </remarks>
public static class ReportDecoder
{
    /// <summary>Decodes one line.</summary>
    /// <param name="utf8Line">The line's UTF-8 bytes without its terminator.</param>
    /// <param name="lineNumber">The 1-based line number to put in an error.</param>
    public static DecodedLine DecodeLine(ReadOnlySpan<byte> utf8Line, long lineNumber)
    {
        if (utf8Line.Length > ReportLimits.MaxLineBytes)
        {
            return TooLong(utf8Line[..ReportLimits.MaxLineBytes], utf8Line.Length, lineNumber);
        }

        if (IsBlank(utf8Line))
        {
            return Reject(utf8Line, lineNumber, "$", "the line is empty; a report must be a JSON object");
        }

        ReportLine? line;
        try
        {
            line = JsonSerializer.Deserialize(utf8Line, ReportJsonContext.Default.ReportLine);
        }
        catch (JsonException exception)
        {
            var (field, reason) = JsonFailure.Describe(utf8Line, exception);
            return Reject(utf8Line, lineNumber, field, reason);
        }

        if (line is null)
        {
            return Reject(utf8Line, lineNumber, "$", "a report must be a JSON object, got null");
        }

        return ReportValidation.TryCreate(line, out var report, out var errorField, out var errorReason)
            ? DecodedLine.FromReport(lineNumber, report)
            : Reject(utf8Line, lineNumber, errorField, errorReason);
    }

    /// <summary>Decodes every line of a UTF-8 stream, lazily.</summary>
    /// <param name="utf8Stream">The input; read to its end, not disposed.</param>
    public static IEnumerable<DecodedLine> Decode(Stream utf8Stream)
    {
        ArgumentNullException.ThrowIfNull(utf8Stream);
        return DecodeLines(utf8Stream);
    }

    /// <summary>Decodes every line of a text reader, lazily (the text is re-encoded as UTF-8 in bounded memory).</summary>
    /// <param name="reader">The input; read to its end, not disposed.</param>
    public static IEnumerable<DecodedLine> Decode(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return DecodeLines(new TextReaderStream(reader));
    }

    /// <summary>Decodes every line of a UTF-8 stream, reading asynchronously.</summary>
    /// <param name="utf8Stream">The input; read to its end, not disposed.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    public static IAsyncEnumerable<DecodedLine> DecodeAsync(Stream utf8Stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Stream);
        return DecodeLinesAsync(utf8Stream, cancellationToken);
    }

    private static IEnumerable<DecodedLine> DecodeLines(Stream utf8Stream)
    {
        using var reader = new JsonLinesReader(utf8Stream, leaveOpen: true);
        while (reader.Read())
        {
            if (TryDecodeCurrent(reader, out var decoded))
            {
                yield return decoded;
            }
        }
    }

    private static async IAsyncEnumerable<DecodedLine> DecodeLinesAsync(
        Stream utf8Stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = new JsonLinesReader(utf8Stream, leaveOpen: true);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (TryDecodeCurrent(reader, out var decoded))
                {
                    yield return decoded;
                }
            }
        }
    }

    private static bool TryDecodeCurrent(JsonLinesReader reader, out DecodedLine decoded)
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

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8).IsEmpty;

    private static DecodedLine TooLong(ReadOnlySpan<byte> prefix, long length, long lineNumber) =>
        Reject(prefix, lineNumber, "$", $"the line is {length} bytes long; the limit is {ReportLimits.MaxLineBytes}");

    private static DecodedLine Reject(ReadOnlySpan<byte> line, long lineNumber, string field, string reason) =>
        DecodedLine.FromError(new ReportError(lineNumber, field, reason), Encoding.UTF8.GetString(line));
}
