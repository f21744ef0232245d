namespace Scoring.Ledger;

/// <summary>What one append did.</summary>
/// <param name="Appended">Reports recorded for the first time.</param>
/// <param name="Duplicates">Reports ignored because their (scheme, report id) was seen before, in the ledger or earlier in the batch.</param>
/// <param name="Entries">Entries written (one per posting of each appended report).</param>
public readonly record struct AppendResult(int Appended, int Duplicates, int Entries);
