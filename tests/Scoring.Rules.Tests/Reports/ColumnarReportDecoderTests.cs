using System.Text;
using Scoring.Reports;
using Scoring.Reports.Columns;
using Scoring.Rules.Jobs;
using Scoring.Rules.ProofOfGpu;
using Scoring.Rules.Swarm;
using Scoring.Sdk.Tests.Reports;

namespace Scoring.Rules.Tests.Reports;

public class ColumnarReportDecoderTests
{
    private static ColumnarReportDecoder Decoder(int workers = 1, int blockBytes = ColumnarReportDecoder.DefaultBlockBytes) =>
        new(BuiltInReports.Decoder, workers, blockBytes);

    private static string Swarm(int i, string peer = "peer-1") =>
        $"{{\"type\":\"swarm\",\"peerId\":\"{peer}\",\"account\":\"acct\",\"cumulativeFlops\":{i * 1000},\"timestamp\":{1767225600 + i}}}";

    private static List<(long Line, string Id)> Rows(IEnumerable<ReportBlock> blocks) =>
        blocks.SelectMany(b => Enumerable.Range(0, b.Count).Select(row => (b.LineNumbers[row], b.GetId(row))).ToList()).ToList();

    [Fact]
    public void Empty_input_gives_no_blocks()
    {
        Assert.Empty(Decoder().Decode(new MemoryStream([])));
        Assert.Empty(Decoder().Decode(new MemoryStream("\n \r\n\t\n"u8.ToArray())));
    }

    [Fact]
    public void The_last_line_needs_no_newline()
    {
        var rows = Rows(Decoder().Decode(new MemoryStream(Encoding.UTF8.GetBytes(Swarm(1) + "\n\n" + Swarm(2)))));
        Assert.Equal([(1L, "peer-1@1767225601"), (3L, "peer-1@1767225602")], rows);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 100)]
    [InlineData(2, 4096)]
    public void Lines_split_across_reads_and_blocks_come_back_whole_and_in_order(int workers, int blockBytes)
    {
        // Chunks of 1, 3 and 7 bytes cut every line across reads; tiny blocks put each line in its own block.
        var lines = Enumerable.Range(1, 500).Select(i => Swarm(i)).ToList();
        var input = Encoding.UTF8.GetBytes(string.Join("\r\n", lines));
        var rows = Rows(Decoder(workers, blockBytes).Decode(new ChunkedStream(input, [1, 3, 7])));
        Assert.Equal(Enumerable.Range(1, 500).Select(i => ((long)i, $"peer-1@{1767225600 + i}")), rows);
    }

    [Fact]
    public void Blocks_are_reused_so_memory_stays_bounded()
    {
        var input = Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Range(1, 2000).Select(i => Swarm(i))));
        var blocks = new HashSet<ReportBlock>(ReferenceEqualityComparer.Instance);
        var count = 0;
        foreach (var block in Decoder(workers: 2, blockBytes: 1000).Decode(new MemoryStream(input)))
        {
            blocks.Add(block);
            count++;
        }
        Assert.True(count > 100);
        Assert.InRange(blocks.Count, 1, 3);
    }

    [Fact]
    public void Repeated_strings_are_interned_once_per_block_and_derived_ids_need_no_string()
    {
        var input = Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Range(1, 1000).Select(i => Swarm(i, $"peer-{i % 3}"))));
        var block = Decoder().Decode(new MemoryStream(input)).Single();
        var columns = block.Columns(SwarmReportType.Instance);

        Assert.Equal(1000, block.Count);
        Assert.Equal(1000, block.ReadDirectly);
        Assert.Equal(4, block.Names.Count); // three peers and one account; no id is stored
        Assert.All(columns.Names(columns.IndexOf("id")).ToArray(), id => Assert.Equal(-1, id));
        Assert.Equal("peer-2", block.Names.GetString(columns.Names(columns.IndexOf("peerId"))[1]));
        Assert.Equal("peer-2@1767225602", block.GetId(1));
        Assert.Equal(2000d, columns.Doubles(columns.IndexOf("cumulativeFlops"))[1]);
        Assert.True(double.IsNaN(columns.Doubles(columns.IndexOf("flopsSinceLast"))[1]));
    }

    [Fact]
    public void Rows_of_another_type_hold_absent_values_in_a_type_s_columns()
    {
        var image = BuiltInReports.ToJson(new ImageJobReport("job-1", "miner", "wallet", "sdxl", 1024, 768, 30, 24, 5.5, 1767225600));
        var pog = BuiltInReports.ToJson(new ProofOfGpuReport("pog-1", 7, "hotkey", "NVIDIA H100 80GB HBM3", 8, true, false, true, ProofOfGpuSource.Local, null, 1767225600));
        var block = Decoder().Decode(new MemoryStream(Encoding.UTF8.GetBytes(Swarm(1) + "\n" + image + "\n" + pog))).Single();

        Assert.Equal([SwarmReportType.TypeName, ImageJobReportType.TypeName, ProofOfGpuReportType.TypeName], Enumerable.Range(0, 3).Select(r => block.TypeOf(r).Name));
        var swarm = block.Columns(SwarmReportType.Instance);
        var images = block.Columns(ImageJobReportType.Instance);
        Assert.True(double.IsNaN(swarm.Doubles(swarm.IndexOf("timestamp"))[1]));
        Assert.Equal(-1, swarm.Names(swarm.IndexOf("peerId"))[1]);
        Assert.Equal([0L, 768L, 0L], images.Ints(images.IndexOf("height")).ToArray());
        Assert.Equal("job-1", block.GetId(1));
        var proofs = block.Columns(ProofOfGpuReportType.Instance);
        Assert.Equal("pog-1", block.GetId(2));
        Assert.Equal([false, false, true], proofs.Bools(proofs.IndexOf(proofs.Type.Fields.First(f => f.Type == ReportFieldType.Bool).Name)).ToArray());
        Assert.Equal(2, block.ReadDirectly); // pog does not implement IColumnarReportType: its line went through the object decoder
        Assert.Equal(3, block.Columns(LlmJobReportType.Instance).Count);
    }

    [Fact]
    public void Too_long_and_bad_lines_are_rejected_as_the_line_decoder_rejects_them()
    {
        var tooLong = "{\"type\":\"swarm\",\"peerId\":\"" + new string('p', ReportLimits.MaxLineBytes) + "\"}";
        var input = Encoding.UTF8.GetBytes(string.Join('\n', Swarm(1), tooLong, "{\"type\":\"swarm\",\"peerId\":\"p\",\"account\":\"a\",\"timestamp\":1767225600}", Swarm(4)));
        var block = Decoder().Decode(new MemoryStream(input)).Single();

        Assert.Equal([1L, 4L], block.LineNumbers.ToArray());
        Assert.Equal(BuiltInReports.Decoder.Decode(new MemoryStream(input)).Where(l => !l.IsReport), block.Rejects);
        Assert.Equal($"the line is {tooLong.Length} bytes long; the limit is {ReportLimits.MaxLineBytes}", block.Rejects[0].Error!.Reason);
        Assert.Equal(("$.cumulativeFlops", 3L), (block.Rejects[1].Error!.Field, block.Rejects[1].LineNumber));
    }

    [Fact]
    public void Leaving_early_waits_for_the_workers()
    {
        var input = Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Range(1, 5000).Select(i => Swarm(i))));
        var first = Decoder(workers: 4, blockBytes: 500).Decode(new MemoryStream(input)).First();
        Assert.Equal(1L, first.LineNumbers[0]);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Decoder(workers: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Decoder(blockBytes: 0));
        Assert.Equal(Environment.ProcessorCount, Decoder(workers: 0).Workers);
        var swarmOnly = new ColumnarReportDecoder(new ReportDecoder([SwarmReportType.Instance]));
        var block = swarmOnly.Decode(new MemoryStream(Encoding.UTF8.GetBytes(Swarm(1)))).Single();
        Assert.Throws<ArgumentException>(() => block.Columns(ImageJobReportType.Instance));
        var columns = block.Columns(SwarmReportType.Instance);
        Assert.Throws<ArgumentException>(() => columns.IndexOf("nope"));
        Assert.Throws<ArgumentException>(() => columns.Ints(columns.IndexOf("peerId")));
    }
}
