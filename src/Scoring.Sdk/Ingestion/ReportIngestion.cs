using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scoring.Ledger;
using Scoring.Reports;

namespace Scoring.Ingestion;

/// <summary>
/// The ingestion pipeline: JSON Lines in, ledger entries out. Decodes in bounded memory, scores each batch with a
/// scheme's <see cref="IReportScorer"/>, and appends it to the ledger in one transaction; bad lines go to the rejects
/// sink and never stop the run. Decoding and scoring of the next batch overlap with writing the current one.
/// </summary>
/// <remarks>
/// Safety: each batch is one ledger transaction and the ledger ignores report ids it has seen, so a run killed at
/// any moment and started again on the same input loses no committed entry and counts none twice.
/// </remarks>
public sealed class ReportIngestion
{
    private readonly IngestionOptions _options;
    private readonly ScoringMetrics? _metrics;
    private readonly ILogger _logger;

    /// <summary>Creates a pipeline with the given options.</summary>
    public ReportIngestion(IOptions<IngestionOptions>? options = null)
        : this(options, null)
    {
    }

    /// <summary>Creates a pipeline that also reports each batch to <paramref name="metrics"/> and <paramref name="logger"/>.</summary>
    /// <param name="options">The options (defaults when null).</param>
    /// <param name="metrics">Receives scored, duplicate and rejected counts and the latency of each batch; may be null.</param>
    /// <param name="logger">Logs each batch (debug), a refused batch (error) and each run's counts (information); may be null.</param>
    public ReportIngestion(IOptions<IngestionOptions>? options, ScoringMetrics? metrics, ILogger<ReportIngestion>? logger = null)
    {
        _options = OptionsValidation.ThrowIfInvalid(options?.Value ?? new IngestionOptions());
        _metrics = metrics;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Runs the pipeline over a UTF-8 JSON Lines stream.</summary>
    /// <param name="input">The reports; read to the end, not disposed.</param>
    /// <param name="scorer">The scheme's scoring step.</param>
    /// <param name="ledger">Where scored reports are recorded.</param>
    /// <param name="rejects">Where rejected lines go (may be null: they are still counted).</param>
    /// <param name="progress">Receives progress after each committed batch.</param>
    /// <param name="cancellationToken">Stops the run after the batch being written.</param>
    /// <returns>The counts of the run.</returns>
    /// <exception cref="IngestionException">The ledger refused a batch (overflow, invalid posting); batches before it are committed.</exception>
    public async Task<IngestionSummary> RunAsync(
        Stream input,
        IReportScorer scorer,
        ILedgerStore ledger,
        IRejectSink? rejects = null,
        IProgress<IngestionProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(ledger);

        var clock = Stopwatch.StartNew();
        var channel = Channel.CreateBounded<PendingBatch>(new BoundedChannelOptions(_options.BatchesInFlight)
        {
            SingleReader = true,
            SingleWriter = true,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => Produce(input, scorer, channel.Writer, stop.Token), stop.Token);

        long read = 0, scored = 0, duplicates = 0, rejected = 0, entries = 0;
        var batchClock = Stopwatch.StartNew();
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                var appended = default(AppendResult);
                foreach (var rejection in batch.Rejections)
                {
                    rejects?.Write(rejection);
                }
                rejects?.Flush();
                if (batch.Reports.Count > 0)
                {
                    AppendResult result;
                    try
                    {
                        result = await ledger.AppendAsync(new LedgerBatch(batch.Reports), stop.Token).ConfigureAwait(false);
                    }
                    catch (Exception exception) when (exception is LedgerOverflowException or LedgerValidationException)
                    {
                        _logger.LogError(exception, "The ledger refused the batch of lines {FirstLine}..{LastLine} ({Scheme}).", batch.FirstLine, batch.LastLine, scorer.Scheme);
                        throw new IngestionException(
                            $"The ledger refused the batch of lines {batch.FirstLine}..{batch.LastLine}: {exception.Message} " +
                            $"Nothing of that batch was recorded; the {scored} reports before it are.",
                            new IngestionSummary(read, scored, duplicates, rejected, entries), exception);
                    }
                    scored += result.Appended;
                    // A conflict (a producer's id re-sent with other content) is skipped like a duplicate: both were
                    // recorded before and change nothing, which keeps Read = Scored + Duplicates + Rejected.
                    duplicates += result.Duplicates + result.Conflicts;
                    if (result.Conflicts > 0)
                        _logger.LogWarning("Lines {FirstLine}..{LastLine} ({Scheme}): {Conflicts} reports re-use a recorded report id with other content; they were skipped.",
                            batch.FirstLine, batch.LastLine, scorer.Scheme, result.Conflicts);
                    entries += result.Entries;
                    appended = result;
                }
                // The latency covers scoring and appending: the time since the previous batch was committed.
                var batchTime = batchClock.Elapsed;
                batchClock.Restart();
                _metrics?.RecordBatch(scorer.Scheme, appended.Appended, appended.Duplicates + appended.Conflicts, batch.Rejections.Count, batchTime);
                _logger.LogDebug("Batch of lines {FirstLine}..{LastLine}: {Appended} scored, {Duplicates} duplicates, {Rejected} rejected in {Milliseconds} ms.",
                    batch.FirstLine, batch.LastLine, appended.Appended, appended.Duplicates + appended.Conflicts, batch.Rejections.Count, batchTime.TotalMilliseconds);
                read += batch.LinesRead;
                rejected += batch.Rejections.Count;
                progress?.Report(new IngestionProgress(
                    new IngestionSummary(read, scored, duplicates, rejected, entries),
                    input.CanSeek ? SafePosition(input) : 0,
                    clock.Elapsed));
            }
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(producer).ConfigureAwait(false);
            throw;
        }
        await producer.ConfigureAwait(false);
        _logger.LogInformation("Ingested {Read} lines ({Scheme}): {Scored} scored, {Duplicates} duplicates, {Rejected} rejected, {Entries} entries.",
            read, scorer.Scheme, scored, duplicates, rejected, entries);
        return new IngestionSummary(read, scored, duplicates, rejected, entries);
    }

    private async Task Produce(Stream input, IReportScorer scorer, ChannelWriter<PendingBatch> writer, CancellationToken cancellationToken)
    {
        try
        {
            var reports = new List<ReportInput>(_options.BatchSize);
            var decodeRejections = new List<ReportRejection>();
            long firstLine = 0, lastLine = 0, lines = 0;
            foreach (var line in ReportDecoder.Decode(input))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (lines == 0)
                {
                    firstLine = line.LineNumber;
                }
                lastLine = line.LineNumber;
                lines++;
                if (line.IsReport)
                {
                    reports.Add(new ReportInput(line.LineNumber, line.Report));
                }
                else
                {
                    decodeRejections.Add(new ReportRejection(line.LineNumber, line.Error.Field, line.Error.Reason, line.RawText));
                }
                if (reports.Count == _options.BatchSize)
                {
                    await writer.WriteAsync(Score(scorer, reports, decodeRejections, firstLine, lastLine, lines), cancellationToken).ConfigureAwait(false);
                    reports = new List<ReportInput>(_options.BatchSize);
                    decodeRejections = [];
                    lines = 0;
                }
            }
            if (lines > 0)
            {
                await writer.WriteAsync(Score(scorer, reports, decodeRejections, firstLine, lastLine, lines), cancellationToken).ConfigureAwait(false);
            }

            var final = new ScoredBatch();
            scorer.Complete(final);
            if (final.Reports.Count > 0 || final.Rejections.Count > 0)
            {
                await writer.WriteAsync(new PendingBatch(final.Reports, final.Rejections, lastLine, lastLine, 0), cancellationToken).ConfigureAwait(false);
            }
            writer.Complete();
        }
        catch (Exception exception)
        {
            writer.Complete(exception);
        }
    }

    private static PendingBatch Score(IReportScorer scorer, List<ReportInput> reports, List<ReportRejection> decodeRejections, long firstLine, long lastLine, long lines)
    {
        var scored = new ScoredBatch();
        if (reports.Count > 0)
        {
            scorer.Score(reports, scored);
        }
        // Rejections in line order, whichever step made them, so the rejects file reads like the input.
        decodeRejections.AddRange(scored.Rejections);
        decodeRejections.Sort(static (a, b) => a.Line.CompareTo(b.Line));
        return new PendingBatch(scored.Reports, decodeRejections, firstLine, lastLine, lines);
    }

    private static long SafePosition(Stream stream)
    {
        try
        {
            return stream.Position;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private sealed record PendingBatch(
        IReadOnlyList<LedgerReport> Reports, IReadOnlyList<ReportRejection> Rejections, long FirstLine, long LastLine, long LinesRead);
}
