using BenchmarkDotNet.Attributes;
using Scoring.Reports;
using Scoring.Reports.Columns;

namespace Scoring.Bench.Reports;

/// <summary>
/// Swarm lines decoded and validated per second: the columnar decoder on 1 and 2 workers against the object decoder
/// (<see cref="ReportDecoder"/>, the baseline), over the same 200,000 generated lines in memory (issue 13, item 4).
/// Run: <c>dotnet run -c Release --project bench/Scoring.Bench -- --filter '*ColumnarDecoding*'</c>.
/// </summary>
[MemoryDiagnoser]
public class ColumnarDecodingBenchmarks
{
    private const int Lines = 200_000;

    private static ReportDecoder Decoder => ReportDecodingBenchmarks.Decoder;

    private readonly ColumnarReportDecoder _oneWorker = new(Decoder, workers: 1);
    private readonly ColumnarReportDecoder _twoWorkers = new(Decoder, workers: 2);
    private byte[] _input = [];

    [GlobalSetup]
    public void Setup()
    {
        var output = new MemoryStream();
        using (var writer = new ReportWriter(output, leaveOpen: true))
        {
            for (var i = 0; i < Lines; i++)
                writer.Write(ReportDecodingBenchmarks.CreateReport(0, i));
        }
        _input = output.ToArray();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Lines)]
    public int ObjectDecoder()
    {
        var reports = 0;
        foreach (var line in Decoder.Decode(new MemoryStream(_input, writable: false)))
        {
            if (line.IsReport)
                reports++;
        }
        return Checked(reports);
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public int ColumnarOneWorker() => Columnar(_oneWorker);

    [Benchmark(OperationsPerInvoke = Lines)]
    public int ColumnarTwoWorkers() => Columnar(_twoWorkers);

    private int Columnar(ColumnarReportDecoder decoder)
    {
        var rows = 0;
        foreach (var block in decoder.Decode(new MemoryStream(_input, writable: false)))
            rows += block.Count;
        return Checked(rows);
    }

    private static int Checked(int reports) => reports == Lines ? reports : throw new InvalidOperationException($"decoded {reports} of {Lines}");
}
