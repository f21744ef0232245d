using Scoring.Ingestion;

namespace Storage.Proofs.Tests;

/// <summary>Keeps the lines a run refused, to check their kinds and reasons.</summary>
internal sealed class CollectedRejects : IRejectSink
{
    public List<ReportRejection> Lines { get; } = [];

    public void Write(ReportRejection rejection) => Lines.Add(rejection);

    public void Flush()
    {
    }
}
