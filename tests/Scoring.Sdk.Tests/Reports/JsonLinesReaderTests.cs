using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Scoring.Reports;

namespace Scoring.Sdk.Tests.Reports;

public class JsonLinesReaderTests
{
    private static List<(long Number, string Text, bool TooLong)> ReadAll(Stream stream, int maxLineBytes = ReportLimits.MaxLineBytes)
    {
        var lines = new List<(long, string, bool)>();
        using var reader = new JsonLinesReader(stream, maxLineBytes);
        while (reader.Read())
        {
            lines.Add((reader.LineNumber, Encoding.UTF8.GetString(reader.Line.Span), reader.IsTooLong));
        }

        return lines;
    }

    private static List<(long, string, bool)> ReadAll(string text, int maxLineBytes = ReportLimits.MaxLineBytes) =>
        ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(text)), maxLineBytes);

    [Fact]
    public void Splits_on_line_feeds_and_drops_carriage_returns()
    {
        Assert.Equal(
            [(1, "a", false), (2, "b", false), (3, "", false), (4, "c\rd", false), (5, "e", false)],
            ReadAll("a\r\nb\n\nc\rd\r\ne"));
    }

    [Fact]
    public void A_final_line_feed_does_not_make_an_extra_line()
    {
        Assert.Equal([(1, "a", false), (2, "b", false)], ReadAll("a\nb\n"));
        Assert.Empty(ReadAll(string.Empty));
    }

    [Fact]
    public void Skips_a_utf8_byte_order_mark_at_the_start_only()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF, (byte)'x', (byte)'\n', 0xEF, 0xBB, 0xBF, (byte)'y' };
        var lines = ReadAll(new ChunkedStream(bytes, [1]));
        Assert.Equal([(1, "x", false), (2, "\uFEFFy", false)], lines);
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_cut_and_the_next_lines_still_come()
    {
        var text = "short\n" + new string('x', 100) + "\nnext\n" + new string('y', 11) + "\n" + new string('z', 10) + "\r\nend";
        var lines = ReadAll(new ChunkedStream(Encoding.UTF8.GetBytes(text), [3, 1, 7]), maxLineBytes: 10);
        Assert.Equal(
            [(1, "short", false), (2, new string('x', 10), true), (3, "next", false), (4, new string('y', 10), true), (5, new string('z', 10), false), (6, "end", false)],
            lines);
    }

    [Fact]
    public void A_long_last_line_without_terminator_is_reported_too_long()
    {
        using var reader = new JsonLinesReader(new MemoryStream(Encoding.UTF8.GetBytes("a\n" + new string('q', 500))), maxLineBytes: 16);
        Assert.True(reader.Read());
        Assert.True(reader.Read());
        Assert.True(reader.IsTooLong);
        Assert.Equal(500, reader.LineLength);
        Assert.Equal(16, reader.Line.Length);
        Assert.False(reader.Read());
    }

    [Fact]
    public async Task Reads_asynchronously_the_same_lines()
    {
        var text = "a\r\n\nbb\n" + new string('c', 40) + "\nd";
        var expected = ReadAll(text, 8);
        var actual = new List<(long, string, bool)>();
        await using var reader = new JsonLinesReader(new ChunkedStream(Encoding.UTF8.GetBytes(text), [2, 5]), 8);
        while (await reader.ReadAsync())
        {
            actual.Add((reader.LineNumber, Encoding.UTF8.GetString(reader.Line.Span), reader.IsTooLong));
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Lines_do_not_depend_on_how_the_stream_is_chunked()
    {
        var bytes = Gen.Elements((byte)'a', (byte)'\n', (byte)'\r', (byte)'{', (byte)0xEF, (byte)0xBB, (byte)0xBF).ArrayOf();
        var chunks = Gen.Choose(1, 40).ArrayOf().Where(c => c.Length > 0);
        var limits = Gen.Choose(1, 12);
        Prop.ForAll(bytes.Zip(chunks).Zip(limits).ToArbitrary(), input =>
        {
            var ((data, chunkSizes), limit) = input;
            var actual = ReadAll(new ChunkedStream(data, chunkSizes), limit).Select(l => l.Text + "|" + l.TooLong);
            return actual.SequenceEqual(Model(data, limit));
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>The specification: split on '\n', drop one trailing '\r', cut lines longer than the limit.</summary>
    private static IEnumerable<string> Model(byte[] data, int limit)
    {
        var span = data.AsSpan();
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }

        var result = new List<string>();
        while (!span.IsEmpty)
        {
            var newline = span.IndexOf((byte)'\n');
            var line = newline < 0 ? span : span[..newline];
            span = newline < 0 ? [] : span[(newline + 1)..];
            if (line.EndsWith("\r"u8))
            {
                line = line[..^1];
            }

            var tooLong = line.Length > limit;
            result.Add(Encoding.UTF8.GetString(tooLong ? line[..limit] : line) + "|" + tooLong);
        }

        return result;
    }
}
