namespace Scoring.Ingestion;

/// <summary>
/// What became of one input of a group commit: its counts when it was recorded, or why the ledger refused it (then
/// nothing of it was recorded, and the other inputs of the group are not affected).
/// </summary>
/// <param name="Summary">
/// The input's counts (<see cref="IngestionSummary.Empty"/> when it was refused); its entries are those of its own
/// reports, and for the group's first input also those of other reports the transaction paid (<see cref="ReportIngestion.RunGroupAsync"/>).
/// </param>
/// <param name="Error">Why the ledger refused the input, or null when it was recorded.</param>
public sealed record IngestionOutcome(IngestionSummary Summary, IngestionException? Error)
{
    /// <summary>Whether the input was recorded.</summary>
    public bool Succeeded => Error is null;
}
