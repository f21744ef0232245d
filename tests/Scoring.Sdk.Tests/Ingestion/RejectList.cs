using Scoring.Ingestion;

namespace Scoring.Sdk.Tests.Ingestion;

/// <summary>A rejects sink that keeps what it is given, to look at each refusal's kind, field and reason.</summary>
internal sealed class RejectList : IRejectSink
{
    public List<ReportRejection> Rejections { get; } = [];

    public int Flushes { get; private set; }

    public void Write(ReportRejection rejection) => Rejections.Add(rejection);

    public void Flush() => Flushes++;
}
