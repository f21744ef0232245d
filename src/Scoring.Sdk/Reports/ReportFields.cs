namespace Scoring.Reports;

/// <summary>The fields of each report kind by JSON name (the names of <c>docs/formats.md</c>), for rule-set inputs.</summary>
public static class ReportFields
{
    private static readonly IReadOnlyDictionary<string, ReportField> Swarm = Index(
        String<SwarmPeerReport>("id", r => r.ReportId),
        String<SwarmPeerReport>("peerId", r => r.PeerId),
        String<SwarmPeerReport>("account", r => r.Account),
        Double<SwarmPeerReport>("cumulativeFlops", r => r.CumulativeFlops ?? double.NaN),
        Double<SwarmPeerReport>("flopsSinceLast", r => r.FlopsSinceLast ?? double.NaN),
        Double<SwarmPeerReport>("timestamp", r => r.Timestamp));

    private static readonly IReadOnlyDictionary<string, ReportField> Image = Index(
        String<ImageJobReport>("jobId", r => r.JobId),
        String<ImageJobReport>("minerId", r => r.MinerId),
        String<ImageJobReport>("wallet", r => r.Wallet),
        String<ImageJobReport>("category", r => r.Category),
        Int<ImageJobReport>("width", r => r.Width),
        Int<ImageJobReport>("height", r => r.Height),
        Int<ImageJobReport>("steps", r => r.Steps),
        Double<ImageJobReport>("gpuVramGb", r => r.GpuVramGb),
        Double<ImageJobReport>("latencySeconds", r => r.LatencySeconds),
        Double<ImageJobReport>("timestamp", r => r.Timestamp));

    private static readonly IReadOnlyDictionary<string, ReportField> Llm = Index(
        String<LlmJobReport>("jobId", r => r.JobId),
        String<LlmJobReport>("minerId", r => r.MinerId),
        String<LlmJobReport>("wallet", r => r.Wallet),
        String<LlmJobReport>("model", r => r.Model),
        Int<LlmJobReport>("inputTokens", r => r.InputTokens),
        Int<LlmJobReport>("outputTokens", r => r.OutputTokens),
        Double<LlmJobReport>("gpuVramGb", r => r.GpuVramGb),
        Double<LlmJobReport>("latencySeconds", r => r.LatencySeconds),
        Double<LlmJobReport>("timestamp", r => r.Timestamp));

    private static readonly IReadOnlyDictionary<string, ReportField> ProofOfGpu = Index(
        String<ProofOfGpuReport>("id", r => r.ReportId),
        Int<ProofOfGpuReport>("uid", r => r.Uid),
        String<ProofOfGpuReport>("hotkey", r => r.Hotkey),
        String<ProofOfGpuReport>("gpuName", r => r.GpuName),
        Int<ProofOfGpuReport>("gpuCount", r => r.GpuCount),
        Bool<ProofOfGpuReport>("queryable", r => r.Queryable),
        Bool<ProofOfGpuReport>("penalized", r => r.Penalized),
        Bool<ProofOfGpuReport>("allocated", r => r.Allocated),
        String<ProofOfGpuReport>("source", r => r.Source == ProofOfGpuSource.External ? "external" : "local"),
        Double<ProofOfGpuReport>("score", r => r.Score ?? double.NaN),
        Double<ProofOfGpuReport>("timestamp", r => r.Timestamp ?? double.NaN));

    /// <summary>The fields of a report kind, keyed by JSON name (ordinal).</summary>
    public static IReadOnlyDictionary<string, ReportField> Of(ReportKind kind) => kind switch
    {
        ReportKind.SwarmPeer => Swarm,
        ReportKind.ImageJob => Image,
        ReportKind.LlmJob => Llm,
        ReportKind.ProofOfGpu => ProofOfGpu,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown report kind."),
    };

    private static IReadOnlyDictionary<string, ReportField> Index(params ReportField[] fields) =>
        fields.ToDictionary(f => f.Name, StringComparer.Ordinal);

    private static ReportField Int<T>(string name, Func<T, long> read) where T : Report =>
        new(name, ReportFieldType.Int) { ReadInt = r => read((T)r) };

    private static ReportField Double<T>(string name, Func<T, double> read) where T : Report =>
        new(name, ReportFieldType.Double) { ReadDouble = r => read((T)r) };

    private static ReportField String<T>(string name, Func<T, string> read) where T : Report =>
        new(name, ReportFieldType.String) { ReadString = r => read((T)r) };

    private static ReportField Bool<T>(string name, Func<T, bool> read) where T : Report =>
        new(name, ReportFieldType.Bool) { ReadBool = r => read((T)r) };
}
