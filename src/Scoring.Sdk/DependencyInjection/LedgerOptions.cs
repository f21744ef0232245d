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

    /// <summary>The PostgreSQL server: a <c>postgres://user[:password]@host[:port]/database</c> URL or an Npgsql connection string; required for Postgres.</summary>
    public string? ConnectionString { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Store == LedgerStoreKind.Sqlite && string.IsNullOrWhiteSpace(Path))
        {
            yield return new ValidationResult("is required when Store is Sqlite: the ledger file to open or create.", [nameof(Path)]);
        }
        if (Store == LedgerStoreKind.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("is required when Store is Postgres: a postgres:// URL or a connection string.", [nameof(ConnectionString)]);
        }
    }
}
