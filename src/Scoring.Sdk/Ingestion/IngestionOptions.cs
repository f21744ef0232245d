using System.ComponentModel.DataAnnotations;

namespace Scoring.Ingestion;

/// <summary>Settings of <see cref="ReportIngestion"/>.</summary>
public sealed class IngestionOptions
{
    /// <summary>Reports per ledger transaction (default 10,000). Larger batches are faster; a crash re-does at most one.</summary>
    [Range(1, 1_000_000)]
    public int BatchSize { get; set; } = 10_000;

    /// <summary>Batches decoded ahead of the ledger writer (default 2): bounds memory while decoding overlaps writing.</summary>
    [Range(1, 64)]
    public int BatchesInFlight { get; set; } = 2;
}
