using Scoring.Ingestion;

namespace Scoring.Durability.Tests.Harness;

/// <summary>Keeps the lines a run refused, to check their kinds.</summary>
internal sealed class CollectedRejects : IRejectSink
{
    public List<ReportRejection> Lines { get; } = [];

    public void Write(ReportRejection rejection) => Lines.Add(rejection);

    public void Flush()
    {
    }
}
