using Scoring.Reports;

namespace Scoring.Rules.ProofOfGpu;

/// <summary>The result of a Proof-of-GPU check of one subnet miner (<c>"type": "pog"</c>).</summary>
/// <param name="ReportId">The report's id (JSON <c>id</c>); when the line has none, the decoder derives
/// <c>{uid}/{hotkey}/{source}@{timestamp}</c> (without <c>@{timestamp}</c> when there is no timestamp).</param>
/// <param name="Uid">The miner's uid on the subnet (JSON <c>uid</c>).</param>
/// <param name="Hotkey">The miner's hotkey (JSON <c>hotkey</c>): the report's producer.</param>
/// <param name="GpuName">The GPU model name exactly as the check reported it, e.g. <c>NVIDIA H100 80GB HBM3</c>
/// (JSON <c>gpuName</c>).</param>
/// <param name="GpuCount">How many such GPUs the miner has (JSON <c>gpuCount</c>).</param>
/// <param name="Queryable">Whether the miner answered the check (JSON <c>queryable</c>).</param>
/// <param name="Penalized">Whether the miner is penalized (JSON <c>penalized</c>).</param>
/// <param name="Allocated">Whether the miner's GPUs are currently rented out (JSON <c>allocated</c>).</param>
/// <param name="Source">Whether this validator or another one produced the result (JSON <c>source</c>).</param>
/// <param name="Score">The other validator's score on a 0..1 scale; present exactly when <paramref name="Source"/> is
/// <see cref="ProofOfGpuSource.External"/> (JSON <c>score</c>).</param>
/// <param name="Timestamp">When the check ran, in unix seconds, if known (JSON <c>timestamp</c>).</param>
public sealed record ProofOfGpuReport(
    string ReportId,
    int Uid,
    string Hotkey,
    string GpuName,
    int GpuCount,
    bool Queryable,
    bool Penalized,
    bool Allocated,
    ProofOfGpuSource Source,
    double? Score,
    double? Timestamp) : Report
{
    /// <inheritdoc />
    public override ReportType ReportType => ProofOfGpuReportType.Instance;

    /// <inheritdoc />
    public override string Id => ReportId;

    /// <inheritdoc />
    public override string Producer => Hotkey;

    /// <inheritdoc />
    public override DateTimeOffset? Time => Timestamp is { } t ? UnixTime.FromSeconds(t) : null;

    /// <summary>
    /// The id the decoder derives for a line without one: <c>{uid}/{hotkey}/{source}@{timestamp}</c>, or
    /// <c>{uid}/{hotkey}/{source}</c> without a timestamp (producers that check a uid more than once should send ids).
    /// </summary>
    public static string DeriveId(int uid, string hotkey, ProofOfGpuSource source, double? timestamp)
    {
        string prefix = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{uid}/{hotkey}/{ProofOfGpuReportType.SourceName(source)}");
        return timestamp is { } t ? prefix + "@" + ReportFieldCheck.Format(t) : prefix;
    }
}
