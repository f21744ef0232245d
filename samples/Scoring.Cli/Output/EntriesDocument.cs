namespace Scoring.Cli.Output;

/// <summary>The JSON result of <c>scoring entries</c> (schema in docs/cli.md).</summary>
/// <param name="Account">The account.</param>
/// <param name="Entries">Its entries in recording order.</param>
/// <param name="More">Whether more entries exist beyond <c>--limit</c>.</param>
internal sealed record EntriesDocument(string Account, IReadOnlyList<EntryDocument> Entries, bool More);

/// <summary>One ledger entry and why it has its amount.</summary>
/// <param name="Sequence">The ledger's recording order.</param>
/// <param name="Time">The report's time, ISO 8601 UTC.</param>
/// <param name="Recorded">When the ledger recorded it, ISO 8601 UTC.</param>
/// <param name="Currency">The ledger scheme (point currency).</param>
/// <param name="ReportId">The report.</param>
/// <param name="Peer">The peer, miner or GPU; empty for an account-wide slash.</param>
/// <param name="Kind">The posting kind.</param>
/// <param name="Amount">The exact amount.</param>
/// <param name="ActiveSeconds">Counted active seconds.</param>
/// <param name="RuleSet">The rule set that scored it; null for an operator's entry.</param>
/// <param name="Reason">Why (a zeroed job's rule, a cap, a slash's reason).</param>
/// <param name="Operator">Who, for an operator's entry.</param>
internal sealed record EntryDocument(
    long Sequence, string Time, string Recorded, string Currency, string ReportId, string Peer, string Kind, Points Amount,
    long ActiveSeconds, EntryRuleSet? RuleSet, string? Reason, string? Operator);

/// <summary>The rule set of an entry: its id and hash from the ledger, its version when a rule set in force has that hash.</summary>
internal sealed record EntryRuleSet(string Id, string? Version, string Hash);
