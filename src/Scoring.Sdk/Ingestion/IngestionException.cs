namespace Scoring.Ingestion;

/// <summary>An ingestion run stopped because the ledger refused a batch; the batches before it are committed.</summary>
public sealed class IngestionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened and which lines.</param>
    /// <param name="summary">The counts committed before the failure.</param>
    /// <param name="inner">The ledger's error.</param>
    public IngestionException(string message, IngestionSummary summary, Exception inner) : base(message, inner) => Summary = summary;

    /// <summary>The counts committed before the failure.</summary>
    public IngestionSummary Summary { get; }
}
