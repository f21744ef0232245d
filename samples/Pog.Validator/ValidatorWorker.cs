using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Scoring.Rules.ProofOfGpu;
using Scoring.Weights;

namespace Pog.Validator;

/// <summary>
/// The validator loop: every block of the simulated clock, reads the results that arrived, and once the rate limit
/// allows, scores every miner's latest result and prints (and appends to <see cref="ValidatorOptions.OutputPath"/>)
/// the weights and u16 emission it would set. It never talks to a chain.
/// </summary>
public sealed class ValidatorWorker(
    IResultFeed feed,
    ProofOfGpuScorer scorer,
    IOptions<ValidatorOptions> options,
    TimeProvider time,
    TextWriter output,
    ILogger<ValidatorWorker> logger) : BackgroundService
{
    private readonly ValidatorOptions _options = options.Value;
    private readonly MinerBook _book = new();

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var clock = new BlockClock(time, _options.BlockTime);
        var cadence = new WeightCadence(_options.RateLimit);
        var settings = new WeightSettings { BurnUid = _options.BurnUid, MaxWeight = _options.MaxWeight };
        long? lastSet = null;
        logger.LogInformation("Validator started: block time {BlockTime}, rate limit {RateLimit} blocks, burn uid {BurnUid}.",
            _options.BlockTime, _options.RateLimit, _options.BurnUid?.ToString(CultureInfo.InvariantCulture) ?? "none");
        using var timer = new PeriodicTimer(_options.BlockTime, time);
        do
        {
            // The block is read before the feed: results that arrive during this block count from the next one.
            long block = clock.CurrentBlock;
            foreach (var (origin, line) in feed.ReadNew())
            {
                if (string.IsNullOrWhiteSpace(line))
                    continue;
                if (_book.Add(line) is { } rejection)
                    logger.LogWarning("{Origin}: {Rejection}", origin, rejection);
            }
            if (!cadence.Check(block, lastSet).IsTime || (_book.Count == 0 && _options.BurnUid is null))
                continue;
            var round = scorer.Score(_book.Results);
            SubnetWeights weights;
            try
            {
                weights = round.ToWeights(settings);
            }
            catch (ArgumentException e)
            {
                logger.LogWarning("Block {Block}: no weights: {Reason}", block, e.Message);
                continue;
            }
            lastSet = block;
            await PublishAsync(WeightSet.From(block, weights), round, stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task PublishAsync(WeightSet set, ProofOfGpuRound round, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(
            $"block {set.Block}: {set.Mode} weights for {set.Uids.Count} uids ({round.Miners.Count(m => m.Status == MinerStatus.Scored)} of {round.Miners.Count} miners scored)").ConfigureAwait(false);
        for (int i = 0; i < set.EmissionUids.Count; i++)
        {
            int uid = set.EmissionUids[i];
            int index = IndexOf(set.Uids, uid);
            string weight = index < 0 ? "-" : set.Weights[index].ToString("R", CultureInfo.InvariantCulture);
            await output.WriteLineAsync($"  uid {uid,5}  weight {weight,-12}  u16 {set.Emission[i],5}").ConfigureAwait(false);
        }
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(_options.OutputPath))
        {
            await File.AppendAllTextAsync(_options.OutputPath, JsonSerializer.Serialize(set, WeightSetJsonContext.Default.WeightSet) + "\n",
                cancellationToken).ConfigureAwait(false);
        }
    }

    private static int IndexOf(IReadOnlyList<int> uids, int uid)
    {
        for (int i = 0; i < uids.Count; i++)
        {
            if (uids[i] == uid)
                return i;
        }
        return -1;
    }
}
