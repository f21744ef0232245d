using System.Globalization;
using Scoring.Weights;
using Scoring.Rules.ProofOfGpu;

namespace Scoring.Rules.Tests.Oracles;

/// <summary>
/// Scores miners the way the SN27 validator's <c>sync_scores</c> does: a local result is scored from the GPU table,
/// another validator's score is used only when there is no local result, and penalized or non-queryable miners get 0.
/// Where the reference misbehaves on bad input (a NaN count poisons every weight), the result is rejected with a reason.
/// </summary>
public sealed class ProofOfGpuScorer
{
    private readonly double _allocationMultiplier;
    private readonly int _maxGpus;

    /// <summary>Creates a scorer from validated options.</summary>
    /// <exception cref="ProofOfGpuConfigurationException">The options are invalid.</exception>
    public ProofOfGpuScorer(ProofOfGpuOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new ProofOfGpuOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new ProofOfGpuConfigurationException(string.Join(" ", validation.Failures ?? []));
        }
        Table = options.BuildTable();
        _allocationMultiplier = options.AllocationMultiplier;
        _maxGpus = options.MaxGpus;
    }

    /// <summary>The GPU score table in use.</summary>
    public GpuScoreTable Table { get; }

    /// <summary>Scores one result on its own (no merge).</summary>
    public MinerScore Score(MinerResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Queryable)
        {
            return Zero(result, MinerStatus.NotQueryable, "The miner is not queryable.");
        }
        return result.Source == MinerResultSource.External ? ScoreExternal(result) : ScoreLocal(result);
    }

    /// <summary>
    /// Scores a round: results are merged per uid (a local result outranks an external one; within a source the later
    /// result replaces the earlier), then each miner is scored. Miners come out in ascending uid order.
    /// </summary>
    public ProofOfGpuRound Score(IEnumerable<MinerResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var chosen = new SortedDictionary<int, (MinerResult? Local, MinerResult? External)>();
        var rejections = new List<string>();
        int resultCount = 0, badUid = 0;
        foreach (var result in results)
        {
            resultCount++;
            if (result.Uid < 0 || result.Uid > U16Emission.MaxUid)
            {
                badUid++;
                rejections.Add($"uid {result.Uid} ({result.Hotkey}): the uid must be in 0..{U16Emission.MaxUid}; result not scored.");
                continue;
            }
            chosen.TryGetValue(result.Uid, out var slot);
            chosen[result.Uid] = result.Source == MinerResultSource.Local ? slot with { Local = result } : slot with { External = result };
        }

        var miners = new List<MinerScore>(chosen.Count);
        var unknown = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int local = 0, external = 0, penalized = 0, notQueryable = 0, rejected = badUid;
        foreach (var (_, slot) in chosen)
        {
            var result = slot.Local ?? slot.External!;
            var score = Score(result);
            miners.Add(score);
            if (score.Source == ProofOfGpuSource.Local)
            {
                local++;
            }
            else
            {
                external++;
            }
            switch (score.Status)
            {
                case MinerStatus.Penalized:
                    penalized++;
                    break;
                case MinerStatus.NotQueryable:
                    notQueryable++;
                    break;
                case MinerStatus.Rejected:
                    rejected++;
                    rejections.Add($"uid {score.Uid} ({score.Hotkey}): {score.Reason}");
                    break;
            }
            if (score.Status is MinerStatus.UnknownGpu or MinerStatus.Penalized
                && result.Source == MinerResultSource.Local && result.GpuName is { } name && !Table.TryGetScore(name, out _))
            {
                unknown[name] = unknown.GetValueOrDefault(name) + 1;
            }
        }
        int superseded = resultCount - badUid - miners.Count;
        var diagnostics = new ProofOfGpuDiagnostics(resultCount, miners.Count, local, external, superseded, penalized, notQueryable, rejected, unknown, rejections);
        return new ProofOfGpuRound(miners, diagnostics);
    }

    private MinerScore ScoreLocal(MinerResult result)
    {
        if (CountProblem(result.GpuCount) is { } problem)
        {
            return Zero(result, MinerStatus.Rejected, problem);
        }
        if (string.IsNullOrEmpty(result.GpuName))
        {
            return Zero(result, MinerStatus.Rejected, "The result has no GPU name.");
        }
        if (result.Penalized)
        {
            return Zero(result, MinerStatus.Penalized, "The miner is penalized.");
        }
        if (!Table.TryGetScore(result.GpuName, out double g))
        {
            return Zero(result, MinerStatus.UnknownGpu, $"GPU '{result.GpuName}' is not in the score table.");
        }
        int count = result.GpuCount >= _maxGpus ? _maxGpus : (int)result.GpuCount;
        double multiplier = result.Allocated ? _allocationMultiplier : 1.0;
        double score = ProofOfGpuScore.Compute(g, Table.MaxScore, count, _maxGpus, multiplier);
        return Scored(result, score);
    }

    private static MinerScore ScoreExternal(MinerResult result)
    {
        if (result.ExternalScore is not double score)
        {
            return Zero(result, MinerStatus.Rejected, "The external result has no score.");
        }
        if (!double.IsFinite(score) || score < 0 || score > 1)
        {
            return Zero(result, MinerStatus.Rejected,
                $"The external score is {Format(score)}; another validator's score must be a number in 0..1.");
        }
        if (result.Penalized)
        {
            return Zero(result, MinerStatus.Penalized, "The miner is penalized.");
        }
        return Scored(result, score);
    }

    private static string? CountProblem(double count) => count switch
    {
        double.NaN => "The GPU count is NaN.",
        _ when double.IsInfinity(count) => $"The GPU count is {Format(count)}.",
        < 0 => $"The GPU count is negative ({Format(count)}).",
        _ when count != Math.Floor(count) => $"The GPU count is fractional ({Format(count)}); it must be a whole number.",
        _ => null,
    };

    private static MinerScore Scored(MinerResult result, double score) => Miner(result, score, MinerStatus.Scored, null);

    private static MinerScore Zero(MinerResult result, MinerStatus status, string reason) => Miner(result, 0.0, status, reason);

    // The scheme's record has no room for the impossible inputs the oracle still guards against (a missing name, a
    // fractional count): those rows keep an empty name and a truncated count, and are compared by status only.
    private static MinerScore Miner(MinerResult result, double score, MinerStatus status, string? reason) =>
        new(result.Uid, result.Hotkey, result.GpuName ?? "", double.IsFinite(result.GpuCount) ? (int)result.GpuCount : 0, score,
            result.Source == MinerResultSource.External ? ProofOfGpuSource.External : ProofOfGpuSource.Local,
            result.Allocated, status, reason, null);

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
