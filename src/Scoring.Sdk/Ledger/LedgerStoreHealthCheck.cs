using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Scoring.Ledger;

/// <summary>
/// A health check of the registered <see cref="ILedgerStore"/>, whatever stands behind it (in-memory, SQLite,
/// PostgreSQL, a plug-in's store): healthy when the store answers a one-key lookup, unhealthy with the store's
/// message when it cannot (a file that cannot be opened, a server that does not answer, a schema it cannot read).
/// Register it with <c>services.AddHealthChecks().AddCheck&lt;LedgerStoreHealthCheck&gt;("ledger")</c>.
/// </summary>
/// <remarks>
/// The probe is <see cref="ILedgerStore.ContainsReportAsync"/> of one fixed key (its answer is ignored): one index
/// lookup on every store, so a check costs the same on an empty ledger and on one of a billion reports, and it writes
/// nothing.
/// </remarks>
public sealed class LedgerStoreHealthCheck : IHealthCheck
{
    private const string ProbeScheme = "health-check";

    private readonly ILedgerStore _store;

    /// <summary>Creates the check of <paramref name="store"/>.</summary>
    public LedgerStoreHealthCheck(ILedgerStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var data = new Dictionary<string, object>();
        try
        {
            await _store.ContainsReportAsync(ProbeScheme, "", "probe", cancellationToken).ConfigureAwait(false);
            data["milliseconds"] = Math.Round(clock.Elapsed.TotalMilliseconds, 1);
            data["store"] = StoreName();
            return HealthCheckResult.Healthy($"The ledger store ({StoreName()}) answers.", data);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            data["milliseconds"] = Math.Round(clock.Elapsed.TotalMilliseconds, 1);
            data["store"] = StoreName();
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"The ledger store ({StoreName()}) does not answer: {exception.Message.ReplaceLineEndings(" ")}", exception, data);
        }
    }

    // The store's type (a SqliteLedgerStore, not the DI wrapper that opens it); a wrapper whose open failed says so.
    private string StoreName()
    {
        var store = DeferredLedgerStore.Unwrap(_store);
        return store is DeferredLedgerStore ? "not open" : store.GetType().Name;
    }
}
