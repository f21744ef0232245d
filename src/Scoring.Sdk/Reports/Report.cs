namespace Scoring.Reports;

/// <summary>
/// One work report, decoded from one JSON Lines record by its <see cref="Reports.ReportType"/>. Schemes define the
/// concrete records (a swarm heartbeat, an image job, a Proof-of-GPU result, a storage proof …) next to their
/// report types; the engine only needs what is declared here.
/// </summary>
public abstract record Report
{
    /// <summary>Creates a report.</summary>
    protected Report()
    {
    }

    /// <summary>The report type that decoded this report and knows its fields.</summary>
    public abstract ReportType ReportType { get; }

    /// <summary>The report's <c>type</c> value on the wire, e.g. <c>swarm</c>.</summary>
    public string Type => ReportType.Name;

    /// <summary>
    /// The report's id: with <see cref="Producer"/>, the ledger's idempotency key (ingesting the same report twice
    /// changes nothing, and one producer can never take another's id).
    /// </summary>
    public abstract string Id { get; }

    /// <summary>Who made the report (a swarm peer, a miner, a storage provider); report ids are scoped by it.</summary>
    public abstract string Producer { get; }

    /// <summary>When the reported work happened (UTC), or null when the report carries no time.</summary>
    public abstract DateTimeOffset? Time { get; }
}
