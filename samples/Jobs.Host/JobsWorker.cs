using System.Text;
using Microsoft.Extensions.Options;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Rules.Jobs;
using Scoring.Schemes;

namespace Jobs.Host;

/// <summary>
/// Tails the jobs file and feeds each poll's new lines through the ingestion pipeline with the jobs scheme, one run per
/// poll, never settling while it runs. Epochs close by the scheme's own rule — a job at or after an epoch's end plus
/// <c>Scoring:Jobs:EpochGrace</c> — or, when the host stops, by a final settle; after each run the worker reads the
/// scheme's watermark and prints the leaderboard of every epoch it closed.
/// </summary>
/// <remarks>
/// Everything is in the ledger: job entries, boosts, the open epochs' earnings and the watermark, each batch in one
/// transaction. A restarted host reads the file from the start again: the lines already recorded are duplicates.
/// </remarks>
public sealed class JobsWorker : BackgroundService, IStoppableWorker
{
    private readonly SchemeRegistry _schemes;
    private readonly JobsScheme _scheme;
    private readonly SchemeScorer _scorer;
    private readonly ReportIngestion _ingestion;
    private readonly ILedgerStore _ledger;
    private readonly JobsHostOptions _options;
    private readonly TimeProvider _time;
    private readonly TextWriter _output;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<JobsWorker> _logger;
    private long _closedThrough;

    /// <summary>Creates the worker and the jobs scheme's scorer with the rule sets in force (a rule set it cannot use fails here, at start).</summary>
    public JobsWorker(SchemeRegistry schemes, SchemeContext context, ReportIngestion ingestion, ILedgerStore ledger, IOptions<JobsHostOptions> options,
        TimeProvider time, TextWriter output, IHostApplicationLifetime lifetime, ILogger<JobsWorker> logger)
    {
        _schemes = schemes;
        _scheme = (JobsScheme)schemes.Get(JobsScheme.SchemeName);
        _scorer = _scheme.CreateScorer(context);
        _ingestion = ingestion;
        _ledger = ledger;
        _options = options.Value;
        _time = time;
        _output = output;
        _lifetime = lifetime;
        _logger = logger;
    }

    /// <summary>Why the worker stopped the host, if it did: the ledger refused a batch, or the file or ledger could not be read.</summary>
    public Exception? Failure { get; private set; }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Epochs closed before this start were printed then.
            _closedThrough = await ClosedEpochs.ThroughAsync(_ledger, CancellationToken.None).ConfigureAwait(false);
            var tail = new GrowingFile(_options.JobsPath);
            _logger.Tailing(_options.JobsPath, _options.PollInterval, _closedThrough);
            if (!File.Exists(_options.JobsPath))
                _logger.WaitingForFile(_options.JobsPath);
            using var timer = new PeriodicTimer(_options.PollInterval, _time);
            try
            {
                do
                {
                    await DrainAsync(tail).ConfigureAwait(false);
                }
                while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            // Stopping: whatever arrived is scored, then (by default) the open epochs close, so their boosts and leaderboards are not lost.
            await DrainAsync(tail).ConfigureAwait(false);
            if (_options.SettleOnStop)
                await IngestAsync([], settle: true).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Not rethrown: the host would log it with its stack trace. The caller prints one line and exits with 1.
            Failure = exception;
            _lifetime.StopApplication();
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _scorer.Dispose();
        base.Dispose();
    }

    /// <summary>Scores what the file holds beyond what was read, one bounded read (one pipeline run) at a time.</summary>
    private async Task DrainAsync(GrowingFile tail)
    {
        while (tail.ReadNew() is { Count: > 0 } lines)
            await IngestAsync(lines, settle: false).ConfigureAwait(false);
    }

    /// <summary>One pipeline run over <paramref name="lines"/> (consecutive lines of the file), then the leaderboards of the epochs it closed.</summary>
    private async Task IngestAsync(IReadOnlyList<(long Line, string Text)> lines, bool settle)
    {
        if (lines.Count == 0 && !settle)
            return;
        var text = new StringBuilder();
        foreach (var (_, line) in lines)
            text.Append(line).Append('\n');
        long firstLine = lines.Count > 0 ? lines[0].Line : 1;
        var refused = new FileLines(_options.JobsPath, firstLine - 1, _logger);
        // The poll's lines go in whole, whatever the stop token says: they are committed batch by batch, and a run cut
        // short would leave the rest to the next start.
        await _ingestion.RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()), writable: false), _schemes.Decoder, _scorer, _ledger,
            refused, settle: settle, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        long closed = await ClosedEpochs.ThroughAsync(_ledger, CancellationToken.None).ConfigureAwait(false);
        if (closed > _closedThrough)
        {
            await PrintAsync(_closedThrough + 1, closed).ConfigureAwait(false);
            _closedThrough = closed;
        }
    }

    /// <summary>Prints the leaderboard of every epoch from <paramref name="first"/> to <paramref name="last"/> that has entries.</summary>
    private async Task PrintAsync(long first, long last)
    {
        var window = new LedgerWindow(EpochStart(first), EpochStart(last + 1));
        var epochs = new SortedDictionary<long, EpochLeaderboard>();
        foreach (var currency in new[] { JobsScheme.LlamaCurrency, JobsScheme.WaifuCurrency })
        {
            long after = 0;
            while (true)
            {
                int count = 0;
                await foreach (var entry in _ledger.ListEntriesAsync(new EntryQuery { Scheme = currency, Window = window, AfterSequence = after }).ConfigureAwait(false))
                {
                    count++;
                    after = entry.Sequence;
                    long epoch = _scheme.Epochs.EpochOf((entry.ReportTime - DateTimeOffset.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond);
                    if (!epochs.TryGetValue(epoch, out var board))
                        epochs[epoch] = board = new EpochLeaderboard();
                    board.Add(entry);
                }
                if (count < new EntryQuery().Limit)
                    break;
            }
        }
        foreach (var (epoch, board) in epochs)
            await _output.WriteAsync(board.Format(epoch, EpochStart(epoch), EpochStart(epoch + 1), _options.Top)).ConfigureAwait(false);
        await _output.FlushAsync().ConfigureAwait(false);
    }

    private DateTimeOffset EpochStart(long epoch) => DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(_scheme.Epochs.StartOf(epoch) * 1e6) * TimeSpan.TicksPerMicrosecond);

    /// <summary>Logs each refused line with its line number in the file (a run numbers the lines it is given from 1).</summary>
    private sealed class FileLines(string path, long offset, ILogger logger) : IRejectSink
    {
        public void Write(ReportRejection rejection) =>
            logger.LineRefused(path, rejection.Line + offset, rejection.Kind, rejection.Field, rejection.Reason);

        public void Flush()
        {
        }
    }
}
