using System.ComponentModel.DataAnnotations;

namespace Scoring;

/// <summary>The ledger a host uses: configuration section <c>Scoring:Ledger</c>.</summary>
public sealed class LedgerOptions : IValidatableObject
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Scoring:Ledger";

    /// <summary>The store kind (default <see cref="LedgerStoreKind.Sqlite"/>).</summary>
    [EnumDataType(typeof(LedgerStoreKind))]
    public LedgerStoreKind Store { get; set; } = LedgerStoreKind.Sqlite;

    /// <summary>The SQLite ledger file (default <c>scoring-ledger.db</c> in the working folder); required for SQLite.</summary>
    public string? Path { get; set; } = "scoring-ledger.db";

    /// <summary>
    /// The PostgreSQL server: a <c>postgres://user[:password]@host[:port]/database</c> URL or an Npgsql connection string;
    /// required for Postgres unless the host registers an <c>NpgsqlDataSource</c>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The options a ledger address names, as <c>scoring --db</c> takes it: a <c>postgres://</c> (or <c>postgresql://</c>)
    /// URL is a PostgreSQL ledger, anything else a SQLite file path.
    /// </summary>
    /// <param name="address">A SQLite file path, or <c>postgres://user[:password]@host[:port]/database[?schema=…]</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="address"/> is blank.</exception>
    public static LedgerOptions FromAddress(string address)
    {
        if (string.IsNullOrWhiteSpace(address))
            throw new ArgumentException("The ledger address is empty: give a SQLite file path or a postgres:// URL.", nameof(address));
        return address.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || address.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            ? new LedgerOptions { Store = LedgerStoreKind.Postgres, Path = null, ConnectionString = address }
            : new LedgerOptions { Store = LedgerStoreKind.Sqlite, Path = address };
    }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Store == LedgerStoreKind.Sqlite && string.IsNullOrWhiteSpace(Path))
        {
            yield return new ValidationResult("is required when Store is Sqlite: the ledger file to open or create.", [nameof(Path)]);
        }
    }
}
