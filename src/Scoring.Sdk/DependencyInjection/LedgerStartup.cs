using Microsoft.Extensions.Hosting;
using Scoring.Ledger;

namespace Scoring;

/// <summary>
/// Opens the host's ledger when the host starts, asynchronously, so a file that cannot be written or a server that
/// cannot be reached stops the start with its reason instead of failing the first request. Outside a host the ledger
/// opens on its first use.
/// </summary>
/// <param name="ledger">The ledger <c>AddScoring</c> registered (or the host's own, which is already open).</param>
internal sealed class LedgerStartup(ILedgerStore ledger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (ledger is DeferredLedgerStore deferred)
            await deferred.OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
