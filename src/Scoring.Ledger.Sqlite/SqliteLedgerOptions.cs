using System.ComponentModel.DataAnnotations;

namespace Scoring.Ledger;

/// <summary>Where and how to open a SQLite ledger.</summary>
public sealed class SqliteLedgerOptions
{
    /// <summary>The ledger file; created (with its folder's WAL and shared-memory files beside it) when missing.</summary>
    [Required]
    public string Path { get; set; } = "";

    /// <summary>The commit durability; <see cref="LedgerDurability.Normal"/> by default.</summary>
    public LedgerDurability Durability { get; set; } = LedgerDurability.Normal;

    /// <summary>How long one statement waits for another process's write lock before failing; 30 s by default.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a whole write transaction (its work run again from the start) is retried after the file stayed busy or locked; 5 by default.</summary>
    [Range(0, 100)]
    public int BusyRetries { get; set; } = 5;
}
