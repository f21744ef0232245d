using System.Net.Http.Json;
using System.Text;
using Scoring.Rules.Swarm;

namespace Swarm.Dashboard.Tests;

public sealed class LoadTests
{
    private const long T0 = 1_767_225_600;
    private const int Peers = 1_000;
    private const int ReportsPerPeer = 100;
    private const int ReportsPerRequest = 25;

    [Fact]
    public async Task HundredThousandReportsFromAThousandPeersAreAllAccountedFor()
    {
        await using var host = await DashboardHost.StartAsync();
        var random = new Random(20261122);
        var peers = new RegisteredPeer[Peers];
        for (int p = 0; p < Peers; p++)
            peers[p] = await host.RegisterAsync($"peer-{p:D4}", $"account-{p / 2:D3}");

        // One report a second; each does k × 10^12 FLOPs, i.e. exactly k / 1000 points = k × 1000 units, so the expected
        // total is integer arithmetic. Both peers of an account hold a place (cap 2), so every FLOP counts.
        long expectedUnits = 0;
        var rounds = new string[ReportsPerPeer / ReportsPerRequest + 1][];
        for (int round = 0; round < rounds.Length; round++)
            rounds[round] = new string[Peers];
        for (int p = 0; p < Peers; p++)
        {
            var body = new StringBuilder();
            for (int r = 0; r < ReportsPerPeer; r++)
            {
                int k = random.Next(1, 10_000);
                expectedUnits += k * 1_000L;
                body.Append(DashboardHost.Report($"{peers[p].PeerId}-{r}", peers[p], T0 + r, k * 1e12)).Append('\n');
                if ((r + 1) % ReportsPerRequest == 0)
                {
                    rounds[r / ReportsPerRequest][p] = body.ToString();
                    body.Clear();
                }
            }
            // A heartbeat well past the reorder window settles every report before it.
            rounds[^1][p] = DashboardHost.Report($"{peers[p].PeerId}-end", peers[p], T0 + ReportsPerPeer + 60, 0);
        }

        long accepted = 0, duplicates = 0;
        // Peers post concurrently (16 connections) and, like live nodes, in step: the bodies of one round cover the same
        // 25 seconds, within the 30-second reorder window, so the two peers of an account never make each other late.
        // At the end every peer re-sends its first body on purpose: a replay must change nothing.
        foreach (var round in rounds.Append(rounds[0]))
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, Peers), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (p, cancellationToken) =>
            {
                using var response = await host.Client.SendAsync(DashboardHost.Signed(peers[p], round[p]), cancellationToken);
                response.EnsureSuccessStatusCode();
                var result = (await response.Content.ReadFromJsonAsync<ReportsResponse>(cancellationToken))!;
                Assert.Empty(result.Refused);
                Assert.Equal((0L, 0L), (result.Late, result.Conflicts));
                Interlocked.Add(ref accepted, result.Accepted);
                Interlocked.Add(ref duplicates, result.Duplicates);
            });
        }

        Assert.Equal(Peers * (ReportsPerPeer + 1), accepted);
        Assert.Equal(Peers * ReportsPerRequest, duplicates);
        var summary = await host.Ledger.GetSummaryAsync();
        Assert.Equal(Peers * (ReportsPerPeer + 1), summary.Reports);
        Assert.Equal(Peers / 2, summary.Accounts);
        long ledgerUnits = 0;
        await foreach (var account in host.Ledger.ListAccountTotalsAsync(scheme: SwarmScheme.SchemeName))
            ledgerUnits += account.Parts.Of(SwarmScheme.ComputeKind).Units;
        Assert.Equal(expectedUnits, ledgerUnits);
    }
}
