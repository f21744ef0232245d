using System.CommandLine;
using Scoring.Ledger;
using Scoring.Ledger.Postgres;

namespace Scoring.Cli.Commands;

/// <summary>The <c>--db</c> option shared by every command that reads or writes a ledger.</summary>
internal static class LedgerOption
{
    /// <summary>Both storage packages: <c>--db</c> may name a SQLite file or a PostgreSQL server.</summary>
    private static readonly LedgerStoreFactory Ledgers = new([new SqliteLedgerStoreProvider(), new PostgresLedgerStoreProvider()]);

    /// <summary>The default ledger: a SQLite file in the current folder.</summary>
    public const string DefaultPath = "scoring.db";

    public static Option<string> Create() => new("--db")
    {
        Description = $"The ledger: a SQLite file path (default ./{DefaultPath}) or a postgres://user[:password]@host[:port]/database URL.",
        DefaultValueFactory = _ => DefaultPath,
    };

    /// <summary>Whether the user gave <c>--db</c> (rather than taking the default).</summary>
    public static bool IsGiven(ParseResult parse, Option<string> db) => parse.GetResult(db) is { Implicit: false };

    /// <summary>Opens the ledger named by <paramref name="db"/>.</summary>
    /// <exception cref="CommandException">It cannot be opened (a file that is not a ledger, a folder that cannot be written, a server that cannot be reached); the message says which and why.</exception>
    public static async Task<ILedgerStore> OpenAsync(string db, CancellationToken cancellationToken)
    {
        if (!PostgresUrl.IsPostgresUrl(db))
            CheckFilePath(db);
        try
        {
            return await Ledgers.OpenAsync(db, cancellationToken);
        }
        catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw new CommandException($"cannot open the ledger '{Display(db)}': {CommandFailures.Describe(exception)}", exception);
        }
    }

    /// <summary>Refuses a SQLite path that cannot be a file: a folder, or a path through a file.</summary>
    private static void CheckFilePath(string db)
    {
        if (Directory.Exists(db))
            throw new CommandException($"cannot open the ledger '{db}': it is a folder; give a file path (e.g. {Path.Combine(db, DefaultPath)}).");
        for (string? parent = Path.GetDirectoryName(Path.GetFullPath(db)); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent))
                throw new CommandException($"cannot open the ledger '{db}': '{parent}' is a file, not a folder.");
            if (Directory.Exists(parent))
                return;
        }
    }

    /// <summary>Whether <paramref name="db"/> names a ledger that exists (a server ledger is assumed to).</summary>
    public static bool Exists(string db) => PostgresUrl.IsPostgresUrl(db) || File.Exists(db);

    /// <summary>The ledger's name for messages: a PostgreSQL URL without its password.</summary>
    public static string Display(string db) => PostgresUrl.IsPostgresUrl(db) ? PostgresUrl.Redact(db) : db;

    /// <summary>Opens an existing ledger for reading, refusing to create one.</summary>
    /// <exception cref="CommandException">There is no ledger at <paramref name="db"/>, or it cannot be opened.</exception>
    public static Task<ILedgerStore> OpenExistingAsync(string db, CancellationToken cancellationToken) =>
        Exists(db)
            ? OpenAsync(db, cancellationToken)
            : throw new CommandException($"there is no ledger at '{db}' (score some reports first, or pass --db).");
}
