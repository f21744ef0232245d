namespace Scoring.Reports;

/// <summary>
/// One work report, decoded from one JSON Lines record. The concrete kinds are
/// <see cref="SwarmPeerReport"/>, <see cref="ImageJobReport"/>, <see cref="LlmJobReport"/> and
/// <see cref="ProofOfGpuReport"/>; their wire format is described in <c>docs/formats.md</c>.
/// </summary>
public abstract record Report
{
    // Only the kinds in this assembly exist: the decoder, the writer and the schemes switch over them exhaustively.
    private protected Report()
    {
    }

    /// <summary>The report's unique id: the ledger's idempotency key (ingesting the same id twice changes nothing).</summary>
    public abstract string Id { get; }

    /// <summary>Which of the four report kinds this is.</summary>
    public abstract ReportKind Kind { get; }
}
