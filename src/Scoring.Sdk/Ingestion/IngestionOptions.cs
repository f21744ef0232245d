using System.ComponentModel.DataAnnotations;

namespace Scoring.Ingestion;

/// <summary>Settings of <see cref="ReportIngestion"/>.</summary>
public sealed class IngestionOptions
{
    /// <summary>The configuration section a host binds these options from: <c>Scoring:Ingestion</c>.</summary>
    public const string SectionName = "Scoring:Ingestion";

    /// <summary>
    /// Reports per ledger transaction (default 10,000). Larger batches are faster — much of a transaction's cost is per
    /// batch: the state, totals and index pages of every account it credits — and hold more reports in memory at once; a
    /// crash re-does at most one. The <c>scoring</c> CLI uses 50,000 (docs/cli.md, "Batch size and memory").
    /// </summary>
    [Range(1, 1_000_000)]
    public int BatchSize { get; set; } = 10_000;

    /// <summary>Batches decoded ahead of the ledger writer (default 2): bounds memory while decoding overlaps writing.</summary>
    [Range(1, 64)]
    public int BatchesInFlight { get; set; } = 2;

    /// <summary>
    /// Threads that decode the input into reports (default 0: one per processor, one fewer, at least one, while the ledger
    /// writer is scoring a batch). The writer, one thread, bounds a run of new reports, so the default then leaves it a
    /// core; a replay of reports the ledger holds already is bound by decoding, which then takes every core. 1 decodes on
    /// the thread that cuts the batches. A host that runs several pipelines at once may lower it.
    /// </summary>
    [Range(0, 256)]
    public int DecodeWorkers { get; set; }
}
