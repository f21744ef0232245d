using System.Net.Http.Json;
using System.Text;
using Scoring.Ledger;

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
        await using var host = await DashboardHost.StartAsync(new FlopsScorer());
        var random = new Random(20261122);
        var peers = new RegisteredPeer[Peers];
        for (int p = 0; p < Peers; p++)
            peers[p] = await host.RegisterAsync($"peer-{p:D4}", $"account-{p / 2:D3}");

        // Each report does k × 10^12 FLOPs, i.e. exactly k / 1000 points = k × 1000 units: the expected total is integer arithmetic.
        long expectedUnits = 0;
        var bodies = new List<string>[Peers];
        for (int p = 0; p < Peers; p++)
        {
            bodies[p] = [];
            var body = new StringBuilder();
            for (int r = 0; r < ReportsPerPeer; r++)
            {
                int k = random.Next(1, 10_000);
                expectedUnits += k * 1_000L;
                body.Append(DashboardHost.Report($"{peers[p].PeerId}-{r}", peers[p], T0 + r * 30, k * 1e12)).Append('\n');
                if ((r + 1) % ReportsPerRequest == 0)
                {
                    bodies[p].Add(body.ToString());
                    body.Clear();
                }
            }
        }

        long accepted = 0, duplicates = 0;
        // Each peer posts its own reports in order (a node's heartbeats are sequential); peers run concurrently, and every
        // peer re-sends its first body at the end on purpose: a replay must change nothing.
        await Parallel.ForEachAsync(Enumerable.Range(0, Peers), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (p, cancellationToken) =>
        {
            foreach (string body in bodies[p].Append(bodies[p][0]))
            {
                using var response = await host.Client.SendAsync(DashboardHost.Signed(peers[p], body), cancellationToken);
                response.EnsureSuccessStatusCode();
                var result = (await response.Content.ReadFromJsonAsync<ReportsResponse>(cancellationToken))!;
                Assert.Empty(result.Rejected);
                Interlocked.Add(ref accepted, result.Accepted);
                Interlocked.Add(ref duplicates, result.Duplicates);
            }
        });

        Assert.Equal(Peers * ReportsPerPeer, accepted);
        Assert.Equal(Peers * ReportsPerRequest, duplicates);
        var ledger = (ILedgerStore)host.Services.GetService(typeof(ILedgerStore))!;
        var summary = await ledger.GetSummaryAsync();
        Assert.Equal(Peers * ReportsPerPeer, summary.Reports);
        Assert.Equal(Peers / 2, summary.Accounts);
        long ledgerUnits = 0;
        await foreach (var account in ledger.ListAccountTotalsAsync())
            ledgerUnits += account.Total.Units;
        Assert.Equal(expectedUnits, ledgerUnits);
    }
}
