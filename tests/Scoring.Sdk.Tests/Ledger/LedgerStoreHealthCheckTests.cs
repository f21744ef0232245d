using System.Reflection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scoring.Ledger;

namespace Scoring.Sdk.Tests.Ledger;

public sealed class LedgerStoreHealthCheckTests
{
    [Fact]
    public async Task AStoreThatAnswersIsHealthy()
    {
        await using var store = new InMemoryLedgerStore();
        var result = await new LedgerStoreHealthCheck(store).CheckHealthAsync(Context());
        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(nameof(InMemoryLedgerStore), result.Data["store"]);
    }

    [Fact]
    public async Task AStoreThatFailsIsReportedWithItsMessageAndTheRegisteredFailureStatus()
    {
        var store = DispatchProxy.Create<ILedgerStore, UnreachableStore>();
        var result = await new LedgerStoreHealthCheck(store).CheckHealthAsync(Context(HealthStatus.Degraded));
        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("does not answer: the server at 127.0.0.1:1 refused the connection", result.Description, StringComparison.Ordinal);
        Assert.IsType<IOException>(result.Exception);
    }

    [Fact]
    public async Task TheStoreAddScoringRegistersIsNamedByTheStoreItOpened()
    {
        await using var store = new DeferredLedgerStore(_ => Task.FromResult<ILedgerStore>(new InMemoryLedgerStore()));
        var result = await new LedgerStoreHealthCheck(store).CheckHealthAsync(Context());
        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal(nameof(InMemoryLedgerStore), result.Data["store"]);
        Assert.Equal("inmemory", Scoring.Diagnostics.ScoringActivities.StoreName(store));
    }

    [Fact]
    public async Task AStoreThatCannotOpenIsUnhealthyAndSaysWhy()
    {
        await using var store = new DeferredLedgerStore(_ => throw new IOException("the server at 127.0.0.1:1 refused the connection"));
        var result = await new LedgerStoreHealthCheck(store).CheckHealthAsync(Context());
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("The ledger store (not open) does not answer: the server at 127.0.0.1:1 refused the connection", result.Description);
    }

    private static HealthCheckContext Context(HealthStatus failure = HealthStatus.Unhealthy) => new()
    {
        Registration = new HealthCheckRegistration("ledger", _ => throw new NotSupportedException(), failure, null),
    };

    /// <summary>Every call fails as a store whose server is down does.</summary>
    public class UnreachableStore : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new IOException("the server at 127.0.0.1:1 refused the connection");
    }
}
