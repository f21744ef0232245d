using FsCheck;
using FsCheck.Fluent;
using Scoring.Reports;
using Scoring.Rules.Jobs;
using Scoring.Rules.ProofOfGpu;
using Scoring.Rules.Swarm;

namespace Scoring.Rules.Tests.Reports;

/// <summary>FsCheck generators of valid reports: every field anywhere inside its documented bounds.</summary>
internal static class ReportGenerators
{
    private static readonly char[] TextCharacters =
        "abcXYZ019-_./:@ \"\\'{}[],é日本ß€".ToCharArray();

    public static Gen<string> Text { get; } =
        Gen.Elements(TextCharacters).ArrayOf().Where(c => c.Length > 0).Select(c => new string(c))
            .Zip(Gen.Elements("", "😀", "\u00a0"))
            .Select(t => (t.Item1 + t.Item2) is var s && s.Length > ReportLimits.MaxStringLength ? s[..ReportLimits.MaxStringLength] : t.Item1 + t.Item2)
            .Select(s => char.IsHighSurrogate(s[^1]) ? s[..^1] + "x" : s)
            .Where(s => !string.IsNullOrWhiteSpace(s)); // whitespace only is refused ("must not be blank")

    /// <summary>Any finite double in [min, max], with both round and long fractional values.</summary>
    public static Gen<double> Between(double min, double max) =>
        Gen.OneOf(
            Gen.Elements(min, max),
            Gen.Choose(0, int.MaxValue).Select(i => min + ((max - min) * (i / (double)int.MaxValue))),
            Gen.Choose(0, 1_000_000).Select(i => Math.Min(max, min + i)));

    /// <summary>Counts over many orders of magnitude, like FLOPs.</summary>
    public static Gen<double> Magnitude(double max) =>
        Gen.Choose(0, 1_000_000).Zip(Gen.Choose(0, 30)).Select(t => Math.Min(max, t.Item1 * Math.Pow(10, t.Item2)));

    public static Gen<double> Timestamp { get; } =
        Between(ReportLimits.MinTimestamp, ReportLimits.EndTimestamp - 1);

    public static Gen<SwarmPeerReport> Swarm { get; } =
        from id in Text
        from peer in Text
        from account in Text
        from timestamp in Timestamp
        from counters in Gen.Choose(0, 2)
        from cumulative in Magnitude(SwarmReportType.MaxFlops)
        from sinceLast in Magnitude(SwarmReportType.MaxFlops)
        select new SwarmPeerReport(id, peer, account, timestamp, counters == 1 ? null : cumulative, counters == 2 ? null : sinceLast);

    public static Gen<ImageJobReport> Image { get; } =
        from job in Text
        from miner in Text
        from wallet in Text
        from category in Gen.OneOf(Gen.Elements("sd15", "sd15-lora", "sdxl", "sdxl-lora", "flux"), Text)
        from width in Gen.Choose(1, ImageJobReportType.MaxSide)
        from height in Gen.Choose(1, ImageJobReportType.MaxSide)
        from steps in Gen.Choose(1, ImageJobReportType.MaxSteps)
        from vram in Between(1e-3, JobLimits.MaxGpuVramGb)
        from latency in Between(0, JobLimits.MaxLatencySeconds)
        from timestamp in Timestamp
        select new ImageJobReport(job, miner, wallet, category, width, height, steps, vram, latency, timestamp);

    public static Gen<LlmJobReport> Llm { get; } =
        from job in Text
        from miner in Text
        from wallet in Text
        from model in Gen.OneOf(Gen.Elements("dolphin-2.9-llama3-8b", "hermes-3-llama3.1-8b", "openhermes-mixtral-8x7b-gptq"), Text)
        from input in Gen.Choose(0, LlmJobReportType.MaxTokens)
        from output in Gen.Choose(0, LlmJobReportType.MaxTokens)
        from vram in Between(1e-3, JobLimits.MaxGpuVramGb)
        from latency in Between(0, JobLimits.MaxLatencySeconds)
        from timestamp in Timestamp
        select new LlmJobReport(job, miner, wallet, model, input, output, vram, latency, timestamp);

    public static Gen<ProofOfGpuReport> ProofOfGpu { get; } =
        from id in Text
        from uid in Gen.Choose(0, ProofOfGpuReportType.MaxUid)
        from hotkey in Text
        from gpu in Gen.OneOf(Gen.Elements("NVIDIA H100 80GB HBM3", "NVIDIA GeForce RTX 4090"), Text)
        from count in Gen.Choose(0, ProofOfGpuReportType.MaxGpuCount)
        from flags in Gen.Choose(0, 7)
        from external in ArbMap.Default.GeneratorFor<bool>()
        from score in Between(0, 1)
        from hasTimestamp in ArbMap.Default.GeneratorFor<bool>()
        from timestamp in Timestamp
        select new ProofOfGpuReport(
            id, uid, hotkey, gpu, count, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0,
            external ? ProofOfGpuSource.External : ProofOfGpuSource.Local,
            external ? score : null,
            hasTimestamp ? timestamp : null);

    public static Gen<Report> Any { get; } = Gen.OneOf(
        Swarm.Select(r => (Report)r),
        Image.Select(r => (Report)r),
        Llm.Select(r => (Report)r),
        ProofOfGpu.Select(r => (Report)r));
}
