using BenchmarkDotNet.Attributes;
using Scoring.Rules.Swarm;

namespace Scoring.Bench.Schemes;

/// <summary>
/// Swarm accrual throughput: 1,000,000 reports from 30,000 peers in 10,000 accounts of 3 peers (cap 2, so one peer
/// per account waits), a report every 30 s per peer with a growing counter, some gaps beyond the timeout and resets.
/// </summary>
[MemoryDiagnoser]
public class SwarmAccrualBenchmark
{
    private const int Accounts = 10_000;
    private const int PeersPerAccount = 3;
    private const int Reports = 1_000_000;

    private SwarmReport[] reports = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        int peers = Accounts * PeersPerAccount;
        var peerIds = Enumerable.Range(0, peers).Select(i => $"peer-{i}").ToArray();
        var accountIds = Enumerable.Range(0, Accounts).Select(i => $"user-{i}").ToArray();
        var counters = new double[peers];
        var times = Enumerable.Range(0, peers).Select(_ => 1_700_000_000.0 + random.Next(0, 30)).ToArray();
        reports = new SwarmReport[Reports];
        for (int i = 0; i < Reports; i++)
        {
            int p = i % peers;
            times[p] += random.Next(100) < 2 ? 600 : 30; // 2 % of reports come after a gap
            counters[p] = random.Next(1000) == 0 ? 1e14 : counters[p] + 3e15;
            reports[i] = new SwarmReport($"r{i}", peerIds[p], accountIds[p / PeersPerAccount], times[p], CumulativeFlops: counters[p]);
        }
        // Arrival order: by time, as a metrics server receives them.
        Array.Sort(reports, (a, b) => a.Timestamp.CompareTo(b.Timestamp));
    }

    /// <summary>Ingests every report and flushes; returns the number of entries plus rejections (0 here).</summary>
    [Benchmark(OperationsPerInvoke = Reports)]
    public long IngestPerReport()
    {
        var accrual = new SwarmAccrual(new SwarmOptions());
        var sink = new CountingSink();
        foreach (ref readonly var report in reports.AsSpan())
        {
            if (!accrual.TryIngest(report, sink, out _))
            {
                sink.Rejected++;
            }
        }
        accrual.Flush(sink);
        return sink.Entries + sink.Rejected;
    }

    private sealed class CountingSink : ISwarmAccrualSink
    {
        public long Entries;
        public long Rejected;

        public void Accrued(in SwarmAccrualEntry entry) => Entries++;

        public void PlaceReleased(in SwarmPlace place)
        {
        }
    }
}
