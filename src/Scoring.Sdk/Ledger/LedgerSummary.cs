namespace Scoring.Ledger;

/// <summary>The size of a ledger.</summary>
/// <param name="Reports">Distinct reports recorded.</param>
/// <param name="Entries">Entries recorded.</param>
/// <param name="Accounts">Accounts with at least one entry.</param>
/// <param name="LastReportTime">The latest report time of any entry, or null when empty.</param>
public sealed record LedgerSummary(long Reports, long Entries, long Accounts, DateTimeOffset? LastReportTime);
