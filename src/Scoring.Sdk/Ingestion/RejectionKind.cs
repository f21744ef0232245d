namespace Scoring.Ingestion;

/// <summary>The kinds of refusal an ingestion run counts apart (see <see cref="IngestionSummary"/>).</summary>
public enum RejectionKind
{
    /// <summary>The line could not be decoded, or its scheme could not score it.</summary>
    Rejected,

    /// <summary>The producer sent a report id again with different content.</summary>
    Conflict,

    /// <summary>The report arrived after its scheme's watermark.</summary>
    Late,
}
