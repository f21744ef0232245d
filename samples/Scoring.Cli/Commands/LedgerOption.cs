using System.CommandLine;
using Scoring.Ledger;

namespace Scoring.Cli.Commands;

/// <summary>The <c>--db</c> option shared by every command that reads or writes a ledger.</summary>
internal static class LedgerOption
{
    /// <summary>The default ledger: a SQLite file in the current folder.</summary>
    public const string DefaultPath = "scoring.db";

    public static Option<string> Create() => new("--db")
    {
        Description = $"The ledger: a SQLite file path (default ./{DefaultPath}).",
        DefaultValueFactory = _ => DefaultPath,
    };

    /// <summary>Opens the ledger named by <paramref name="db"/>.</summary>
    public static async Task<ILedgerStore> OpenAsync(string db, CancellationToken cancellationToken) =>
        await SqliteLedgerStore.OpenAsync(db, cancellationToken).ConfigureAwait(false);
}
