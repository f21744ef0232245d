using Scoring.Ledger;

namespace Storage.Proofs.Tests;

/// <summary>The ledger stores every scoring test runs against: in memory and a SQLite file (one folder per test class instance).</summary>
internal sealed class LedgerStores : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"storage-proofs-tests-{Guid.NewGuid():N}");

    public LedgerStores() => Directory.CreateDirectory(_folder);

    public static TheoryData<string> Kinds => ["memory", "sqlite"];

    /// <summary>A new, empty ledger of <paramref name="kind"/>.</summary>
    public async Task<ILedgerStore> CreateAsync(string kind) =>
        kind == "memory" ? new InMemoryLedgerStore() : await SqliteLedgerStore.OpenAsync(NewPath());

    /// <summary>A path for a new SQLite ledger file.</summary>
    public string NewPath() => Path.Combine(_folder, $"{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere: the temp folder is cleaned by the system.
        }
    }
}
