using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Scoring;
using Scoring.Durability.Host;
using Scoring.Ledger;

namespace Swarm.Dashboard.Tests;

/// <summary>Bodies that arrive while a transaction commits share the next one (group commit), each still recorded whole.</summary>
public sealed class GroupCommitTests
{
    private const long T0 = 1_767_225_600;

    [Theory]
    [InlineData(64, 1 + 1)]
    [InlineData(3, 1 + 3)]
    [InlineData(1, 1 + 8)]
    public async Task BodiesWaitingWhileATransactionCommitsShareTheNextOne(int maxBodies, int transactions)
    {
        var gate = new GatedLedger();
        await using var host = await DashboardHost.StartAsync(
            new Dictionary<string, string?> { ["Dashboard:MaxBodiesPerTransaction"] = maxBodies.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            configure: builder => gate.Wrap(builder.Services));
        var registered = new List<Security.RegisteredPeer>();
        for (int i = 0; i < 9; i++)
            registered.Add(await host.RegisterAsync($"p{i}", $"account-{i}"));

        gate.Close();
        var first = host.SendAsync(registered[0], DashboardHost.Report("r0", registered[0], T0, 1e15));
        await gate.Entered;
        var rest = registered.Skip(1).Select((peer, i) => host.SendAsync(peer, string.Join("\n",
            DashboardHost.Report($"a{i}", peer, T0, 1e15), DashboardHost.Report($"b{i}", peer, T0 + 60, 1e15)))).ToArray();
        var receiver = host.Services.GetRequiredService<ReportReceiver>();
        // Waits for a state, not for a time: the eight bodies are read and queued behind the held transaction.
        for (int spins = 0; receiver.BodiesWaiting < 8; spins++)
        {
            Assert.True(spins < 3000, $"only {receiver.BodiesWaiting} bodies queued");
            await Task.Delay(10);
        }
        gate.Open();

        Assert.Equal((HttpStatusCode.OK, 1L), ((await first).Status, (await first).Response.Accepted));
        foreach (var (status, response) in await Task.WhenAll(rest))
            Assert.Equal((HttpStatusCode.OK, 2L, 0L), (status, response.Accepted, response.Duplicates));
        Assert.Equal(transactions, gate.Writes);
        Assert.Equal(17, (await host.Ledger.GetSummaryAsync()).Reports);
    }

    [Fact]
    public async Task AClientGoneWhileItsGroupIsWrittenRollsTheGroupBackAndTheOtherBodiesAreWrittenWithoutIt()
    {
        var gate = new GatedLedger();
        await using var host = await DashboardHost.StartAsync(configure: builder => gate.Wrap(builder.Services));
        var (first, gone, stays) = (await host.RegisterAsync("p0", "zero"), await host.RegisterAsync("px", "ex"), await host.RegisterAsync("pa", "alice"));

        // A first transaction held at the gate, so the next two bodies queue and share the next transaction.
        gate.Close();
        var firstSent = host.SendAsync(first, DashboardHost.Report("r0", first, T0, 1e15));
        await gate.Entered;
        var receiver = host.Services.GetRequiredService<ReportReceiver>();
        byte[] abandoned = System.Text.Encoding.UTF8.GetBytes(string.Join("\n", DashboardHost.Report("x1", gone, T0, 1e15), DashboardHost.Report("x2", gone, T0 + 60, 1e15)));
        var abandonedSent = host.PostAndResetAsync(gone, abandoned, async () =>
        {
            // Gone once the shared transaction has scored both bodies and waits to commit.
            gate.HoldNextAfterWork();
            while (receiver.BodiesWaiting < 2)
                await Task.Delay(10);
            gate.Open();
            await gate.Holding;
        });
        var staysSent = host.SendAsync(stays, string.Join("\n", DashboardHost.Report("a1", stays, T0, 1e15), DashboardHost.Report("a2", stays, T0 + 60, 1e15)));
        await abandonedSent;

        Assert.Equal(HttpStatusCode.OK, (await firstSent).Status);
        var (status, response) = await staysSent;
        Assert.Equal((HttpStatusCode.OK, 2L, 0L), (status, response.Accepted, response.Duplicates));
        // Three transactions: the first body's, the shared one rolled back when the client went, and the rest again.
        Assert.Equal(3, gate.Writes);
        Assert.False(await host.Ledger.ContainsReportAsync("swarm", "px", "x1"));
        Assert.False(await host.Ledger.ContainsReportAsync("swarm", "px", "x2"));
        Assert.True(await host.Ledger.ContainsReportAsync("swarm", "pa", "a2"));
        Assert.Equal(3, (await host.Ledger.GetSummaryAsync()).Reports);
    }

    /// <summary>
    /// Counts write transactions; while closed, the next one waits before it starts; once told, the next one does its
    /// work and then waits until it is cancelled (its client went away).
    /// </summary>
    private sealed class GatedLedger
    {
        private TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource? _open;
        private TaskCompletionSource? _opening;
        private TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _hold;
        private int _writes;

        public Task Entered => _entered.Task;

        /// <summary>Completes when the held transaction has done its work and waits.</summary>
        public Task Holding => _holding.Task;

        public void HoldNextAfterWork() => Volatile.Write(ref _hold, 1);

        public int Writes => Volatile.Read(ref _writes);

        public void Close()
        {
            _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _open = _opening = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public void Open() => _opening?.TrySetResult();

        public void Wrap(IServiceCollection services)
        {
            var registered = services.Last(d => d.ServiceType == typeof(ILedgerStore));
            services.Remove(registered);
            services.AddSingleton<ILedgerStore>(provider =>
                new Store((ILedgerStore)(registered.ImplementationInstance ?? registered.ImplementationFactory!(provider)), this));
        }

        private sealed class Store(ILedgerStore inner, GatedLedger gate) : DelegatingLedgerStore(inner)
        {
            public override async Task<T> WriteAsync<T>(Func<ILedgerTransaction, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken = default)
            {
                Interlocked.Increment(ref gate._writes);
                // Held: the first write that starts after HoldNextAfterWork, not one already waiting at the gate.
                bool hold = Interlocked.Exchange(ref gate._hold, 0) == 1;
                if (Interlocked.Exchange(ref gate._open, null) is { } open)
                {
                    gate._entered.TrySetResult();
                    await open.Task.WaitAsync(cancellationToken);
                }
                if (!hold)
                    return await Inner.WriteAsync(work, cancellationToken);
                return await Inner.WriteAsync(async (transaction, token) =>
                {
                    var result = await work(transaction, token);
                    gate._holding.TrySetResult();
                    await Task.Delay(Timeout.Infinite, token);
                    return result;
                }, cancellationToken);
            }

            public override async ValueTask DisposeAsync()
            {
                await Inner.DisposeAsync();
                await base.DisposeAsync();
            }
        }
    }
}
