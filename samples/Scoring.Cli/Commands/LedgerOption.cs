using System.CommandLine;
using Scoring.Ledger;
using Scoring.Ledger.Postgres;

namespace Scoring.Cli.Commands;

/// <summary>The <c>--db</c> option shared by every command that reads or writes a ledger.</summary>
internal static class LedgerOption
{
    /// <summary>The default ledger: a SQLite file in the current folder.</summary>
    public const string DefaultPath = "scoring.db";

    public static Option<string> Create() => new("--db")
    {
        Description = $"The ledger: a SQLite file path (default ./{DefaultPath}) or a postgres://user[:password]@host[:port]/database URL.",
        DefaultValueFactory = _ => DefaultPath,
    };

    /// <summary>Opens the ledger named by <paramref name="db"/>.</summary>
    public static Task<ILedgerStore> OpenAsync(string db, CancellationToken cancellationToken) =>
        LedgerStoreFactory.OpenAsync(db, cancellationToken: cancellationToken);

    /// <summary>Whether <paramref name="db"/> names a ledger that exists (a server ledger is assumed to).</summary>
    public static bool Exists(string db) => PostgresUrl.IsPostgresUrl(db) || File.Exists(db);
}
