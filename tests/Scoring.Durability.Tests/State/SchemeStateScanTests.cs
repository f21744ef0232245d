using Microsoft.Extensions.Options;
using Scoring.Durability.Tests.Harness;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Rules.Swarm;
using Scoring.Schemes;

namespace Scoring.Durability.Tests.State;

/// <summary>
/// A scan of scheme state inside a batch merges the stored keys with the batch's own changes: each key once, with its
/// newest value, in code-point order (the order every store keeps) — also for keys whose UTF-16 order differs, such as
/// an account "Ａ" (U+FF21) and one with an emoji (above U+FFFF). The jobs scheme scans its open epochs this way when it
/// closes them: a key seen twice would pay a wallet's boosts from stale earnings.
/// </summary>
public sealed class SchemeStateScanTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scheme-state-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public async Task A_scan_sees_each_key_once_in_code_point_order_with_the_batchs_changes(string store)
    {
        await using var ledger = store == "memory" ? new InMemoryLedgerStore() : (ILedgerStore)await SqliteLedgerStore.OpenAsync(Path.Combine(_folder, "probe.db"));
        var scheme = new StateProbeScheme();
        // U+FF21 sorts before U+1F600 by code point, after it by UTF-16 unit (a surrogate, U+D83D, comes first).
        string[] accounts = ["\uFF21", "\U0001F600", "b"];
        await RunAsync(scheme, ledger, accounts);
        Assert.Equal(["seen/b", "seen/\uFF21", "seen/\U0001F600"], scheme.Scans[^1]);

        // The next batch changes the emoji account's key: stored keys and changed keys must merge without a repeat.
        await RunAsync(scheme, ledger, ["\U0001F600"]);
        Assert.Equal(["seen/b", "seen/\uFF21", "seen/\U0001F600"], scheme.Scans[^1]);
        await RunAsync(scheme, ledger, ["\uFF21", "c"]);
        Assert.Equal(["seen/b", "seen/c", "seen/\uFF21", "seen/\U0001F600"], scheme.Scans[^1]);
    }

    private static async Task RunAsync(StateProbeScheme scheme, ILedgerStore ledger, string[] accounts)
    {
        var registry = new SchemeRegistry([scheme]);
        using var scorer = scheme.CreateScorer(new SchemeContext(registry.CreateRuleSets()));
        var reports = accounts.Select((a, i) => new SwarmPeerReport($"r-{Guid.NewGuid():N}", $"peer-{a}", a, 1_767_225_600 + i, 1e15, null));
        var summary = await new ReportIngestion(Options.Create(new IngestionOptions { BatchSize = 100 }))
            .RunAsync(ReportLines.Stream(reports), registry.Decoder, scorer, ledger);
        Assert.Equal(accounts.Length, summary.Scored);
    }
}
