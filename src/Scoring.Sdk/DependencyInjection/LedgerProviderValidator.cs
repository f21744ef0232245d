using Microsoft.Extensions.Options;
using Scoring.Ledger;

namespace Scoring;

/// <summary>
/// Fails the start of a host whose <c>Scoring:Ledger:Store</c> names a kind no registered provider opens (a SQLite
/// file without Scoring.Ledger.Sqlite, a server without Scoring.Ledger.PostgreSql), naming the package and the call to add.
/// </summary>
/// <param name="ledgers">The registered providers.</param>
internal sealed class LedgerProviderValidator(LedgerStoreFactory ledgers) : IValidateOptions<LedgerOptions>
{
    public ValidateOptionsResult Validate(string? name, LedgerOptions options) =>
        ledgers.Offers(options.Store)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{LedgerOptions.SectionName}:{nameof(LedgerOptions.Store)}: {LedgerStoreFactory.MissingProvider(options.Store)}");
}
