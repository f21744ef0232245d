using System.Text;
using Microsoft.Extensions.Options;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.Rules.Jobs;

namespace Jobs.Host;

/// <summary>
/// Tails the jobs file, scores each job with the jobs scheme, records it in the ledger and keeps per-wallet totals.
/// When a job of a later epoch arrives (or the host stops), the open epoch is closed: its NFT and stake boosts are
/// computed from the holdings snapshot, recorded, and the epoch's leaderboard is printed.
/// </summary>
/// <remarks>
/// Epochs follow report time (<c>Scoring:Jobs:EpochLength</c>, <c>EpochOrigin</c>). A job that arrives after its epoch
/// was closed still earns its job points, but that epoch's boosts were already decided and are not recomputed.
/// </remarks>
public sealed class JobsWorker(
    JobsScorer scorer,
    ILedgerStore ledger,
    IOptions<JobsOptions> jobsOptions,
    IOptions<JobsHostOptions> options,
    TimeProvider time,
    TextWriter output,
    ILogger<JobsWorker> logger) : BackgroundService
{
    private readonly JobEpochs _epochs = new(jobsOptions.Value);
    private readonly EpochLeaderboard _board = new();
    private long? _openEpoch;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var tail = new JobsFileTail(Path.GetFullPath(settings.JobsPath, Environment.CurrentDirectory));
        logger.LogInformation("Tailing {Path} every {Interval}.", settings.JobsPath, settings.PollInterval);
        using var timer = new PeriodicTimer(settings.PollInterval, time);
        try
        {
            do
            {
                await ScoreAsync(tail.ReadNew(), CancellationToken.None).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Stopping: whatever arrived is scored, and the open epoch is closed so its boosts and leaderboard are not lost.
        await ScoreAsync(tail.ReadNew(), CancellationToken.None).ConfigureAwait(false);
        await CloseEpochAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task ScoreAsync(IReadOnlyList<(long Line, string Text)> lines, CancellationToken cancellationToken)
    {
        var pending = new List<ReportInput>();
        foreach (var (number, text) in lines)
        {
            if (string.IsNullOrWhiteSpace(text))
                continue;
            var decoded = ReportDecoder.DecodeLine(Encoding.UTF8.GetBytes(text), number);
            if (decoded.Error is { } error)
            {
                logger.LogWarning("line {Line}, {Field}: {Reason}", number, error.Field, error.Reason);
                continue;
            }
            long epoch = _epochs.EpochOf(TimestampOf(decoded.Report!));
            if (_openEpoch is { } open && epoch > open)
            {
                await AppendAsync(Score(pending), cancellationToken).ConfigureAwait(false);
                pending.Clear();
                await CloseEpochAsync(cancellationToken).ConfigureAwait(false);
            }
            if (_openEpoch is null || epoch > _openEpoch)
                _openEpoch = epoch;
            pending.Add(new ReportInput(number, decoded.Report!));
        }
        await AppendAsync(Score(pending), cancellationToken).ConfigureAwait(false);
    }

    private ScoredBatch Score(List<ReportInput> reports)
    {
        var batch = new ScoredBatch();
        if (reports.Count > 0)
            scorer.Score(reports, batch);
        return batch;
    }

    private async Task CloseEpochAsync(CancellationToken cancellationToken)
    {
        if (_openEpoch is not { } epoch)
            return;
        var boosts = new ScoredBatch();
        scorer.Complete(boosts);
        await AppendAsync(boosts, cancellationToken).ConfigureAwait(false);
        var start = DateTimeOffset.UnixEpoch.AddSeconds(_epochs.StartOf(epoch));
        var end = DateTimeOffset.UnixEpoch.AddSeconds(_epochs.StartOf(epoch + 1));
        await output.WriteAsync(_board.Format(epoch, start, end, options.Value.Top)).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task AppendAsync(ScoredBatch batch, CancellationToken cancellationToken)
    {
        foreach (var rejection in batch.Rejections)
            logger.LogWarning("line {Line}, {Field}: {Reason}", rejection.Line, rejection.Field, rejection.Reason);
        if (batch.Reports.Count == 0)
            return;
        await ledger.AppendAsync(new LedgerBatch(batch.Reports), cancellationToken).ConfigureAwait(false);
        foreach (var report in batch.Reports)
            _board.Add(_epochs.EpochOf(report.ReportTime.ToUnixTimeMilliseconds() / 1000.0), report);
    }

    private static double TimestampOf(Report report) => report switch
    {
        ImageJobReport image => image.Timestamp,
        LlmJobReport llm => llm.Timestamp,
        _ => 0,
    };
}
