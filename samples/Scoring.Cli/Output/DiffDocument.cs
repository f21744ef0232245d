namespace Scoring.Cli.Output;

/// <summary>The JSON result of <c>scoring diff</c> for a points scheme (schema in docs/cli.md).</summary>
internal sealed record DiffDocument(string Scheme, IReadOnlyList<CurrencyDiff> Currencies);

/// <summary>The movers of one currency (one ledger scheme), largest change first.</summary>
internal sealed record CurrencyDiff(string Currency, IReadOnlyList<AccountDiff> Accounts);

/// <summary>One account before and after; a rank is null where the account has no entry; a positive rank change moved up.</summary>
internal sealed record AccountDiff(string Account, Points Before, Points After, Points Change, long? RankBefore, long? RankAfter, long? RankChange);
