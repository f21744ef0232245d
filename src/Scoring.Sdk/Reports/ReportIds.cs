using System.Globalization;

namespace Scoring.Reports;

/// <summary>
/// The ids the decoder gives reports whose line has no <c>id</c>. Both are stable, so a re-sent line gets the same
/// id and the ledger ignores it. Timestamps are written as the shortest text that round-trips the double.
/// </summary>
public static class ReportIds
{
    /// <summary>The id of a swarm heartbeat: <c>{peerId}@{timestamp}</c>, e.g. <c>12D3KooWx@1767225600.5</c>.</summary>
    /// <param name="peerId">The peer.</param>
    /// <param name="timestamp">The report's unix seconds.</param>
    public static string SwarmPeer(string peerId, double timestamp) =>
        string.Concat(peerId, "@", timestamp.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>
    /// The id of a Proof-of-GPU result: <c>{uid}/{hotkey}/{source}@{timestamp}</c>, or <c>{uid}/{hotkey}/{source}</c>
    /// without a timestamp (such results should carry an explicit id if a uid is checked more than once).
    /// </summary>
    /// <param name="uid">The miner's uid.</param>
    /// <param name="hotkey">The miner's hotkey.</param>
    /// <param name="source">Who produced the result.</param>
    /// <param name="timestamp">The result's unix seconds, if any.</param>
    public static string ProofOfGpu(int uid, string hotkey, ProofOfGpuSource source, double? timestamp)
    {
        var sourceName = source == ProofOfGpuSource.External ? ReportTypeNames.ExternalSource : ReportTypeNames.LocalSource;
        return timestamp is { } t
            ? string.Create(CultureInfo.InvariantCulture, $"{uid}/{hotkey}/{sourceName}@{t:R}")
            : string.Create(CultureInfo.InvariantCulture, $"{uid}/{hotkey}/{sourceName}");
    }
}
