namespace Scoring.Ledger;

/// <summary>The size of a ledger.</summary>
/// <param name="Reports">Report keys recorded (a key recorded without entries counts).</param>
/// <param name="Entries">Entries recorded.</param>
/// <param name="Accounts">Accounts with at least one entry, in any scheme.</param>
/// <param name="LastReportTime">The latest report time of any entry, or null when empty.</param>
public sealed record LedgerSummary(long Reports, long Entries, long Accounts, DateTimeOffset? LastReportTime);
