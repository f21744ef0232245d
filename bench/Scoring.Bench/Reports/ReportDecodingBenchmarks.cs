using BenchmarkDotNet.Attributes;
using Scoring.Reports;
using Scoring.Rules.Jobs;
using Scoring.Rules.ProofOfGpu;
using Scoring.Rules.Swarm;

namespace Scoring.Bench.Reports;

/// <summary>
/// Decoding throughput of JSON Lines reports from a UTF-8 stream, per line (the hot path of ingestion).
/// Run: <c>dotnet run -c Release --project bench/Scoring.Bench -- --filter '*ReportDecoding*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class ReportDecodingBenchmarks
{
    private const int Lines = 100_000;

    /// <summary>The decoder of the four built-in report types, shared with <see cref="ColumnarDecodingBenchmarks"/>.</summary>
    internal static readonly ReportDecoder Decoder = new([SwarmReportType.Instance, ImageJobReportType.Instance, LlmJobReportType.Instance, ProofOfGpuReportType.Instance]);

    private byte[] _input = [];

    /// <summary>Which kind of report the input holds; <c>mixed</c> cycles through all four.</summary>
    [Params("swarm", "image", "llm", "pog", "mixed")]
    public string Kind { get; set; } = "mixed";

    [GlobalSetup]
    public void Setup()
    {
        var output = new MemoryStream();
        using (var writer = new ReportWriter(output, leaveOpen: true))
        {
            for (var i = 0; i < Lines; i++)
            {
                writer.Write(CreateReport(Kind == "mixed" ? (i % 4) : Array.IndexOf(["swarm", "image", "llm", "pog"], Kind), i));
            }
        }

        _input = output.ToArray();
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public int DecodeStream()
    {
        var reports = 0;
        foreach (var line in Decoder.Decode(new MemoryStream(_input, writable: false)))
        {
            if (line.IsReport)
            {
                reports++;
            }
        }

        return reports == Lines ? reports : throw new InvalidOperationException($"decoded {reports} of {Lines}");
    }

    /// <summary>Report <paramref name="i"/> of kind <paramref name="kind"/> (0 swarm, 1 image, 2 llm, 3 pog), shared with <see cref="ColumnarDecodingBenchmarks"/>.</summary>
    internal static Report CreateReport(int kind, int i)
    {
        var timestamp = 1_767_225_600 + (i * 0.731);
        return kind switch
        {
            0 => new SwarmPeerReport($"swarm-{i:D10}", $"peer-{i % 997:D5}", $"account-{i % 311:D4}", timestamp, 1.25e15 * i, 3.7e16 + i),
            1 => new ImageJobReport($"img-{i:D10}", $"miner-{i % 499:D5}", $"0x{i % 211:x40}", "sdxl", 1024, 1024, 30, 24, 4.75 + (i % 10), timestamp),
            2 => new LlmJobReport($"llm-{i:D10}", $"miner-{i % 499:D5}", $"0x{i % 211:x40}", "hermes-3-llama3.1-8b", 512 + (i % 900), 128 + (i % 700), 24, 9.5, timestamp),
            _ => new ProofOfGpuReport($"pog-{i:D10}", i % 256, $"5F{i % 4096:D44}", "NVIDIA H100 80GB HBM3", 1 + (i % 8), true, false, i % 3 == 0, ProofOfGpuSource.Local, null, timestamp),
        };
    }
}
