namespace Scoring.Rules.Jobs;

/// <summary>The negative ledger entry of a slash.</summary>
/// <param name="Key">A stable id derived from the request (the ledger's idempotency key).</param>
/// <param name="Account">The account or wallet slashed.</param>
/// <param name="Currency">The currency slashed.</param>
/// <param name="Epoch">The epoch taken whole, or null for an amount slash.</param>
/// <param name="Amount">The points taken, negative.</param>
/// <param name="Reason">Why.</param>
/// <param name="Operator">Who decided.</param>
/// <param name="At">When.</param>
public readonly record struct SlashEntry(string Key, string Account, string Currency, long? Epoch, Points Amount, string Reason, string Operator, DateTimeOffset At);
