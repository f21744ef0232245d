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
    public async Task AClientThatDisconnectsLosesNothingCommittedAndItsRetryIsNotLate()
    {
        // One report per transaction, so a body cut short while it is scored leaves some of it committed.
        await using var host = await DashboardHost.StartAsync(new Dictionary<string, string?> { ["Scoring:Ingestion:BatchSize"] = "1" });
        var alice = await host.RegisterAsync("p-a", "alice");
        var (first, _) = await host.SendAsync(alice, string.Join("\n", Enumerable.Range(0, 3).Select(i => DashboardHost.Report($"r{i}", alice, T0 + i * 60, 1e15))));
        Assert.Equal(HttpStatusCode.OK, first);
        string body = string.Join("\n", Enumerable.Range(3, 100).Select(i => DashboardHost.Report($"r{i}", alice, T0 + i * 60, 1e15)));
        byte[] bytes = Encoding.UTF8.GetBytes(body);

        // Gone halfway through the body: nothing of it can be authenticated, nothing is scored.
        await PostAndResetAsync(host, alice, bytes, bytes.Length, () => Task.CompletedTask, sent: bytes.Length / 2);
        Assert.False(await host.Ledger.ContainsReportAsync("swarm", "p-a", "r3"));
        // Gone while the server scores the body: it stops after the batch being written, and what it wrote stays.
        await PostAndResetAsync(host, alice, bytes, bytes.Length, async () =>
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!await host.Ledger.ContainsReportAsync("swarm", "p-a", "r3") && DateTime.UtcNow < deadline)
                await Task.Delay(1);
        });

        var (status, retry) = await host.SendAsync(alice, body);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(100L, retry.Accepted + retry.Duplicates);
        Assert.True(retry.Duplicates >= 1, "the reports committed before the reset are kept, so the retry finds them");
        Assert.Equal((0L, 0L), (retry.Late, retry.Conflicts));
        Assert.Empty(retry.Rejected);

        // A heartbeat settles the rest: every one of the 103 reports is paid its PFLOP exactly once.
        var (settled, _) = await host.SendAsync(alice, DashboardHost.Report("end", alice, T0 + 103 * 60, 0));
        Assert.Equal(HttpStatusCode.OK, settled);
        Assert.Equal(Points.FromUnits(103_000_000), (await host.RowsAsync())["alice"].Compute);
        Assert.Equal(104, (await host.Ledger.GetSummaryAsync()).Reports);
    }

    /// <summary>
    /// Sends a signed request for <paramref name="body"/> (only <paramref name="sent"/> of its bytes when given), waits for
    /// <paramref name="beforeReset"/>, then resets the connection without reading the answer.
    /// </summary>
    private static async Task PostAndResetAsync(DashboardHost host, RegisteredPeer peer, byte[] body, int length, Func<Task> beforeReset, int? sent = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.Address.Host, host.Address.Port);
        var stream = tcp.GetStream();
        string head = $"POST /reports HTTP/1.1\r\nHost: {host.Address.Authority}\r\nAuthorization: {RequestSignature.Sign(peer.PeerId, peer.Secret, body)}\r\n" +
            $"Content-Type: application/x-ndjson\r\nContent-Length: {length}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body.AsMemory(0, sent ?? length));
        await stream.FlushAsync();
        await beforeReset();
        // Linger 0: close with a reset, as a client that crashed or lost its network does.
        tcp.Client.LingerState = new LingerOption(true, 0);
        tcp.Client.Close();
    }
}
