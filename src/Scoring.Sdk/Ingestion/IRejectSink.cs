namespace Scoring.Ingestion;

/// <summary>Receives the lines an ingestion run rejects (e.g. <see cref="RejectsFile"/>).</summary>
public interface IRejectSink
{
    /// <summary>Records one rejected line.</summary>
    void Write(ReportRejection rejection);

    /// <summary>Makes the records written so far durable.</summary>
    void Flush();
}
