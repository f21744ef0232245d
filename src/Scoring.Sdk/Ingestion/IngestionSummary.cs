namespace Scoring.Ingestion;

/// <summary>The counts of one ingestion run. <c>Read = Scored + Duplicates + Rejected</c> (blank lines count as rejected).</summary>
/// <param name="Read">Lines read.</param>
/// <param name="Scored">Reports newly recorded in the ledger.</param>
/// <param name="Duplicates">Reports the ledger had already recorded (or that occurred twice in the input).</param>
/// <param name="Rejected">Lines rejected by the decoder or the scheme.</param>
/// <param name="Entries">Ledger entries written.</param>
public sealed record IngestionSummary(long Read, long Scored, long Duplicates, long Rejected, long Entries)
{
    /// <summary>Nothing read yet.</summary>
    public static IngestionSummary Empty { get; } = new(0, 0, 0, 0, 0);
}
