using Scoring.Ingestion;
using Scoring.Rules.ProofOfGpu;

namespace Scoring.Rules.Tests.ProofOfGpu;

/// <summary>Proof-of-GPU results for the scheme's tests.</summary>
internal static class PogReports
{
    /// <summary>2026-01-01T00:00:00Z.</summary>
    public const double T0 = 1_767_225_600;

    /// <summary>This validator's result for a miner.</summary>
    public static ProofOfGpuReport Local(int uid, string gpu, int count, bool queryable = true, bool penalized = false, bool allocated = false, double? timestamp = T0) =>
        new(ProofOfGpuReport.DeriveId(uid, $"5Hot{uid}", ProofOfGpuSource.Local, timestamp), uid, $"5Hot{uid}", gpu, count, queryable, penalized, allocated,
            ProofOfGpuSource.Local, null, timestamp);

    /// <summary>Another validator's result with its score.</summary>
    public static ProofOfGpuReport External(int uid, double score, bool penalized = false, double? timestamp = T0) =>
        new(ProofOfGpuReport.DeriveId(uid, $"5Hot{uid}", ProofOfGpuSource.External, timestamp), uid, $"5Hot{uid}", "NVIDIA H100", 8, true, penalized, false,
            ProofOfGpuSource.External, score, timestamp);

    /// <summary>The reports as a round's input, numbered like lines.</summary>
    public static IReadOnlyList<ReportInput> Round(params ProofOfGpuReport[] reports) => reports.Select((r, i) => new ReportInput(i + 1, r)).ToList();
}
