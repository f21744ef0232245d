using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Scoring.Reports;
using Scoring.Reports.Columns;
using Scoring.Sdk.Tests.Reports;

namespace Scoring.Rules.Tests.Reports;

/// <summary>
/// The columnar decoder against the object decoder over random and mutated lines: the same reports (every field
/// value bit-equal, the same id) and the same rejects (line, field, reason, raw text), whatever the block size and
/// the number of workers.
/// </summary>
public class ColumnarAgreementTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    /// <summary>Values of every JSON kind and the edges of the rules: wrong types, bad and huge numbers, NaN-like text, escapes.</summary>
    private static readonly string[] Values =
    [
        "\"x\"", "\"\"", "\"peer-1\"", "1", "-1", "0", "-0", "2.5", "1e999", "-1e999", "1e27", "1e28", "1.0e27",
        "123456789012345678901234567890", "1767225600", "1767225600.5", "4102444800", "946684799", "null", "true", "false",
        "{}", "[]", "[1]", "{\"a\":1}", "NaN", "\"NaN\"", "Infinity", "\"Infinity\"", "01", "1.", ".5", "+1", "0x10",
        "\"2026-01-01T00:00:00Z\"", "\"2026-01-01T00:00:00\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\u0070eer\"", "\"a\\u0001b\"",
        "\"a\u007fb\"", "\"a\u0001b\"", "\"a\\nb\"", "\"" + new string('x', 257) + "\"", "\"" + new string('é', 256) + "\"",
        "\"é日本😀\"", "\"swarm\"", "\"image\"", "\"nope\"",
    ];

    private static readonly string[] ExtraNames = ["extra", "PeerId", "peer\\u0049d", "type", "id", "peerId", "account", "timestamp", "cumulativeFlops", "flopsSinceLast", "width", ""];

    private static readonly byte[][] Bytes = [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0x00], [0x01], [(byte)'\t'], [(byte)' '], [(byte)'"'], [(byte)'\\'], [(byte)'{'], [(byte)'}'], [(byte)','], [0xEF, 0xBB, 0xBF], [(byte)'\r']];

    /// <summary>A valid report's members as (name, raw JSON value), mutated 0 to 3 times, then written back as a line.</summary>
    private static Gen<byte[]> Mutated { get; } =
        from report in Gen.OneOf(ReportGenerators.Swarm.Select(r => (Report)r), ReportGenerators.Any)
        from count in Gen.Choose(0, 3)
        from mutations in Mutation.ArrayOf(count)
        select mutations.Aggregate(Encoding.UTF8.GetBytes(Members(report)), (line, mutate) => mutate(line));

    private static string Members(Report report) => report.ReportType.ToJson(report);

    private static Gen<Func<byte[], byte[]>> Mutation { get; } = Gen.OneOf(
        Gen.Choose(0, 20).Select(i => (Func<byte[], byte[]>)(line => Edit(line, members => members.RemoveAt(i % members.Count)))),
        Gen.Choose(0, 20).Select(i => (Func<byte[], byte[]>)(line => Edit(line, members => members.Add(members[i % members.Count])))),
        Gen.Choose(0, 20).Select(i => (Func<byte[], byte[]>)(line => Edit(line, members => { var m = members[i % members.Count]; members.RemoveAt(i % members.Count); members.Insert(0, m); }))),
        Gen.Choose(0, 20).Select(i => (Func<byte[], byte[]>)(line => Edit(line, members => { var m = members[^1]; members.RemoveAt(members.Count - 1); members.Insert(Math.Min(members.Count, 1 + i), m); }))),
        from name in Gen.Elements(ExtraNames)
        from value in Gen.Elements(Values)
        from i in Gen.Choose(0, 20)
        select (Func<byte[], byte[]>)(line => Edit(line, members => members.Insert(i % (members.Count + 1), ("\"" + name + "\"", value)))),
        from value in Gen.Elements(Values)
        from i in Gen.Choose(0, 20)
        select (Func<byte[], byte[]>)(line => Edit(line, members => members[i % members.Count] = (members[i % members.Count].Name, value))),
        from bytes in Gen.Elements(Bytes)
        from at in Gen.Choose(0, 1000)
        select (Func<byte[], byte[]>)(line => [.. line[..(at % (line.Length + 1))], .. bytes, .. line[(at % (line.Length + 1))..]]),
        Gen.Choose(0, 1000).Select(at => (Func<byte[], byte[]>)(line => line[..(at % (line.Length + 1))])),
        Gen.Elements(" ", "\t", "  \t").Select(space => (Func<byte[], byte[]>)(line => [.. Encoding.UTF8.GetBytes(space), .. line, .. Encoding.UTF8.GetBytes(space)])));

    /// <summary>Edits a line's top-level members as raw text; a line that is no longer a JSON object is left as it is.</summary>
    internal static byte[] Edit(byte[] line, Action<List<(string Name, string Value)>> edit)
    {
        var members = new List<(string Name, string Value)>();
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return line;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = Encoding.UTF8.GetString(line.AsSpan((int)reader.TokenStartIndex, (int)reader.BytesConsumed - (int)reader.TokenStartIndex - 1));
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                members.Add((name, Encoding.UTF8.GetString(line.AsSpan(start, (int)reader.BytesConsumed - start))));
            }
        }
        catch (JsonException)
        {
            return line;
        }
        if (members.Count == 0)
            return line;
        edit(members);
        return Encoding.UTF8.GetBytes("{" + string.Join(',', members.Select(m => m.Name + ":" + m.Value)) + "}");
    }

    /// <summary>Whole lines of their own: blank, a BOM, one that is exactly at the length limit or over it, garbage.</summary>
    private static Gen<byte[]> Special { get; } = Gen.OneOf(
        Gen.Elements("", "  ", "\t", "\r", "{}", "[]", "null", "x", "{\"type\":\"swarm\"}", "{\"type\":1}", "{\"type\":\"nope\"}").Select(Encoding.UTF8.GetBytes),
        ReportGenerators.Swarm.Select(r => (byte[])[0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Members(r))]),
        from report in ReportGenerators.Swarm
        from extra in Gen.Choose(-2, 3)
        select Padded(Encoding.UTF8.GetBytes(Members(report)), ReportLimits.MaxLineBytes + extra),
        ArbMap.Default.GeneratorFor<byte[]>().Select(b => b.Where(x => x != (byte)'\n').ToArray()));

    /// <summary>A line padded with spaces after its opening brace to <paramref name="length"/> bytes.</summary>
    private static byte[] Padded(byte[] line, int length) =>
        [line[0], .. Enumerable.Repeat((byte)' ', Math.Max(0, length - line.Length)), .. line[1..]];

    /// <summary>One line: a written report, a mutated one or a special line (also the pipeline agreement test's input).</summary>
    internal static Gen<byte[]> Line { get; } = Gen.Frequency(
        (12, ReportGenerators.Any.Select(r => Encoding.UTF8.GetBytes(Members(r)))),
        (12, Mutated),
        (1, Special));

    private static Gen<(byte[] Input, int Workers, int BlockBytes)> Input { get; } =
        from lines in Line.ListOf()
        from newline in Gen.Elements("\n", "\r\n")
        from bom in Gen.Elements(false, false, true)
        from trailing in Gen.Elements(false, true)
        from workers in Gen.Choose(1, 3)
        from blockBytes in Gen.Elements(1, 7, 200, 4096, ColumnarReportDecoder.DefaultBlockBytes)
        select ((byte[])[.. bom ? "\uFEFF"u8.ToArray() : [], .. ColumnarLines.Join(lines, newline), .. trailing ? Encoding.UTF8.GetBytes(newline) : []], workers, blockBytes);

    [Fact]
    public void Both_decoders_give_the_same_reports_and_rejects()
    {
        Check.One(Config, Prop.ForAll(Input.ToArbitrary(), input =>
        {
            var expected = ColumnarLines.FromObjects(BuiltInReports.Decoder, input.Input);
            var actual = ColumnarLines.FromColumns(new ColumnarReportDecoder(BuiltInReports.Decoder, input.Workers, input.BlockBytes), new MemoryStream(input.Input));
            Assert.Equal(expected, actual);
        }));
    }

    [Fact]
    public void Most_swarm_lines_valid_or_not_are_decided_by_the_fast_reader()
    {
        // The agreement above is only worth something if the mutated lines are not all left to the object decoder:
        // the valid and many invalid swarm lines must be decided by the fast reader and the shared checks.
        var valid = Gen.Sample(ReportGenerators.Swarm, 500).Select(r => Encoding.UTF8.GetBytes(Members(r)));
        var mutated = Gen.Sample(Mutated, 2000);
        var decoder = new ColumnarReportDecoder(BuiltInReports.Decoder, workers: 1);

        var validBlock = decoder.Decode(new MemoryStream(ColumnarLines.Join(valid, "\n"))).Single();
        Assert.Equal(500, validBlock.ReadDirectly);
        var mutatedBlock = decoder.Decode(new MemoryStream(ColumnarLines.Join(mutated, "\n"))).Single();
        Assert.InRange(mutatedBlock.ReadDirectly, 400, 2000);

        // A rule broken in a line that is otherwise fine is the shared check's reject, not the object decoder's.
        var negative = Gen.Sample(ReportGenerators.Swarm, 100).Select(r => Edit(Encoding.UTF8.GetBytes(Members(r)), m => m[m.FindIndex(x => x.Name == "\"timestamp\"")] = ("\"timestamp\"", "-1")));
        var negativeBlock = decoder.Decode(new MemoryStream(ColumnarLines.Join(negative, "\n"))).Single();
        Assert.Equal(100, negativeBlock.ReadDirectly);
        Assert.Equal(100, negativeBlock.Rejects.Count);
    }
}
