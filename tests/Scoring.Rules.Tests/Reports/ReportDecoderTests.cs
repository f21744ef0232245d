using System.Text;
using Scoring.Reports;
using Scoring.Rules.Jobs;
using Scoring.Rules.ProofOfGpu;
using Scoring.Rules.Swarm;

namespace Scoring.Rules.Tests.Reports;

/// <summary>The built-in report types through the decoder a host builds from the registered schemes.</summary>
public class ReportDecoderTests
{
    private const string Swarm =
        """{"type":"swarm","id":"r-1","peerId":"peer-7","account":"acct-3","timestamp":1767225600.5,"cumulativeFlops":1.2e18,"flopsSinceLast":3.5e16}""";

    private const string Image =
        """{"type":"image","jobId":"job-1","minerId":"miner-1","wallet":"0xabc","category":"sdxl","width":1024,"height":768,"steps":30,"gpuVramGb":24,"latencySeconds":6.25,"timestamp":1767225600}""";

    private const string Llm =
        """{"type":"llm","jobId":"job-2","minerId":"miner-2","wallet":"0xdef","model":"hermes-3-llama3.1-8b","inputTokens":512,"outputTokens":256,"gpuVramGb":24,"latencySeconds":12.5,"timestamp":1767225601}""";

    private const string Pog =
        """{"type":"pog","uid":12,"hotkey":"5FHneW46","gpuName":"NVIDIA H100 80GB HBM3","gpuCount":8,"queryable":true,"penalized":false,"allocated":true,"timestamp":1767225600}""";

    private static DecodedLine Decode(string line, long lineNumber = 1) => BuiltInReports.Decode(line, lineNumber);

    private static T DecodeReport<T>(string line)
        where T : Report
    {
        var decoded = Decode(line);
        Assert.True(decoded.IsReport, decoded.Error?.ToString());
        return Assert.IsType<T>(decoded.Report);
    }

    [Fact]
    public void Decodes_a_swarm_peer_report()
    {
        var report = DecodeReport<SwarmPeerReport>(Swarm);
        Assert.Equal(new SwarmPeerReport("r-1", "peer-7", "acct-3", 1767225600.5, 1.2e18, 3.5e16), report);
        Assert.Equal("r-1", report.Id);
        Assert.Equal("peer-7", report.Producer);
        Assert.Same(SwarmReportType.Instance, report.ReportType);
        Assert.Equal("swarm", report.Type);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767225600500), report.Time);
    }

    [Fact]
    public void Decodes_an_image_job()
    {
        var report = DecodeReport<ImageJobReport>(Image);
        Assert.Equal(new ImageJobReport("job-1", "miner-1", "0xabc", "sdxl", 1024, 768, 30, 24, 6.25, 1767225600), report);
        Assert.Equal("job-1", report.Id);
        Assert.Equal("miner-1", report.Producer);
        Assert.Same(ImageJobReportType.Instance, report.ReportType);
    }

    [Fact]
    public void Decodes_an_llm_job()
    {
        var report = DecodeReport<LlmJobReport>(Llm);
        Assert.Equal(new LlmJobReport("job-2", "miner-2", "0xdef", "hermes-3-llama3.1-8b", 512, 256, 24, 12.5, 1767225601), report);
        Assert.Equal("job-2", report.Id);
        Assert.Equal("miner-2", report.Producer);
        Assert.Same(LlmJobReportType.Instance, report.ReportType);
    }

    [Fact]
    public void Decodes_a_local_proof_of_gpu_result_with_a_derived_id()
    {
        var report = DecodeReport<ProofOfGpuReport>(Pog);
        Assert.Equal(
            new ProofOfGpuReport("12/5FHneW46/local@1767225600", 12, "5FHneW46", "NVIDIA H100 80GB HBM3", 8, true, false, true, ProofOfGpuSource.Local, null, 1767225600),
            report);
        Assert.Equal("5FHneW46", report.Producer);
        Assert.Same(ProofOfGpuReportType.Instance, report.ReportType);
    }

    [Fact]
    public void Decodes_an_external_proof_of_gpu_result_without_timestamp()
    {
        var report = DecodeReport<ProofOfGpuReport>(
            """{"type":"pog","uid":0,"hotkey":"5X","gpuName":"NVIDIA L4","gpuCount":1,"queryable":false,"penalized":true,"allocated":false,"source":"external","score":0.125}""");
        Assert.Equal(ProofOfGpuSource.External, report.Source);
        Assert.Equal(0.125, report.Score);
        Assert.Null(report.Timestamp);
        Assert.Equal("0/5X/external", report.Id);
        Assert.Null(report.Time);
    }

    [Fact]
    public void An_explicit_proof_of_gpu_id_wins()
    {
        var report = DecodeReport<ProofOfGpuReport>(Pog.Replace("\"uid\"", "\"id\":\"round-9/uid-12\",\"uid\""));
        Assert.Equal("round-9/uid-12", report.Id);
    }

    [Fact]
    public void A_swarm_report_without_id_gets_peer_and_timestamp_as_id_and_may_carry_one_counter()
    {
        var report = DecodeReport<SwarmPeerReport>(
            """{"type":"swarm","peerId":"p","account":"a","timestamp":1767225600.25,"flopsSinceLast":0}""");
        Assert.Equal("p@1767225600.25", report.Id);
        Assert.Null(report.CumulativeFlops);
        Assert.Equal(0, report.FlopsSinceLast);
    }

    [Theory]
    [InlineData("2026-01-01T00:00:00Z", 1767225600)]
    [InlineData("2026-01-01T02:00:00+02:00", 1767225600)]
    [InlineData("2025-12-31T19:00:00.5-05:00", 1767225600.5)]
    [InlineData("2026-01-01T00:00:00.125z", 1767225600.125)]
    public void Accepts_rfc3339_timestamps_with_an_offset(string timestamp, double unixSeconds)
    {
        var report = DecodeReport<ImageJobReport>(Image.Replace("1767225600", $"\"{timestamp}\""));
        Assert.Equal(unixSeconds, report.Timestamp);
    }

    [Fact]
    public void Ignores_unknown_fields_and_accepts_whitespace_and_field_order()
    {
        var report = DecodeReport<LlmJobReport>(
            """  { "timestamp" : 1767225601, "extra": {"nested": [1, 2, {"x": null}]}, "model":"m", "wallet":"w", "minerId":"mi", "jobId":"j", "inputTokens":1e3, "outputTokens":0, "gpuVramGb":7.5, "latencySeconds":0, "type":"llm" }  """);
        Assert.Equal(new LlmJobReport("j", "mi", "w", "m", 1000, 0, 7.5, 0, 1767225601), report);
    }

    [Fact]
    public void Fields_of_other_report_types_are_unknown_fields_and_ignored()
    {
        // Each type reads its own fields only: "model" is an llm field, but on an image line it is just unknown.
        var report = DecodeReport<ImageJobReport>(Image.Replace("\"width\"", "\"model\":5,\"peerId\":[1],\"width\""));
        Assert.Equal(1024, report.Width);
    }

    [Fact]
    public void The_type_is_dispatched_before_any_field_is_read()
    {
        // Without its type a line's fields mean nothing, so the type is what is reported, not the bad width.
        var decoded = Decode(Image.Replace("\"type\":\"image\",", "").Replace("\"width\":1024", "\"width\":\"wide\""));
        Assert.Equal(("$.type", "is required (one of \"swarm\", \"image\", \"llm\", \"pog\")"), (decoded.Error!.Field, decoded.Error.Reason));
        var unknown = Decode(Image.Replace("\"type\":\"image\"", "\"type\":\"video\"").Replace("\"width\":1024", "\"width\":-1"));
        Assert.Equal(("$.type", "unknown report type \"video\"; expected \"swarm\", \"image\", \"llm\" or \"pog\""), (unknown.Error!.Field, unknown.Error.Reason));
        // The type may come last: the scan skips the members before it.
        var last = DecodeReport<LlmJobReport>(Llm.Replace("\"type\":\"llm\",", "").Replace("}", ",\"type\":\"llm\"}"));
        Assert.Equal("job-2", last.Id);
    }

    [Fact]
    public void Non_ascii_text_is_kept()
    {
        var report = DecodeReport<SwarmPeerReport>(Swarm.Replace("acct-3", "ä日本\\u00e9😀"));
        Assert.Equal("ä日本é😀", report.Account);
    }

    public static TheoryData<string, string, string> Rejections => new()
    {
        // not JSON, not an object, structure
        { "hello", "$", "is not valid JSON at column 1" },
        { "{\"type\":\"image\",\"jobId\":\"j", "$.jobId", "is not valid JSON" },
        { Image + " x", "$", "is not valid JSON" },
        { Image + Image, "$", "is not valid JSON" },
        { "[1,2]", "$", "a report must be a JSON object, got an array" },
        { "42", "$", "a report must be a JSON object, got a number" },
        { "\"text\"", "$", "a report must be a JSON object, got a string" },
        { "null", "$", "a report must be a JSON object, got null" },
        { "   ", "$", "the line is empty" },
        { Image.Replace("\"type\":\"image\"", "\"type\":\"image\",\"type\":\"llm\""), "$.type", "appears more than once" },
        { Image.Replace("\"width\":1024", "\"width\":1024,\"width\":1"), "$.width", "appears more than once" },
        // type discriminator
        { Image.Replace("\"type\":\"image\",", ""), "$.type", "is required" },
        { Image.Replace("\"type\":\"image\"", "\"type\":\"video\""), "$.type", "unknown report type \"video\"" },
        { Image.Replace("\"type\":\"image\"", "\"type\":5"), "$.type", "expected a string, got a number" },
        // wrong JSON type
        { Image.Replace("\"width\":1024", "\"width\":\"1024\""), "$.width", "expected a number, got a string" },
        { Image.Replace("\"width\":1024", "\"width\":{\"px\":1}"), "$.width", "expected a number, got an object" },
        { Image.Replace("\"width\":1024", "\"width\":true"), "$.width", "expected a number, got true" },
        { Image.Replace("\"wallet\":\"0xabc\"", "\"wallet\":7"), "$.wallet", "expected a string, got a number" },
        { Pog.Replace("\"queryable\":true", "\"queryable\":\"yes\""), "$.queryable", "expected true or false, got a string" },
        { Pog.Replace("\"queryable\":true", "\"queryable\":1"), "$.queryable", "expected true or false, got a number" },
        { Swarm.Replace("\"peerId\":\"peer-7\"", "\"peerId\":[\"peer-7\"]"), "$.peerId", "expected a string, got an array" },
        // missing or null required fields
        { Image.Replace("\"width\":1024,", ""), "$.width", "is required" },
        { Image.Replace("\"width\":1024", "\"width\":null"), "$.width", "expected a number, got null" },
        { Image.Replace("\"wallet\":\"0xabc\"", "\"wallet\":null"), "$.wallet", "is required" },
        { Image.Replace("1767225600", "null"), "$.timestamp", "is required" },
        { Image.Replace(",\"timestamp\":1767225600", ""), "$.timestamp", "is required" },
        { Llm.Replace("\"model\":\"hermes-3-llama3.1-8b\",", ""), "$.model", "is required" },
        { Pog.Replace("\"penalized\":false,", ""), "$.penalized", "is required (true or false)" },
        { Swarm.Replace("\"account\":\"acct-3\",", ""), "$.account", "is required" },
        { Swarm.Replace(",\"cumulativeFlops\":1.2e18,\"flopsSinceLast\":3.5e16", ""), "$.cumulativeFlops", "at least one of the two" },
        // NaN, infinity, absurd magnitudes
        { Image.Replace("\"width\":1024", "\"width\":NaN"), "$.width", "is not valid JSON" },
        { Image.Replace("\"gpuVramGb\":24", "\"gpuVramGb\":Infinity"), "$.gpuVramGb", "is not valid JSON" },
        { Image.Replace("\"gpuVramGb\":24", "\"gpuVramGb\":-Infinity"), "$.gpuVramGb", "is not valid JSON" },
        { Image.Replace("\"latencySeconds\":6.25", "\"latencySeconds\":\"NaN\""), "$.latencySeconds", "expected a number, got a string" },
        { Image.Replace("\"width\":1024", "\"width\":1e400"), "$.width", "is too large to be a number" },
        { Swarm.Replace("1.2e18", "1e31"), "$.cumulativeFlops", "must be at most 1E+27, got 1E+31" },
        { Swarm.Replace("1.2e18", "1.5"), "$.cumulativeFlops", "must be a whole number of FLOPs, got 1.5" },
        // negative and fractional counts
        { Image.Replace("\"width\":1024", "\"width\":-5"), "$.width", "must be at least 1, got -5" },
        { Llm.Replace("\"inputTokens\":512", "\"inputTokens\":-1"), "$.inputTokens", "must not be negative, got -1" },
        { Swarm.Replace("3.5e16", "-3.5e16"), "$.flopsSinceLast", "must not be negative" },
        { Pog.Replace("\"uid\":12", "\"uid\":-1"), "$.uid", "must not be negative, got -1" },
        { Pog.Replace("\"gpuCount\":8", "\"gpuCount\":2.5"), "$.gpuCount", "must be a whole number, got 2.5" },
        { Llm.Replace("\"outputTokens\":256", "\"outputTokens\":1.5"), "$.outputTokens", "must be a whole number, got 1.5" },
        { Image.Replace("\"steps\":30", "\"steps\":30.000001"), "$.steps", "must be a whole number" },
        { Pog.Replace("\"uid\":12", "\"uid\":0.5"), "$.uid", "must be a whole number" },
        // absurd values
        { Image.Replace("\"width\":1024", "\"width\":16385"), "$.width", "must be at most 16384, got 16385" },
        { Image.Replace("\"height\":768", "\"height\":0"), "$.height", "must be at least 1, got 0" },
        { Image.Replace("\"steps\":30", "\"steps\":1001"), "$.steps", "must be at most 1000" },
        { Llm.Replace("\"inputTokens\":512", "\"inputTokens\":10000001"), "$.inputTokens", "must be at most 10000000" },
        { Pog.Replace("\"gpuCount\":8", "\"gpuCount\":1025"), "$.gpuCount", "must be at most 1024" },
        { Pog.Replace("\"uid\":12", "\"uid\":65536"), "$.uid", "must be at most 65535" },
        { Image.Replace("\"gpuVramGb\":24", "\"gpuVramGb\":0"), "$.gpuVramGb", "must be greater than 0" },
        { Image.Replace("\"gpuVramGb\":24", "\"gpuVramGb\":4096"), "$.gpuVramGb", "must be at most 1024" },
        { Llm.Replace("\"latencySeconds\":12.5", "\"latencySeconds\":-0.5"), "$.latencySeconds", "must not be negative" },
        { Llm.Replace("\"latencySeconds\":12.5", "\"latencySeconds\":86401"), "$.latencySeconds", "must be at most 86400" },
        // timestamps
        { Image.Replace("1767225600", "5"), "$.timestamp", "must be between 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z" },
        { Image.Replace("1767225600", "4102444800"), "$.timestamp", "must be between" },
        { Image.Replace("1767225600", "946684799.9"), "$.timestamp", "must be between" },
        { Image.Replace("1767225600", "1e400"), "$.timestamp", "must be between" },
        { Image.Replace("1767225600", "\"2026-01-01T00:00:00\""), "$.timestamp", "RFC 3339 date-time with an offset" },
        { Image.Replace("1767225600", "\"yesterday\""), "$.timestamp", "got \"yesterday\"" },
        { Image.Replace("1767225600", "\"1999-12-31T23:59:59Z\""), "$.timestamp", "must be between" },
        { Image.Replace("1767225600", "true"), "$.timestamp", "must be a number (unix seconds) or an RFC 3339 string, got true" },
        { Pog.Replace("1767225600", "-1"), "$.timestamp", "must be between" },
        // strings
        { Image.Replace("\"job-1\"", "\"\""), "$.jobId", "must not be empty" },
        { Image.Replace("\"job-1\"", "\"" + new string('j', 257) + "\""), "$.jobId", "is 257 characters long; the limit is 256" },
        { Image.Replace("\"job-1\"", "\"job\\u0001\""), "$.jobId", "must not contain control characters" },
        { Swarm.Replace("\"r-1\"", "\"\""), "$.id", "must not be empty" },
        // a blank id, producer or account is no key and no account: refused here, not by the ledger mid-run (it stopped the run)
        { Swarm.Replace("\"r-1\"", "\" \""), "$.id", "must not be blank (it is only whitespace)" },
        { Swarm.Replace("\"r-1\"", "\"\\u00a0\\t\""), "$.id", "must not be blank (it is only whitespace)" },
        { Image.Replace("\"job-1\"", "\"\u2003\""), "$.jobId", "must not be blank (it is only whitespace)" },
        // proof-of-gpu source and score
        { Pog.Replace("\"uid\"", "\"source\":\"remote\",\"uid\""), "$.source", "must be \"local\" or \"external\", got \"remote\"" },
        { Pog.Replace("\"uid\"", "\"source\":\"external\",\"uid\""), "$.score", "is required when source is \"external\"" },
        { Pog.Replace("\"uid\"", "\"score\":0.5,\"uid\""), "$.score", "is only allowed when source is \"external\"" },
        { Pog.Replace("\"uid\"", "\"source\":\"external\",\"score\":1.5,\"uid\""), "$.score", "must be at most 1, got 1.5" },
        { Pog.Replace("\"uid\"", "\"source\":\"external\",\"score\":-0.1,\"uid\""), "$.score", "must not be negative" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Rejects_a_bad_line_naming_line_field_and_reason(string line, string field, string reason)
    {
        var decoded = Decode(line, lineNumber: 42);

        Assert.False(decoded.IsReport);
        Assert.Equal(42, decoded.LineNumber);
        Assert.Equal(42, decoded.Error.LineNumber);
        Assert.Equal(field, decoded.Error.Field);
        Assert.Contains(reason, decoded.Error.Reason, StringComparison.Ordinal);
        Assert.Equal(line, decoded.RawText);
    }

    [Fact]
    public void Rejects_a_line_longer_than_the_limit()
    {
        var line = Image.Replace("\"job-1\"", "\"" + new string('x', ReportLimits.MaxLineBytes) + "\"");
        var decoded = Decode(line, 3);
        Assert.False(decoded.IsReport);
        Assert.Equal("$", decoded.Error.Field);
        Assert.Equal($"the line is {line.Length} bytes long; the limit is 65536", decoded.Error.Reason);
        Assert.Equal(ReportLimits.MaxLineBytes, decoded.RawText.Length);
    }

    [Fact]
    public void Rejects_invalid_utf8_and_keeps_the_raw_text_readable()
    {
        var bytes = Encoding.UTF8.GetBytes(Image.Replace("job-1", "job-\u00ff")).ToArray();
        var index = Array.IndexOf(bytes, (byte)0xC3);
        bytes[index] = 0xFF;
        var decoded = BuiltInReports.Decoder.DecodeLine(bytes, 1);
        Assert.False(decoded.IsReport);
        Assert.Contains('\uFFFD', decoded.RawText);
    }

    [Fact]
    public void Error_text_names_line_field_and_reason()
    {
        var error = new ReportError(12, "$.width", "must be a whole number, got 2.5");
        Assert.Equal("line 12, $.width: must be a whole number, got 2.5", error.ToString());
    }
}
