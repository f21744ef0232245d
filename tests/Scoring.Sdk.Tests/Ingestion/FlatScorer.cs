using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Reports;

namespace Scoring.Sdk.Tests.Ingestion;

/// <summary>A test scheme: each swarm report earns its FLOPs since last / 1e15 points; reports from account "banned" are rejected.</summary>
internal sealed class FlatScorer : IReportScorer
{
    public string Scheme => "test";

    public int Batches { get; private set; }

    public void Score(IReadOnlyList<ReportInput> reports, ScoredBatch output)
    {
        Batches++;
        foreach (var (line, report) in reports)
        {
            var peer = (SwarmPeerReport)report;
            if (peer.Account == "banned")
            {
                output.Reject(line, "$.account", "account is banned", ReportWriter.ToJson(report));
                continue;
            }
            output.Add(new LedgerReport
            {
                Scheme = Scheme,
                ReportId = peer.Id,
                ReportTime = DateTimeOffset.FromUnixTimeMilliseconds((long)(peer.Timestamp * 1000)),
                RuleSetId = "flat",
                RuleSetHash = "0",
                Postings = [new LedgerPosting(peer.Account, peer.PeerId, "compute", Scoring.Points.FromDouble((peer.FlopsSinceLast ?? 0) / 1e15))],
            });
        }
    }
}
