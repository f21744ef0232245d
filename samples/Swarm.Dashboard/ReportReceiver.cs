using Scoring.Ingestion;
using Scoring.Ledger;

namespace Swarm.Dashboard;

/// <summary>
/// Ingests the bodies of <c>POST /reports</c> one at a time: the swarm scheme is stateful and must see each peer's
/// reports in order, and one ledger transaction per body keeps a replayed body a no-op.
/// </summary>
public sealed class ReportReceiver(ReportIngestion ingestion, IReportScorer scorer, ILedgerStore ledger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Scores and records the reports of <paramref name="jsonLines"/> that belong to <paramref name="peer"/>.</summary>
    /// <returns>The run's counts and every rejected line with its reason.</returns>
    public async Task<(IngestionSummary Summary, IReadOnlyList<ReportRejection> Rejections)> ReceiveAsync(
        RegisteredPeer peer, byte[] jsonLines, CancellationToken cancellationToken)
    {
        var rejects = new RejectionList();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var summary = await ingestion.RunAsync(new MemoryStream(jsonLines, writable: false), new PeerScopedScorer(scorer, peer),
                ledger, rejects, cancellationToken: cancellationToken).ConfigureAwait(false);
            return (summary, rejects.Items);
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed class RejectionList : IRejectSink
    {
        public List<ReportRejection> Items { get; } = [];

        public void Write(ReportRejection rejection) => Items.Add(rejection);

        public void Flush()
        {
        }
    }
}
