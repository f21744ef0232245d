using Scoring.Ledger;

namespace Scoring.Bench.Ledger;

/// <summary>Synthetic scored reports for the ledger benchmarks: one compute posting each, spread over many accounts, from seven producers.</summary>
internal static class BenchReports
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary><paramref name="batches"/> batches of <paramref name="batchSize"/> reports, report ids starting at <paramref name="first"/>.</summary>
    public static LedgerBatch[] Batches(int batches, int batchSize, int accounts, long first = 0) =>
        Enumerable.Range(0, batches)
            .Select(b => new LedgerBatch(Enumerable.Range(0, batchSize).Select(i => Report(first + (long)b * batchSize + i, accounts))))
            .ToArray();

    public static LedgerReport Report(long index, int accounts) => new()
    {
        Scheme = "swarm",
        // Swarm reports come from peers: the key is (scheme, producer, id), as in production.
        Producer = $"peer-{index % 7}",
        ReportId = $"report-{index:D10}",
        ReportTime = Start.AddSeconds(index),
        RuleSetId = "swarm-default",
        RuleSetHash = "sha256:3f1c0a9e",
        Postings = [new LedgerPosting($"account-{index % accounts:D7}", $"peer-{index % 7}", "compute", Points.FromUnits(1_000 + index % 997 * 1_000))],
    };
}
