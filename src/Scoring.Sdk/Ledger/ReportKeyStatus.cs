namespace Scoring.Ledger;

/// <summary>What the ledger knows of a <see cref="ReportKey"/>.</summary>
public enum ReportKeyStatus
{
    /// <summary>Never recorded: the report may be recorded and its entries appended.</summary>
    New,

    /// <summary>Recorded before with the same content hash (or with an unknown one): a harmless re-send, skipped.</summary>
    Duplicate,

    /// <summary>Recorded before with a different content hash: the producer re-used an id for other content, skipped.</summary>
    Conflict,
}
