using Scoring;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Reports;

namespace Swarm.Dashboard.Tests;

/// <summary>A stateless test scheme for the host's plumbing: each swarm report earns FLOPs since last / 1e15 compute points.</summary>
internal sealed class FlopsScorer : IReportScorer
{
    public string Scheme => "swarm";

    public static Points PointsOf(double flops) => Points.FromDouble(flops / 1e15);

    public void Score(IReadOnlyList<ReportInput> reports, ScoredBatch output)
    {
        foreach (var (_, report) in reports)
        {
            var peer = (SwarmPeerReport)report;
            output.Add(new LedgerReport
            {
                Scheme = Scheme,
                ReportId = peer.Id,
                ReportTime = DateTimeOffset.UnixEpoch.AddSeconds(peer.Timestamp),
                RuleSetId = "flops",
                RuleSetHash = "test",
                Postings = [new LedgerPosting(peer.Account, peer.PeerId, "compute", PointsOf(peer.FlopsSinceLast ?? 0))],
            });
        }
    }
}
