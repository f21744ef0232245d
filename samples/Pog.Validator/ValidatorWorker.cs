using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Scoring.Rules.ProofOfGpu;
using Scoring.Schemes;
using Scoring.Weights;

namespace Pog.Validator;

/// <summary>
/// The validator loop: every block of the simulated clock, reads the results that arrived, and once the rate limit
/// allows, scores every miner's latest result with the Proof-of-GPU scheme (<see cref="ProofOfGpuScheme.ScoreRound"/>,
/// the <c>pog-score</c> rule set in force) and prints (and appends to <see cref="ValidatorOptions.OutputPath"/>) the
/// weights and u16 emission it would set. It never talks to a chain.
/// </summary>
public sealed class ValidatorWorker : BackgroundService, IStoppableWorker
{
    private readonly IResultFeed _feed;
    private readonly ProofOfGpuScheme _scheme;
    private readonly SchemeContext _context;
    private readonly ValidatorOptions _options;
    private readonly TimeProvider _time;
    private readonly TextWriter _output;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<ValidatorWorker> _logger;
    private readonly MinerBook _book;

    /// <summary>
    /// Creates the worker with the GPU score table configured (<see cref="GpuTableSettings"/>); a table or rule set the
    /// scheme cannot use fails here, at start, not at the first weight set.
    /// </summary>
    public ValidatorWorker(IResultFeed feed, SchemeRegistry schemes, SchemeContext context, IConfiguration configuration,
        IOptions<ValidatorOptions> options, TimeProvider time, TextWriter output, IHostApplicationLifetime lifetime, ILogger<ValidatorWorker> logger)
    {
        _feed = feed;
        _options = options.Value;
        _scheme = (ProofOfGpuScheme)schemes.Get(ProofOfGpuScheme.SchemeName);
        _context = GpuTableSettings.Apply(context, schemes, _options, configuration);
        _ = _scheme.ScoreRound([], _context);
        _time = time;
        _output = output;
        _lifetime = lifetime;
        _logger = logger;
        _book = new MinerBook(schemes.Decoder);
    }

    /// <summary>Why the worker stopped the host, if it did (e.g. the weights file could not be written).</summary>
    public Exception? Failure { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ValidateAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // Not rethrown: the host would log it with its stack trace. The caller prints one line and exits with 1.
            Failure = exception;
            _lifetime.StopApplication();
        }
    }

    private async Task ValidateAsync(CancellationToken stoppingToken)
    {
        var clock = new BlockClock(_time, _options.BlockTime);
        var cadence = new WeightCadence(_options.RateLimit);
        var settings = new WeightSettings { BurnUid = _options.BurnUid, MaxWeight = _options.MaxWeight };
        long? lastSet = null;
        _logger.Started(_options.BlockTime, _options.RateLimit, _options.BurnUid?.ToString(CultureInfo.InvariantCulture) ?? "none",
            string.Join(", ", _context.RuleSets.Versions(ProofOfGpuScheme.RuleSetId).Select(r => r.RuleSet.ToString())));
        if (_options.InputFolder is { Length: > 0 } folder && !Directory.Exists(folder))
            _logger.WaitingForFolder(folder);
        using var timer = new PeriodicTimer(_options.BlockTime, _time);
        do
        {
            // The block is read before the feed: results that arrive during this block count from the next one.
            long block = clock.CurrentBlock;
            foreach (var (origin, line) in _feed.ReadNew())
            {
                if (string.IsNullOrWhiteSpace(line))
                    continue;
                if (_book.Add(line) is { } rejection)
                    _logger.ResultRefused(origin, rejection);
            }
            if (!cadence.Check(block, lastSet).IsTime || (_book.Count == 0 && _options.BurnUid is null))
                continue;
            var round = (ProofOfGpuRound)_scheme.ScoreRound(_book.Reports, _context);
            SubnetWeights weights;
            try
            {
                weights = round.ToWeights(settings);
            }
            catch (ArgumentException e)
            {
                _logger.NoWeights(block, e.Message);
                continue;
            }
            lastSet = block;
            await PublishAsync(WeightSet.From(block, weights), round, stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task PublishAsync(WeightSet set, ProofOfGpuRound round, CancellationToken cancellationToken)
    {
        await _output.WriteLineAsync(
            $"block {set.Block}: {set.Mode} weights for {set.Uids.Count} uids ({round.Miners.Count(m => m.Status == MinerStatus.Scored)} of {round.Miners.Count} miners scored)").ConfigureAwait(false);
        for (int i = 0; i < set.EmissionUids.Count; i++)
        {
            int uid = set.EmissionUids[i];
            int index = IndexOf(set.Uids, uid);
            string weight = index < 0 ? "-" : set.Weights[index].ToString("R", CultureInfo.InvariantCulture);
            await _output.WriteLineAsync($"  uid {uid,5}  weight {weight,-12}  u16 {set.Emission[i],5}").ConfigureAwait(false);
        }
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
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
