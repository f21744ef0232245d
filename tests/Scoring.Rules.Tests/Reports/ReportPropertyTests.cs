using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Scoring.Reports;
using Scoring.Rules.Jobs;
using Scoring.Sdk.Tests.Reports;

namespace Scoring.Rules.Tests.Reports;

public class ReportPropertyTests
{
    private static ReportDecoder Decoder => BuiltInReports.Decoder;

    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static byte[] Encode(IEnumerable<string> lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines));

    [Fact]
    public void Writing_then_decoding_gives_back_an_equal_report()
    {
        Check.One(Config, Prop.ForAll(ReportGenerators.Any.ToArbitrary(), report =>
        {
            var decoded = Decoder.DecodeLine(Encoding.UTF8.GetBytes(BuiltInReports.ToJson(report)), 1);
            return decoded.IsReport && decoded.Report.Equals(report) && decoded.Report.Id == report.Id;
        }));
    }

    [Fact]
    public void A_written_stream_decodes_to_the_same_reports_in_order()
    {
        Check.One(Config.WithMaxTest(50), Prop.ForAll(ReportGenerators.Any.ListOf().ToArbitrary(), reports =>
        {
            var output = new MemoryStream();
            using (var writer = new ReportWriter(output, leaveOpen: true))
            {
                foreach (var report in reports)
                {
                    writer.Write(report);
                }
            }

            output.Position = 0;
            var decoded = Decoder.Decode(output).ToList();
            return decoded.Select(d => d.Report).SequenceEqual(reports)
                && decoded.Select(d => d.LineNumber).SequenceEqual(Enumerable.Range(1, reports.Count).Select(i => (long)i));
        }));
    }

    /// <summary>Garbage of every kind: random bytes, cut-off reports, valid JSON of the wrong shape.</summary>
    private static Gen<byte[]> Garbage { get; } = Gen.OneOf(
        ArbMap.Default.GeneratorFor<byte[]>(),
        Gen.Elements("{}", "[]", "{\"type\":\"image\"}", "{\"type\":\"pog\",\"uid\":1.5}", "nul", "\"\\ud800\"", "{\"a\":" + new string('[', 100)).Select(Encoding.UTF8.GetBytes),
        ReportGenerators.Any.Zip(Gen.Choose(0, 1000)).Select(t =>
        {
            var json = Encoding.UTF8.GetBytes(BuiltInReports.ToJson(t.Item1));
            return json[..(t.Item2 % (json.Length - 1))];
        }))
        .Select(bytes => bytes.Where(b => b != (byte)'\n').ToArray())
        .Where(bytes => !bytes.AsSpan().Trim(" \t\r"u8).IsEmpty);

    [Fact]
    public void Garbage_lines_never_throw_and_are_rejected_with_their_line_number()
    {
        Check.One(Config, Prop.ForAll(Garbage.ToArbitrary(), garbage =>
        {
            var decoded = Decoder.DecodeLine(garbage, 7);
            return !decoded.IsReport && decoded.Error.LineNumber == 7 && decoded.Error.Field.StartsWith('$')
                && decoded.Error.Reason.Length > 0;
        }));
    }

    [Fact]
    public void Interleaved_good_and_bad_lines_keep_exact_line_numbers()
    {
        var line = Gen.OneOf(
            ReportGenerators.Any.Select(r => (Good: (Report?)r, Bytes: Encoding.UTF8.GetBytes(BuiltInReports.ToJson(r)))),
            Garbage.Select(g => (Good: (Report?)null, Bytes: g)),
            Gen.Elements("", "  ", "\t").Select(b => (Good: (Report?)null, Bytes: Encoding.UTF8.GetBytes(b))));
        Check.One(Config.WithMaxTest(100), Prop.ForAll(line.ListOf().ToArbitrary(), lines =>
        {
            var bytes = lines.SelectMany((l, i) => i == 0 ? l.Bytes : [(byte)'\n', .. l.Bytes]).ToArray();
            var decoded = Decoder.Decode(new MemoryStream(bytes)).ToList();
            var expected = lines
                .Select((l, i) => (Line: l, Number: (long)i + 1))
                .Where(x => !x.Line.Bytes.AsSpan().Trim(" \t\r"u8).IsEmpty)
                .ToList();
            return decoded.Count == expected.Count
                && decoded.Zip(expected).All(p =>
                    p.First.LineNumber == p.Second.Number
                    && (p.Second.Line.Good is { } good
                        ? p.First.IsReport && p.First.Report.Equals(good)
                        : !p.First.IsReport && p.First.Error.LineNumber == p.Second.Number));
        }));
    }

    [Fact]
    public async Task Stream_text_and_async_decoding_agree()
    {
        var lines = Gen.Sample(ReportGenerators.Any, 200).Select(BuiltInReports.ToJson)
            .Concat(["{\"type\":\"x\"}", "", "not json", new string('x', ReportLimits.MaxLineBytes + 10)])
            .OrderBy(l => l.GetHashCode(StringComparison.Ordinal))
            .ToList();
        var text = string.Join("\r\n", lines);

        var fromStream = Decoder.Decode(new MemoryStream(Encoding.UTF8.GetBytes(text))).ToList();
        var fromText = Decoder.Decode(new StringReader(text)).ToList();
        var fromAsync = new List<DecodedLine>();
        await foreach (var decoded in Decoder.DecodeAsync(new ChunkedStream(Encoding.UTF8.GetBytes(text), [100, 3, 9000])))
        {
            fromAsync.Add(decoded);
        }

        Assert.Equal(lines.Count(l => l.Length > 0), fromStream.Count);
        Assert.Equal(3, fromStream.Count(d => !d.IsReport));
        Assert.Equal(fromStream, fromText);
        Assert.Equal(fromStream, fromAsync);
    }

    [Fact]
    public void Decodes_a_long_stream_lazily()
    {
        // An endless producer: decoding must yield as it goes rather than read everything first.
        var report = BuiltInReports.ToJson(new LlmJobReport("j", "m", "w", "x", 1, 2, 24, 1, 1767225600)) + "\n";
        var decoded = Decoder.Decode(new EndlessStream(Encoding.UTF8.GetBytes(report))).Take(200_000);
        long last = 0;
        foreach (var line in decoded)
        {
            Assert.True(line.IsReport);
            last = line.LineNumber;
        }

        Assert.Equal(200_000, last);
    }

    private sealed class EndlessStream(byte[] line) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++)
            {
                buffer[offset + i] = line[_position++ % line.Length];
            }

            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
