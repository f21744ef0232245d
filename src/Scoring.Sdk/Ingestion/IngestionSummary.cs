namespace Scoring.Ingestion;

/// <summary>
/// The counts of one ingestion run. Every line read is exactly one of: scored (newly accepted), a duplicate, a
/// conflict, late, or rejected, so <c>Read = Scored + Duplicates + Conflicts + Late + Rejected</c>. Entries are
/// counted apart: one report may post several entries (compute and presence), or none yet (held in a reorder
/// window), and a scheme may post entries of its own (boosts when an epoch closes).
/// </summary>
/// <param name="Read">Non-blank lines read.</param>
/// <param name="Scored">Reports newly accepted into the ledger.</param>
/// <param name="Duplicates">Reports the ledger had already recorded with the same content (or that occurred twice in the input).</param>
/// <param name="Conflicts">Reports whose id the same producer had used before for different content: refused, never a silent duplicate.</param>
/// <param name="Late">Reports that arrived after their scheme's watermark: refused, nothing changed.</param>
/// <param name="Rejected">Lines rejected by the decoder or the scheme (a bad value, a rule set that voided the report).</param>
/// <param name="Entries">Ledger entries written.</param>
public sealed record IngestionSummary(long Read, long Scored, long Duplicates, long Conflicts, long Late, long Rejected, long Entries)
{
    /// <summary>Nothing read yet.</summary>
    public static IngestionSummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>Adds two summaries.</summary>
    public static IngestionSummary operator +(IngestionSummary a, IngestionSummary b) => new(
        a.Read + b.Read, a.Scored + b.Scored, a.Duplicates + b.Duplicates, a.Conflicts + b.Conflicts,
        a.Late + b.Late, a.Rejected + b.Rejected, a.Entries + b.Entries);
}
