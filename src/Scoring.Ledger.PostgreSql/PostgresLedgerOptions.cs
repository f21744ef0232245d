using System.ComponentModel.DataAnnotations;

namespace Scoring.Ledger.Postgres;

/// <summary>Where and how to open a PostgreSQL ledger.</summary>
public sealed class PostgresLedgerOptions
{
    /// <summary>
    /// An Npgsql connection string (<c>Host=…;Port=…;Username=…;Password=…;Database=…</c>). Use
    /// <see cref="PostgresUrl.Parse"/> for the <c>postgres://user:password@host:port/database</c> form.
    /// </summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The schema that holds the ledger's tables, created when missing; <c>scoring_ledger</c> by default.
    /// Several ledgers may share one database in different schemas. Lower-case letters, digits and _ only.
    /// </summary>
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$")]
    public string Schema { get; set; } = "scoring_ledger";

    /// <summary>
    /// How many times a whole write transaction (its work run again from the start) is retried after PostgreSQL
    /// aborted it as a deadlock victim, a serialization failure or a dropped connection, or it lost a race for a
    /// report key; 5 by default. Safe: a failed transaction left nothing behind.
    /// </summary>
    [Range(0, 100)]
    public int Retries { get; set; } = 5;

    /// <summary>Whether a commit waits for the server's WAL flush (<c>synchronous_commit</c>); true by default.</summary>
    /// <remarks>
    /// False trades the last fraction of a second of commits on a server crash (never a split batch: replaying the
    /// input restores them, appends are idempotent) for fewer waits on the disk.
    /// </remarks>
    public bool SynchronousCommit { get; set; } = true;
}
