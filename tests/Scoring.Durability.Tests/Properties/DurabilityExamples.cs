using Scoring.Durability.Tests.Harness;
using Scoring.Durability.Tests.Streams;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.Ingestion;
using Scoring.Rules.Jobs;
using Scoring.Rules.Swarm;

namespace Scoring.Durability.Tests.Properties;

/// <summary>Failures the properties found, shrunk and kept as examples.</summary>
public sealed class DurabilityExamples
{
    private static readonly ReportDecoder Decoder = new([ImageJobReportType.Instance, LlmJobReportType.Instance]);

    /// <summary>
    /// Epoch 3 closes in the batch that adds a job of the "😀-wallet", whose earnings key sorts differently in UTF-16 and
    /// by code point: the state scan saw that wallet twice, once with its stale earnings, and the stale ranking paid an
    /// NFT boost to a GPU the wallet's NFT does not cover.
    /// </summary>
    [Fact]
    public async Task An_epoch_closed_in_a_later_batch_pays_the_boosts_of_one_batch_for_a_wallet_above_U_FFFF()
    {
        var setup = new JobsSetup(epochMinutes: 10, graceSeconds: 120, [new WalletHoldings(3, "\U0001F600-wallet", 1, 0)], boostsV2FromEpoch: null);
        string[] lines =
        [
            """{"type":"llm","jobId":"job-24","minerId":"gpu-Ａ-wallet-0","wallet":"Ａ-wallet","model":"openhermes-mixtral-8x7b-gptq","inputTokens":417,"outputTokens":339,"gpuVramGb":48,"latencySeconds":166,"timestamp":1767227401}""",
            """{"type":"llm","jobId":"job-2","minerId":"gpu-\uD83D\uDE00-wallet-0","wallet":"\uD83D\uDE00-wallet","model":"hermes-3-llama3.1-8b","inputTokens":263,"outputTokens":1065,"gpuVramGb":48,"latencySeconds":89,"timestamp":1767227431}""",
            """{"type":"llm","jobId":"job-6","minerId":"gpu-\uD83D\uDE00-wallet-1","wallet":"\uD83D\uDE00-wallet","model":"openhermes-mixtral-8x7b-gptq","inputTokens":746,"outputTokens":137,"gpuVramGb":80,"latencySeconds":150,"timestamp":1767227426}""",
            """{"type":"llm","jobId":"job-17","minerId":"gpu-\uD83D\uDE00-wallet-3","wallet":"\uD83D\uDE00-wallet","model":"dolphin-2.9-llama3-8b","inputTokens":3534,"outputTokens":810,"gpuVramGb":24,"latencySeconds":142,"timestamp":1767227505}""",
            """{"type":"image","jobId":"job-10","minerId":"gpu-\uD83D\uDE00-wallet-2","wallet":"\uD83D\uDE00-wallet","category":"sdxl-lora","width":1024,"height":1024,"steps":27,"gpuVramGb":16,"latencySeconds":8.75,"timestamp":1767227679}""",
            """{"type":"llm","jobId":"job-14","minerId":"gpu-\uD83D\uDE00-wallet-2","wallet":"\uD83D\uDE00-wallet","model":"hermes-3-llama3.1-8b","inputTokens":3655,"outputTokens":615,"gpuVramGb":80,"latencySeconds":206,"timestamp":1767228525}""",
        ];
        var reports = lines.Select((l, i) => Decoder.DecodeLine(System.Text.Encoding.UTF8.GetBytes(l), i + 1).Report!).ToArray();

        await using var whole = new InMemoryLedgerStore();
        await setup.Harness.RunAsync(whole, reports, batchSize: 6, settle: true);
        await using var batched = new InMemoryLedgerStore();
        await setup.Harness.RunAsync(batched, reports, batchSize: 4, settle: true);

        var expected = await LedgerImage.ReadAsync(whole, setup.Harness.Scheme);
        LedgerImage.AssertSame(expected, await LedgerImage.ReadAsync(batched, setup.Harness.Scheme), "batches of 4");
        // The wallet's one NFT covers the 3 GPUs that earned most in epoch 3 (gpusPerNft = 3): gpu-2 (33.97 Waifu),
        // gpu-3 (2.172 Llama) and gpu-1 (0.883); not gpu-0 (0.664).
        Assert.Equal(["gpu-\U0001F600-wallet-1", "gpu-\U0001F600-wallet-2", "gpu-\U0001F600-wallet-3"],
            expected.Entries.Where(e => e.Kind == "boost").Select(e => e.Peer).Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// A report the scheme refuses (here: late) does not make a later report with its id in the same batch a duplicate or
    /// a conflict of it — nothing of it is in the ledger. Its copy is late again, and a corrected re-send is scored, in
    /// one batch as in batches of one.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(6)]
    public async Task A_refused_report_makes_no_duplicate_or_conflict_of_its_id_later_in_the_batch(int batchSize)
    {
        var setup = new SwarmSetup(cap: 2, capChange: null, reorderSeconds: 10, pointsV2From: null);
        const double T0 = SwarmStreams.T0;
        SwarmPeerReport[] reports =
        [
            new("a-1", "p-a", "alice", T0 + 100, 1e15, null),
            new("a-2", "p-a", "alice", T0 + 200, 2e15, null), // settles T0 + 100: the watermark
            new("b-1", "p-b", "alice", T0 + 50, 1e15, null), // late
            new("b-1", "p-b", "alice", T0 + 50, 1e15, null), // the same again: late again
            new("b-1", "p-b", "alice", T0 + 205, 1e15, null), // corrected: other content, after the watermark
            new("a-2", "p-a", "alice", T0 + 200, 2e15, null), // a duplicate of an accepted report
        ];
        await using var ledger = new InMemoryLedgerStore();
        var run = await setup.Harness.RunAsync(ledger, reports, batchSize, settle: true);

        Assert.Equal(new IngestionSummary(Read: 6, Scored: 3, Duplicates: 1, Conflicts: 0, Late: 2, Rejected: 0, Entries: 6), run.Summary);
        Assert.Equal([3L, 4L], run.Refused.Select(r => r.Line));
        Assert.True(await ledger.ContainsReportAsync(SwarmScheme.SchemeName, "p-b", "b-1"));
        await setup.Harness.AssertFunctionOfAcceptedAsync(ledger, reports, $"batches of {batchSize}");
    }
}
