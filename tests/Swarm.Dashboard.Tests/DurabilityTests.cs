using System.Net;
using System.Net.Sockets;
using System.Text;
using Scoring;
using Scoring.Ledger;

namespace Swarm.Dashboard.Tests;

/// <summary>The swarm scheme's state lives in the ledger: restarts and cut connections neither lose nor repeat work.</summary>
public sealed class DurabilityTests
{
    private const long T0 = 1_767_225_600;

    [Fact]
    public async Task ARestartedServerContinuesAPeerFromItsCommittedState()
    {
        var host = await DashboardHost.StartAsync();
        try
        {
            var alice = await host.RegisterAsync("p-a", "alice");
            // A FLOP counter: 0, then 4.95 PFLOP a minute later; c3 (same counter) is held in the reorder window.
            var (first, _) = await host.SendAsync(alice, string.Join("\n",
                DashboardHost.Counter("c1", alice, T0, 0), DashboardHost.Counter("c2", alice, T0 + 60, 4.95e15), DashboardHost.Counter("c3", alice, T0 + 120, 4.95e15)));
            Assert.Equal(HttpStatusCode.OK, first);
            Assert.Equal(Points.FromUnits(4_950_000), (await host.RowsAsync())["alice"].Compute);

            host = await host.RestartAsync();

            // The same secret still signs (the peers file), and the counter goes on from 4.95: c4 pays the increase, 5.05.
            var (next, result) = await host.SendAsync(alice, string.Join("\n",
                DashboardHost.Counter("c4", alice, T0 + 180, 10e15), DashboardHost.Counter("c5", alice, T0 + 240, 10e15)));
            Assert.Equal(HttpStatusCode.OK, next);
            Assert.Equal((2L, 0L, 0L), (result.Accepted, result.Late, result.Conflicts));
            var row = (await host.RowsAsync())["alice"];
            Assert.Equal(Points.FromUnits(10_000_000), row.Compute);
            var c4 = await host.Ledger.ListEntriesAsync(new EntryQuery { Scheme = "swarm", ReportId = "c4" }).SingleAsync(e => e.Kind == "compute");
            Assert.Equal(Points.FromUnits(5_050_000), c4.Amount);
            // c3, held before the restart, was settled after it: the presence interval T0 .. T0 + 180 never broke.
            Assert.Equal(180, row.ActiveSeconds);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task ABodyIsOneTransactionSoADisconnectCommitsNothingAndTheRetryIsScoredWhole()
    {
        // A batch size of 1 would make every report its own transaction; the dashboard writes a body as one whatever it says.
        var ledger = new HoldingLedger();
        await using var host = await DashboardHost.StartAsync(new Dictionary<string, string?> { ["Scoring:Ingestion:BatchSize"] = "1" },
            configure: builder => ledger.Wrap(builder.Services));
        var alice = await host.RegisterAsync("p-a", "alice");
        var (first, _) = await host.SendAsync(alice, string.Join("\n", Enumerable.Range(0, 3).Select(i => DashboardHost.Report($"r{i}", alice, T0 + i * 60, 1e15))));
        Assert.Equal(HttpStatusCode.OK, first);
        string body = string.Join("\n", Enumerable.Range(3, 100).Select(i => DashboardHost.Report($"r{i}", alice, T0 + i * 60, 1e15)));
        byte[] bytes = Encoding.UTF8.GetBytes(body);

        // Gone halfway through the body: it cannot match its signed digest, nothing is scored.
        await host.PostAndResetAsync(alice, bytes, () => Task.CompletedTask, sent: bytes.Length / 2);
        Assert.False(await host.Ledger.ContainsReportAsync("swarm", "p-a", "r3"));
        // Gone while the server writes the body: every report of it is in the transaction (held open here until the
        // client is gone), and the transaction is rolled back whole.
        ledger.HoldNextWrite();
        await host.PostAndResetAsync(alice, bytes, () => ledger.Holding);
        await ledger.Released;
        foreach (int i in new[] { 3, 50, 102 })
            Assert.False(await host.Ledger.ContainsReportAsync("swarm", "p-a", $"r{i}"), $"r{i} of the abandoned body was committed");

        // The retry is scored as if the first attempts had not happened: all new, nothing late.
        var (status, retry) = await host.SendAsync(alice, body);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((100L, 100L, 0L, 0L, 0L), (retry.Read, retry.Accepted, retry.Duplicates, retry.Late, retry.Conflicts));

        // A heartbeat settles the rest: every one of the 103 reports is paid its PFLOP exactly once.
        var (settled, _) = await host.SendAsync(alice, DashboardHost.Report("end", alice, T0 + 103 * 60, 0));
        Assert.Equal(HttpStatusCode.OK, settled);
        Assert.Equal(Points.FromUnits(103_000_000), (await host.RowsAsync())["alice"].Compute);
        Assert.Equal(104, (await host.Ledger.GetSummaryAsync()).Reports);
    }
}
