using Scoring.Ingestion;
using Scoring.Reports;

namespace Swarm.Dashboard;

/// <summary>
/// Lets through only the swarm reports of the authenticated peer and its account, then hands them to the swarm
/// scheme. It never completes the inner scheme: the server runs for good, so presence intervals stay open
/// across requests.
/// </summary>
internal sealed class PeerScopedScorer(IReportScorer inner, RegisteredPeer peer) : IReportScorer
{
    private readonly List<ReportInput> _own = [];

    public string Scheme => inner.Scheme;

    public void Score(IReadOnlyList<ReportInput> reports, ScoredBatch output)
    {
        _own.Clear();
        foreach (var input in reports)
        {
            if (input.Report is not SwarmPeerReport report)
            {
                output.Reject(input.LineNumber, "$.type", $"this server takes swarm reports only, not \"{input.Report.Kind}\"", ReportWriter.ToJson(input.Report));
            }
            else if (report.PeerId != peer.PeerId)
            {
                output.Reject(input.LineNumber, "$.peerId", $"the report is of peer '{report.PeerId}', but the request is signed by peer '{peer.PeerId}'", ReportWriter.ToJson(report));
            }
            else if (report.Account != peer.Account)
            {
                output.Reject(input.LineNumber, "$.account", $"peer '{peer.PeerId}' belongs to account '{peer.Account}', not '{report.Account}'", ReportWriter.ToJson(report));
            }
            else
            {
                _own.Add(input);
            }
        }
        if (_own.Count > 0)
            inner.Score(_own, output);
    }
}
