using System.Globalization;
using Scoring.Reports;
using Scoring.Rules.ProofOfGpu;

namespace Scoring.Cli.Generation;

/// <summary>
/// A GPU subnet's Proof-of-GPU rounds: every 30 minutes the validator checks each uid once (a local result), and
/// for about 15 % of uids another validator's result arrives too (an external result with its 0..1 score, a tenth
/// of them without a timestamp). GPUs follow a realistic mix of the scored table plus an unknown name now and then;
/// counts are mostly 1, 2, 4 or 8 with a few above 8. Some miners are not queryable, a few are penalized, a quarter
/// are allocated, and now and then a uid is re-registered by a new hotkey with different hardware.
/// </summary>
internal static class ProofOfGpuDataSet
{
    private const int MaxUids = 256;
    private const long RoundMilliseconds = 30 * 60_000;

    /// <summary>GPU names as Proof-of-GPU reports them, with the score another validator would give one GPU.</summary>
    private static readonly ((string Name, double Score) Gpu, int Weight)[] Gpus =
    [
        (("NVIDIA B200", 5.0), 4),
        (("NVIDIA H200", 4.0), 8),
        (("NVIDIA H100 80GB HBM3", 3.3), 20),
        (("NVIDIA H100", 2.8), 10),
        (("NVIDIA A100-SXM4-80GB", 1.9), 15),
        (("NVIDIA GeForce RTX 4090", 0.68), 25),
        (("NVIDIA RTX A5000", 0.36), 8),
        (("NVIDIA L4", 0.43), 6),
        (("NVIDIA GeForce RTX 3090", 0), 2),
        (("Tesla V100-SXM2-32GB", 0), 1),
        (("AMD Instinct MI300X", 0), 1),
    ];

    private static readonly (int Count, int Weight)[] GpuCounts =
        [(1, 35), (2, 15), (3, 2), (4, 20), (6, 1), (8, 25), (10, 1), (16, 1)];

    /// <summary>Generates <paramref name="count"/> results, round after round, lazily.</summary>
    public static IEnumerable<Report> Generate(long count, ulong seed)
    {
        var random = new Xoshiro256StarStar(seed);
        var miners = new Miner[(int)Math.Clamp(count, 1, MaxUids)];
        for (var uid = 0; uid < miners.Length; uid++)
        {
            miners[uid] = Register(random);
        }

        long emitted = 0;
        for (long round = 0; emitted < count; round++)
        {
            var roundStart = GenerationClock.EpochMilliseconds + (round * RoundMilliseconds);
            for (var uid = 0; uid < miners.Length && emitted < count; uid++)
            {
                if (round > 0 && random.Chance(0.02))
                {
                    miners[uid] = Register(random);
                }

                var miner = miners[uid];
                var checkedAt = roundStart + (uid * 4_000L) + random.Between(0, 3_000);
                var queryable = random.Chance(0.93);
                var penalized = random.Chance(0.03);
                var allocated = queryable && random.Chance(0.25);
                yield return Result(uid, miner, queryable, penalized, allocated, ProofOfGpuSource.Local, null, checkedAt, round);
                emitted++;

                if (emitted < count && random.Chance(0.15))
                {
                    // Another validator's view: the same hardware, its own penalty decision and score scale.
                    var theirPenalty = penalized || random.Chance(0.02);
                    var score = theirPenalty ? 0 : Math.Round(miner.Gpu.Score * Math.Min(miner.Count, 8) / (5.0 * 8) * random.Between(0.97, 1.0), 4);
                    long? at = random.Chance(0.1) ? null : checkedAt + random.Between(-120_000, 120_000);
                    yield return Result(uid, miner, true, theirPenalty, allocated, ProofOfGpuSource.External, score, at, round);
                    emitted++;
                }
            }
        }
    }

    private static Miner Register(Xoshiro256StarStar random) =>
        new(SyntheticNames.Hotkey(random), random.PickWeighted(Gpus), random.PickWeighted(GpuCounts));

    private static ProofOfGpuReport Result(
        int uid, Miner miner, bool queryable, bool penalized, bool allocated, ProofOfGpuSource source, double? score, long? at, long round)
    {
        double? timestamp = at is { } milliseconds ? GenerationClock.ToUnixSeconds(milliseconds) : null;
        // Without a timestamp the derived id would repeat every round, so such a result carries one naming its round.
        var id = timestamp is null
            ? ProofOfGpuReport.DeriveId(uid, miner.Hotkey, source, null) + string.Create(CultureInfo.InvariantCulture, $"/round-{round}")
            : ProofOfGpuReport.DeriveId(uid, miner.Hotkey, source, timestamp);
        return new ProofOfGpuReport(id, uid, miner.Hotkey, miner.Gpu.Name, miner.Count, queryable, penalized, allocated, source, score, timestamp);
    }

    private sealed record Miner(string Hotkey, (string Name, double Score) Gpu, int Count);
}
