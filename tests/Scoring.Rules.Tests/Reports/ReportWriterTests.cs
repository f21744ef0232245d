using System.Text;
using Scoring.Reports;
using Scoring.Rules.Jobs;
using Scoring.Rules.ProofOfGpu;
using Scoring.Rules.Swarm;

namespace Scoring.Rules.Tests.Reports;

public class ReportWriterTests
{
    [Fact]
    public void Writes_camel_case_fields_in_table_order_without_nulls()
    {
        var json = BuiltInReports.ToJson(new SwarmPeerReport("r-1", "peer-7", "acct-3", 1767225600.5, null, 35_000_000_000_000_000));
        Assert.Equal(
            """{"type":"swarm","id":"r-1","peerId":"peer-7","account":"acct-3","flopsSinceLast":35000000000000000,"timestamp":1767225600.5}""",
            json);
    }

    [Fact]
    public void Writes_proof_of_gpu_source_and_keeps_non_ascii_text_readable()
    {
        var json = BuiltInReports.ToJson(new ProofOfGpuReport("x", 3, "hötkey\"", "NVIDIA L4", 1, true, false, false, ProofOfGpuSource.External, 0.5, null));
        Assert.Equal(
            """{"type":"pog","id":"x","uid":3,"hotkey":"hötkey\"","gpuName":"NVIDIA L4","gpuCount":1,"queryable":true,"penalized":false,"allocated":false,"source":"external","score":0.5}""",
            json);
    }

    [Fact]
    public void Leaves_out_an_id_the_decoder_derives_and_still_round_trips()
    {
        var swarm = new SwarmPeerReport(SwarmPeerReport.DeriveId("p", 1767225600.25), "p", "a", 1767225600.25, 5, null);
        var pog = new ProofOfGpuReport(ProofOfGpuReport.DeriveId(4, "hk", ProofOfGpuSource.Local, null), 4, "hk", "NVIDIA L4", 1, true, false, false, ProofOfGpuSource.Local, null, null);

        var swarmJson = BuiltInReports.ToJson(swarm);
        var pogJson = BuiltInReports.ToJson(pog);

        Assert.Equal("""{"type":"swarm","peerId":"p","account":"a","cumulativeFlops":5,"timestamp":1767225600.25}""", swarmJson);
        Assert.DoesNotContain("\"id\"", pogJson, StringComparison.Ordinal);
        Assert.Equal(swarm, BuiltInReports.Decoder.DecodeLine(Encoding.UTF8.GetBytes(swarmJson), 1).Report);
        Assert.Equal(pog, BuiltInReports.Decoder.DecodeLine(Encoding.UTF8.GetBytes(pogJson), 1).Report);
        Assert.Equal("p@1767225600.25", swarm.Id);
        Assert.Equal("4/hk/local", pog.Id);
    }

    [Fact]
    public void Writes_one_line_per_report_and_raw_lines_verbatim()
    {
        var output = new MemoryStream();
        using (var writer = new ReportWriter(output, leaveOpen: true))
        {
            writer.Write(new LlmJobReport("j", "m", "w", "x", 1, 2, 24, 0.5, 1767225600));
            writer.WriteRawLine("not json"u8);
        }

        Assert.Equal(
            "{\"type\":\"llm\",\"jobId\":\"j\",\"minerId\":\"m\",\"wallet\":\"w\",\"model\":\"x\",\"inputTokens\":1,\"outputTokens\":2,\"gpuVramGb\":24,\"latencySeconds\":0.5,\"timestamp\":1767225600}\nnot json\n",
            Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void A_raw_line_must_not_contain_a_line_feed()
    {
        using var writer = new ReportWriter(new MemoryStream());
        Assert.Throws<ArgumentException>(() => writer.WriteRawLine("a\nb"u8));
    }
}
