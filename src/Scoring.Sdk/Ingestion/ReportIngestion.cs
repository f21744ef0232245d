using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scoring.Diagnostics;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.Reports.Columns;
using Scoring.Schemes;

namespace Scoring.Ingestion;

/// <summary>
/// The ingestion pipeline: JSON Lines in, ledger entries out. Decodes in bounded memory; then, per batch and inside
/// one ledger write transaction, drops the reports the ledger already holds (duplicates, and conflicting re-sends of
/// an id), lets the scheme score the new ones against its durable state, records their keys, appends the entries and
/// writes the state back. Bad lines go to the rejects sink and never stop the run. Decoding the next batch, and
/// computing its reports' keys (currency, content hash), overlaps with writing the current one.
/// </summary>
/// <remarks>
/// Safety: a batch is one transaction covering keys, entries and scheme state, so a run killed at any moment and
/// started again on the same input loses no committed entry, counts none twice and pays no work twice; two writers on
/// one ledger take turns, and the ledger is a function of the accepted reports (docs/schemes.md, "Watermarks").
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
    /// <param name="metrics">Receives each batch's counts by outcome, its entries and its duration; may be null.</param>
    /// <param name="logger">Logs each batch (debug), a refused batch (error) and each run's counts (information); may be null.</param>
    public ReportIngestion(IOptions<IngestionOptions>? options, ScoringMetrics? metrics, ILogger<ReportIngestion>? logger = null)
    {
        _options = OptionsValidation.ThrowIfInvalid(options?.Value ?? new IngestionOptions());
        _metrics = metrics;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Runs the pipeline over a UTF-8 JSON Lines stream.</summary>
    /// <param name="input">The reports; read to the end, not disposed.</param>
    /// <param name="decoder">Decodes lines (normally every registered report type, so a line of another scheme gets a clear reason).</param>
    /// <param name="scorer">The scheme's scoring step.</param>
    /// <param name="ledger">Where scored reports are recorded.</param>
    /// <param name="rejects">Where refused lines go (may be null: they are still counted).</param>
    /// <param name="settle">
    /// Whether to settle the scheme at the end (<see cref="SchemeScorer.SettleAsync"/>): the input is complete, so
    /// what a reorder window or an open epoch holds is paid now, and later reports at or before the watermark are late.
    /// False leaves them open for the next run or request.
    /// </param>
    /// <param name="progress">Receives progress after each committed batch.</param>
    /// <param name="admit">
    /// A host's own admission rule, checked on every decoded report before anything else (e.g. "the report is the signed
    /// peer's"): null admits it, else the field and reason it is rejected with.
    /// </param>
    /// <param name="cancellationToken">Stops the run after the batch being written.</param>
    /// <returns>The counts of the run.</returns>
    /// <exception cref="IngestionException">The ledger refused a batch (overflow, invalid posting); batches before it are committed.</exception>
    public async Task<IngestionSummary> RunAsync(
        Stream input,
        ReportDecoder decoder,
        SchemeScorer scorer,
        ILedgerStore ledger,
        IRejectSink? rejects = null,
        bool settle = true,
        IProgress<IngestionProgress>? progress = null,
        Func<Report, (string Field, string Reason)?>? admit = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(ledger);

        var scheme = scorer.Scheme;
        var clock = Stopwatch.StartNew();
        var committed = await CommittedKeysOf(ledger, cancellationToken).ConfigureAwait(false);
        var channel = Channel.CreateUnbounded<PendingBatch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        // A committed batch's report lists go back to the decoding side for a later batch (KeyedSegments.Clear).
        var spare = new ConcurrentBag<KeyedSegments>();
        var writing = new WriterActivity();
        // Batches in flight: the decoding thread takes room before it starts a batch, the writer gives it back as it takes
        // one. A batch with nothing for the writer (every report found committed or refused while decoding) holds no reports
        // and gives its room back as it is handed over: a replay is not held back by a writer that is slow only to be scheduled.
        using var room = new SemaphoreSlim(_options.BatchesInFlight, _options.BatchesInFlight);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Decoding is synchronous CPU work over a synchronous stream, so it gets a thread of its own that waits for room
        // when the writer is behind. As an async loop on the thread pool its continuations ran on the writer's thread
        // too: of 1 M swarm reports, the writer thread spent 12.5 s of CPU with them and 10.5 s without.
        var producer = Task.Factory.StartNew(() => Produce(input, decoder, scheme, admit, committed, writing, spare, channel.Writer, room, stop.Token),
            stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var total = IngestionSummary.Empty;
        var batchClock = Stopwatch.StartNew();
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                if (batch.ForWriter)
                    room.Release();
                writing.Busy = batch.ForWriter;
                var outcome = await WriteAsync(ledger, batch, scorer, settleOnly: false, total, stop.Token).ConfigureAwait(false);
                writing.Busy = false;
                total += Report(outcome, batch, rejects, scheme, Lap(batchClock));
                batch.Reports.Clear();
                spare.Add(batch.Reports);
                progress?.Report(new IngestionProgress(total, input.CanSeek ? SafePosition(input) : 0, clock.Elapsed));
            }
            await producer.ConfigureAwait(false);
            if (settle)
            {
                var final = new PendingBatch(new KeyedSegments(0), [], 0, 0, 0, 0);
                var outcome = await WriteAsync(ledger, final, scorer, settleOnly: true, total, stop.Token).ConfigureAwait(false);
                total += Report(outcome, final, rejects, scheme, Lap(batchClock));
            }
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(producer).ConfigureAwait(false);
            throw;
        }
        _logger.Ingested(total.Read, scheme.Name, total.Scored, total.Duplicates, total.Conflicts, total.Late, total.Rejected, total.Entries);
        return total;
    }

    /// <summary>
    /// Scores several inputs in one ledger transaction (group commit): a host that receives many small requests at once
    /// (the swarm dashboard's bodies) pays one transaction's fixed cost — its begin and commit, the pages it writes, the
    /// scheme state it loads and stores — for the group instead of for each request. Each input is decoded whole before
    /// the transaction starts; the group's reports are then scored as one batch of them in input order would be (one
    /// sequence of segments, cut only where a report id repeats), so a group of small inputs costs what one batch of
    /// their reports costs, and every report's verdict is the one it gets when each input is its own
    /// <see cref="RunAsync"/> call in that order. Each input is recorded whole or not at all: when the ledger refuses the
    /// group (a total would overflow), every input is written again in its own transaction, so only the input at fault
    /// is refused. The scheme is not settled.
    /// </summary>
    /// <remarks>
    /// Each input's counts are its own reports' (accepted, duplicates, conflicts, late, rejected, with its own line
    /// numbers). Its <see cref="IngestionSummary.Entries"/> are the entries appended for its own reports; the entries a
    /// scheme posts for other reports — ones its reorder window held since an earlier transaction, ones it makes itself
    /// (an epoch's boost) — are counted to the group's first input, so the inputs' entries add up to the transaction's.
    /// Alone in a transaction, an input counts them all, as a batch does; in a group, the entries of a report held back
    /// by one input and paid when a later input's report arrives are counted to the input that sent the report.
    /// </remarks>
    /// <param name="inputs">The inputs, in the order their reports reach the scheme.</param>
    /// <param name="decoder">Decodes lines.</param>
    /// <param name="scorer">The scheme's scoring step; one group at a time.</param>
    /// <param name="ledger">Where scored reports are recorded.</param>
    /// <param name="cancellationToken">Stops the group before it commits: then nothing of it is recorded.</param>
    /// <returns>One outcome per input, in order.</returns>
    public async Task<IReadOnlyList<IngestionOutcome>> RunGroupAsync(
        IReadOnlyList<IngestionInput> inputs, ReportDecoder decoder, SchemeScorer scorer, ILedgerStore ledger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(ledger);

        var scheme = scorer.Scheme;
        HashSet<string>? owned = null;
        var batches = new PendingBatch[inputs.Count];
        for (int i = 0; i < inputs.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(inputs[i], nameof(inputs));
            batches[i] = inputs[i].PreparedFor(decoder, scheme) ?? Decode(inputs[i], decoder, scheme, owned ??= OwnedTypes(scheme), cancellationToken);
        }

        var clock = Stopwatch.StartNew();
        var outcomes = new IngestionOutcome[inputs.Count];
        if (batches.Length > 1 && await TryWriteGroupAsync(ledger, batches, inputs, scorer, cancellationToken).ConfigureAwait(false) is { } together)
        {
            var elapsed = clock.Elapsed;
            for (int i = 0; i < batches.Length; i++)
                outcomes[i] = new IngestionOutcome(Report(together[i], batches[i], inputs[i].Rejects, scheme, elapsed), null);
            return outcomes;
        }
        for (int i = 0; i < batches.Length; i++)
        {
            try
            {
                var outcome = await WriteAsync(ledger, batches[i], scorer, settleOnly: false, IngestionSummary.Empty, cancellationToken, inputs[i].Caller).ConfigureAwait(false);
                outcomes[i] = new IngestionOutcome(Report(outcome, batches[i], inputs[i].Rejects, scheme, Lap(clock)), null);
            }
            catch (IngestionException refused)
            {
                outcomes[i] = new IngestionOutcome(IngestionSummary.Empty, refused);
            }
        }
        return outcomes;
    }

    /// <summary>
    /// Decodes and keys <paramref name="input"/> now, on the calling thread, for a later <see cref="RunGroupAsync"/> with
    /// the same decoder and scheme: a host that receives requests on many threads prepares each on its own request's
    /// thread, so the one loop that writes groups only classifies, scores and records (decoding, content hashes and the
    /// admission rule were about a tenth of the managed time of the swarm dashboard's writing loop). The input's stream
    /// is read to the end; the outcome is exactly that of an input decoded by <see cref="RunGroupAsync"/> itself, and the
    /// prepared reports are kept for a retry of the group. Thread-safe: inputs may be prepared concurrently.
    /// </summary>
    /// <param name="input">The input; preparing it again decodes it again from the stream's current position.</param>
    /// <param name="decoder">The decoder the group will be run with.</param>
    /// <param name="scheme">The scheme of the scorer the group will be run with.</param>
    /// <param name="cancellationToken">Stops decoding; the input is then left unprepared.</param>
    public void Prepare(IngestionInput input, ReportDecoder decoder, PointsScheme scheme, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(scheme);
        input.SetPrepared(decoder, scheme, Decode(input, decoder, scheme, OwnedTypes(scheme), cancellationToken));
    }

    /// <summary>An input's reports keyed, and its refused lines: whole, since an input is one request, recorded whole or not at all, so BatchSize does not cut it.</summary>
    private PendingBatch Decode(IngestionInput input, ReportDecoder decoder, PointsScheme scheme, IReadOnlySet<string> owned, CancellationToken cancellationToken)
    {
        var builder = new BatchBuilder(scheme, owned, input.Admit, new KeyedSegments(InputCapacity(input.Utf8Lines)));
        foreach (var line in decoder.Decode(input.Utf8Lines))
        {
            cancellationToken.ThrowIfCancellationRequested();
            builder.Add(line);
        }
        return builder.Build();
    }

    /// <summary>The group's transaction; null when the ledger refused it (nothing of it is recorded, each input is then tried alone).</summary>
    private async Task<BatchOutcome[]?> TryWriteGroupAsync(ILedgerStore ledger, PendingBatch[] batches, IReadOnlyList<IngestionInput> inputs, SchemeScorer scorer, CancellationToken cancellationToken)
    {
        long lines = batches.Sum(b => b.LinesRead);
        var callers = inputs.Where(i => i.Caller != default).Select(i => new ActivityLink(i.Caller)).ToList();
        var group = KeyedGroup.Merge(batches.Select(b => b.Segments).ToList());
        try
        {
            return await CommitAsync(ledger, group, scorer, settleOnly: false, 1, lines, lines, batches.Sum(b => b.Rejections.Count), 0, default, callers, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is LedgerOverflowException or LedgerValidationException)
        {
            _logger.GroupRefused(batches.Length, scorer.Scheme.Name, exception.Message);
            return null;
        }
    }

    /// <summary>One batch's transaction: classify, score, record, append, write state.</summary>
    private async Task<BatchOutcome> WriteAsync(ILedgerStore ledger, PendingBatch batch, SchemeScorer scorer, bool settleOnly, IngestionSummary before, CancellationToken cancellationToken,
        ActivityContext caller = default)
    {
        try
        {
            var group = settleOnly ? KeyedGroup.Settling : KeyedGroup.Single(batch.Segments);
            var outcomes = await CommitAsync(ledger, group, scorer, settleOnly, batch.FirstLine, batch.LastLine, batch.LinesRead, batch.Rejections.Count,
                batch.CommittedDuplicates, caller, null, cancellationToken).ConfigureAwait(false);
            return outcomes[0] with { Duplicates = outcomes[0].Duplicates + batch.CommittedDuplicates };
        }
        catch (Exception exception) when (exception is LedgerOverflowException or LedgerValidationException)
        {
            _logger.BatchRefused(exception, batch.FirstLine, batch.LastLine, scorer.Scheme.Name);
            string which = settleOnly ? "the entries settled at the end of the input" : $"the batch of lines {batch.FirstLine}..{batch.LastLine}";
            throw new IngestionException(
                $"The ledger refused {which}: {exception.Message} Nothing of that batch was recorded; the {before.Scored} reports before it are.",
                before, exception);
        }
    }

    /// <summary>
    /// One ledger transaction over <paramref name="group"/>, under one ingest span (the child of <paramref name="caller"/>,
    /// or linked to <paramref name="links"/>), with one outcome per input of the group; a refusal of the ledger passes through.
    /// </summary>
    private static async Task<BatchOutcome[]> CommitAsync(ILedgerStore ledger, KeyedGroup group, SchemeScorer scorer, bool settleOnly,
        long firstLine, long lastLine, long linesRead, int decodingRejections, int decodingDuplicates, ActivityContext caller, IEnumerable<ActivityLink>? links,
        CancellationToken cancellationToken)
    {
        using var activity = ScoringActivities.StartIngestBatch(scorer.Scheme.Name, ledger, firstLine, lastLine, linesRead, settleOnly, caller, links);
        try
        {
            // Nothing for the writer (every line was refused while decoding, or found committed, as in a replay): no
            // transaction, whose begin and commit would take the ledger's write lock for nothing.
            var outcomes = !settleOnly && !KeyedSegment.AnyReports(group.Segments)
                ? Enumerable.Repeat(BatchOutcome.None, group.Inputs).ToArray()
                : await ledger.WriteAsync((transaction, token) => ScoreAsync(transaction, group, scorer, settleOnly, token), cancellationToken)
                    .ConfigureAwait(false);
            ScoringActivities.Committed(activity, outcomes.Sum(o => o.Accepted), decodingDuplicates + outcomes.Sum(o => o.Duplicates),
                decodingRejections + outcomes.Sum(o => o.Rejections.Count), outcomes.Sum(o => o.Entries));
            return outcomes;
        }
        catch (Exception exception) when (ScoringActivities.Failed(activity, exception))
        {
            throw; // not reached: the filter records the failure on the span and lets the exception pass
        }
    }

    /// <summary>Scores a group's segments in order, one step each, and counts every outcome to the input it belongs to.</summary>
    private static async ValueTask<BatchOutcome[]> ScoreAsync(ILedgerTransaction transaction, KeyedGroup group, SchemeScorer scorer, bool settleOnly, CancellationToken cancellationToken)
    {
        // Made afresh on every call: a store that retries the transaction runs it again from the start.
        var outcomes = new InputOutcomes(group.Inputs);
        for (int s = 0; s < group.Segments.Count; s++)
            await ScoreSegmentAsync(transaction, group, s, scorer, settleOnly, outcomes, cancellationToken).ConfigureAwait(false);
        var each = new BatchOutcome[group.Inputs];
        for (int i = 0; i < each.Length; i++)
            each[i] = new BatchOutcome(outcomes.Accepted(i), outcomes.Duplicates(i), outcomes.Entries(i), outcomes.Rejections(i));
        return each;
    }

    /// <summary>
    /// Classifies, scores, records and appends the reports of segment <paramref name="index"/> (no two share an id);
    /// writes the scheme state back.
    /// </summary>
    private static async ValueTask ScoreSegmentAsync(
        ILedgerTransaction transaction, KeyedGroup group, int index, SchemeScorer scorer, bool settleOnly, InputOutcomes outcomes, CancellationToken cancellationToken)
    {
        var scheme = scorer.Scheme;
        var (reports, keys) = group.Segments[index];
        // The segment's own lists while every report is new (a file of new reports): copies only when some are not. Each
        // list of a batch is a large array, and every one made counts toward a full collection.
        IReadOnlyList<ReportInput> fresh = reports;
        IReadOnlyList<ReportKey> freshKeys = keys;
        List<int>? freshAt = null; // each fresh report's position in the segment, when not all are fresh
        if (reports.Count > 0)
        {
            var statuses = await LedgerTransaction.ClassifyDistinctAsync(transaction, keys, cancellationToken).ConfigureAwait(false);
            if (Array.Exists(statuses, status => status != ReportKeyStatus.New))
                (fresh, freshKeys, freshAt) = FreshOnly(group, index, statuses, outcomes);
        }

        var schemeBatch = new SchemeBatch(scheme, fresh, transaction);
        if (settleOnly)
            await scorer.SettleAsync(schemeBatch, cancellationToken).ConfigureAwait(false);
        else if (fresh.Count > 0)
            await scorer.ScoreAsync(schemeBatch, cancellationToken).ConfigureAwait(false);

        // Every fresh report the scheme did not reject is accepted: its keys are the fresh ones when it rejected none.
        var acceptedOnly = schemeBatch.RejectedCount > 0 ? new List<ReportKey>(freshKeys.Count) : null;
        for (int i = 0; i < fresh.Count; i++)
        {
            if (schemeBatch.IsRejected(i))
                continue;
            acceptedOnly?.Add(freshKeys[i]);
            outcomes.Accept(group.InputOf(index, freshAt?[i] ?? i), freshKeys[i]);
        }
        var accepted = acceptedOnly ?? freshKeys;
        foreach (var (at, field, reason, late) in schemeBatch.Rejections)
        {
            var (line, report) = fresh[at];
            outcomes.Refuse(group.InputOf(index, freshAt?[at] ?? at), new ReportRejection(line, field, reason, report.ReportType.ToJson(report)) { Kind = late ? RejectionKind.Late : RejectionKind.Rejected });
        }
        using var append = ScoringActivities.StartLedgerAppend(scheme.Name, accepted.Count);
        if (accepted.Count > 0)
            await LedgerTransaction.RecordDistinctAsync(transaction, accepted, cancellationToken).ConfigureAwait(false);
        // The scheme's own list when it posted nothing once (a batch's list of posts is a large array: no copy of it).
        var once = await NewOnlyAsync(transaction, schemeBatch.PostsOnce, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<LedgerReport> posts = once.Count == 0 ? schemeBatch.Posts : [.. schemeBatch.Posts, .. once];
        int entries = posts.Count > 0
            ? await transaction.AppendEntriesAsync(posts, cancellationToken).ConfigureAwait(false)
            : 0;
        outcomes.Appended(posts, entries);
        await schemeBatch.State.FlushAsync(cancellationToken).ConfigureAwait(false);
        ScoringActivities.Appended(append, entries);
    }

    /// <summary>
    /// The reports of segment <paramref name="index"/> the ledger does not hold yet, with their keys and positions; the
    /// others are counted as duplicates or refused as conflicts.
    /// </summary>
    private static (List<ReportInput> Fresh, List<ReportKey> Keys, List<int> At) FreshOnly(KeyedGroup group, int index, ReportKeyStatus[] statuses, InputOutcomes outcomes)
    {
        var (reports, keys) = group.Segments[index];
        var fresh = new List<ReportInput>(reports.Count);
        var freshKeys = new List<ReportKey>(reports.Count);
        var at = new List<int>(reports.Count);
        for (int i = 0; i < statuses.Length; i++)
        {
            switch (statuses[i])
            {
                case ReportKeyStatus.New:
                    fresh.Add(reports[i]);
                    freshKeys.Add(keys[i]);
                    at.Add(i);
                    break;
                case ReportKeyStatus.Duplicate:
                    outcomes.Duplicate(group.InputOf(index, i));
                    break;
                default:
                    outcomes.Refuse(group.InputOf(index, i), Conflict(reports[i]));
                    break;
            }
        }
        return (fresh, freshKeys, at);
    }

    /// <summary>The refusal of a report whose id its producer sent before with other content.</summary>
    private static ReportRejection Conflict(ReportInput input) =>
        new(input.LineNumber, "$",
            $"conflict: '{input.Report.Producer}' sent report id '{input.Report.Id}' before with different content; a re-sent report must be identical, new work needs a new id",
            input.Report.ReportType.ToJson(input.Report)) { Kind = RejectionKind.Conflict };

    /// <summary>
    /// The reader of the ledger's committed keys, when the store has one (<see cref="ICommittedKeysSource"/>): a deferred
    /// store is opened here, as its first write would open it.
    /// </summary>
    private static async ValueTask<ICommittedKeysSource?> CommittedKeysOf(ILedgerStore ledger, CancellationToken cancellationToken) =>
        (ledger is DeferredLedgerStore deferred ? await deferred.OpenAsync(cancellationToken).ConfigureAwait(false) : ledger) as ICommittedKeysSource;

    /// <summary>The reports among <paramref name="reports"/> whose key the ledger does not hold yet, with their keys recorded.</summary>
    private static async ValueTask<IReadOnlyList<LedgerReport>> NewOnlyAsync(ILedgerTransaction transaction, IReadOnlyList<LedgerReport> reports, CancellationToken cancellationToken)
    {
        if (reports.Count == 0)
            return [];
        var keys = reports.Select(ReportKey.Of).ToArray();
        var statuses = await transaction.ClassifyAsync(keys, cancellationToken).ConfigureAwait(false);
        var fresh = new List<LedgerReport>();
        var freshKeys = new List<ReportKey>();
        for (int i = 0; i < keys.Length; i++)
        {
            if (statuses[i] != ReportKeyStatus.New)
                continue;
            fresh.Add(reports[i]);
            freshKeys.Add(keys[i]);
        }
        if (freshKeys.Count > 0)
            await transaction.RecordAsync(freshKeys, cancellationToken).ConfigureAwait(false);
        return fresh;
    }

    /// <summary>Writes a committed batch's refusals in line order and counts it.</summary>
    private IngestionSummary Report(BatchOutcome outcome, PendingBatch batch, IRejectSink? rejects, Scheme scheme, TimeSpan batchTime)
    {
        var refused = batch.Rejections.Concat(outcome.Rejections).OrderBy(r => r.Line).ToList();
        if (rejects is not null && refused.Count > 0)
        {
            foreach (var rejection in refused)
                rejects.Write(rejection);
            rejects.Flush();
        }
        long conflicts = refused.Count(r => r.Kind == RejectionKind.Conflict);
        long late = refused.Count(r => r.Kind == RejectionKind.Late);
        long rejected = refused.Count - conflicts - late;
        var summary = new IngestionSummary(batch.LinesRead, outcome.Accepted, outcome.Duplicates, conflicts, late, rejected, outcome.Entries);
        _metrics?.RecordBatch(scheme.Name, summary, batchTime);
        _logger.BatchCommitted(batch.FirstLine, batch.LastLine, outcome.Accepted, outcome.Duplicates, refused.Count, outcome.Entries, batchTime.TotalMilliseconds);
        return summary;
    }

    /// <summary>The time since the previous batch was committed (scoring and appending), and a new lap.</summary>
    private static TimeSpan Lap(Stopwatch clock)
    {
        var elapsed = clock.Elapsed;
        clock.Restart();
        return elapsed;
    }

    // Rows reserved when a batch starts: its lists grow as lines arrive (four doublings to the default 10,000), so a huge
    // BatchSize — a host that makes a whole request body one batch — costs what the body's lines use, not what the
    // batch could hold (a million rows reserved per request was most of the dashboard's CPU under load).
    private int BatchCapacity => Math.Min(_options.BatchSize, 1_024);

    // A group's input is usually a small request: rows for one report per 64 bytes of it (a report line is longer), so
    // a body of 10 reports does not reserve, and clear, the 48 KB of a batch's first 1,024 rows.
    private int InputCapacity(Stream input) => input.CanSeek ? (int)Math.Clamp(input.Length / 64 + 1, 1, BatchCapacity) : BatchCapacity;

    private void Produce(Stream input, ReportDecoder decoder, PointsScheme scheme, Func<Report, (string Field, string Reason)?>? admit,
        ICommittedKeysSource? committed, WriterActivity writing, ConcurrentBag<KeyedSegments> spare, ChannelWriter<PendingBatch> writer, SemaphoreSlim room,
        CancellationToken cancellationToken)
    {
        // One committed-key reader per decoding worker (each block takes one and gives it back), closed at the end.
        var readers = new ConcurrentBag<ICommittedKeys>();
        try
        {
            // Lines are decoded into columns and made into keyed reports by the decoder's workers (KeyedLine.Of); this
            // thread only cuts them into batches in input order and runs the admission rule, one report at a time.
            // By default one core is left to the writer while it scores a batch, which bounds a run of new reports: with a
            // worker per core the writer shared its core with decoding (1 M new jobs reports on 2 cores: 15.8 s against
            // 13.7 s with one worker; bench/README.md, "third pass"). While it has nothing to score, as in a replay whose
            // reports are found committed right here, every core decodes ("fourth pass").
            int workers = _options.DecodeWorkers > 0 ? _options.DecodeWorkers : Environment.ProcessorCount;
            Func<int> workersNow = _options.DecodeWorkers > 0
                ? () => workers
                : () => writing.Busy ? Math.Max(1, workers - 1) : workers;
            var columnar = new ColumnarReportDecoder(decoder, workers);
            var owned = OwnedTypes(scheme);
            var batch = NextBatch(owned);
            // A report the ledger has already committed (a replayed file, a restart) is found on the worker that decoded
            // it and counted there: it never reaches the writer, whose classification was most of a replay's cost.
            foreach (var block in columnar.Decode(input, block => Keyed(block, owned), workersNow))
            {
                foreach (var line in block)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (batch.Lines == 0)
                        room.Wait(cancellationToken); // the batch's room, taken before its first line
                    batch.Add(line);
                    if (batch.Reports == _options.BatchSize)
                    {
                        Send(batch.Build());
                        batch = NextBatch(owned);
                    }
                }
                KeyedLine.Return(block);
            }
            if (batch.Lines > 0)
                Send(batch.Build());
            writer.Complete();
        }
        catch (Exception exception)
        {
            writer.Complete(exception);
        }
        finally
        {
            foreach (var reader in readers)
                reader.Dispose();
        }

        BatchBuilder NextBatch(IReadOnlySet<string> owned) => new(scheme, owned, admit, spare.TryTake(out var reused) ? reused : new KeyedSegments(BatchCapacity));

        ArraySegment<KeyedLine> Keyed(ReportBlock block, IReadOnlySet<string> owned)
        {
            if (committed is null)
                return KeyedLine.Of(block, scheme, owned);
            var reader = readers.TryTake(out var free) ? free : committed.OpenCommittedKeys();
            try
            {
                return KeyedLine.Of(block, scheme, owned, reader);
            }
            finally
            {
                readers.Add(reader);
            }
        }

        // A batch takes its room before its first line, not once it is full: a batch decoded while the writer was still
        // behind lived through two commits, long enough for the GC to promote its reports to the oldest generation, where
        // they died; most collections were then full ones (bench/README.md, "seventh pass").
        void Send(PendingBatch pending)
        {
            if (!pending.ForWriter)
                room.Release();
            writer.TryWrite(pending); // unbounded: room is what bounds it
        }
    }

    /// <summary>The names of the report types <paramref name="scheme"/> scores.</summary>
    private static HashSet<string> OwnedTypes(PointsScheme scheme) => scheme.ReportTypes.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Collects a batch's decoded lines: a report the scheme owns and the host admits is keyed into its segments
    /// (<see cref="KeyedSegments"/>), any other line becomes a rejection with its reason.
    /// </summary>
    /// <param name="scheme">The scheme the batch is for.</param>
    /// <param name="owned">The names of the scheme's report types (<see cref="OwnedTypes"/>), made once per run.</param>
    /// <param name="admit">The host's admission rule, or null.</param>
    /// <param name="reports">Where the batch's reports go (empty: new, or cleared after an earlier batch).</param>
    private sealed class BatchBuilder(PointsScheme scheme, IReadOnlySet<string> owned, Func<Report, (string Field, string Reason)?>? admit, KeyedSegments reports)
    {
        private readonly KeyedSegments _reports = reports;
        private readonly List<ReportRejection> _rejections = [];
        private long _firstLine, _lastLine;
        private int _committed, _committedDuplicates;

        /// <summary>Reports collected: for the writer, and those the ledger had committed (which count to the batch's size, so a replay still commits and reports progress batch by batch).</summary>
        public int Reports => _reports.Count + _committed;

        /// <summary>Non-blank lines collected.</summary>
        public long Lines { get; private set; }

        /// <summary>Adds a line of the object decoder, keying it here.</summary>
        public void Add(DecodedLine line) =>
            Add(new KeyedLine(line, line.IsReport && owned.Contains(line.Report.Type) ? KeyedLine.KeyOf(scheme, line.Report) : null));

        /// <summary>Adds a line keyed on the decoding side (no key: not a report of the scheme's types).</summary>
        public void Add(in KeyedLine keyed)
        {
            var line = keyed.Line;
            if (Lines == 0)
                _firstLine = line.LineNumber;
            _lastLine = line.LineNumber;
            Lines++;
            if (!line.IsReport)
                _rejections.Add(new ReportRejection(line.LineNumber, line.Error.Field, line.Error.Reason, line.RawText));
            else if (admit?.Invoke(line.Report) is { } refused)
                _rejections.Add(new ReportRejection(line.LineNumber, refused.Field, refused.Reason, line.Report.ReportType.ToJson(line.Report)));
            else if (keyed.Key is not { } key)
                _rejections.Add(new ReportRejection(line.LineNumber, "$.type",
                    $"the {scheme.Name} scheme scores {string.Join(", ", scheme.ReportTypes.Select(t => $"\"{t.Name}\""))} reports, not \"{line.Report.Type}\"",
                    line.Report.ReportType.ToJson(line.Report)));
            else if (keyed.Committed == ReportKeyStatus.New)
                _reports.Add(new ReportInput(line.LineNumber, line.Report), key);
            else
            {
                _committed++;
                if (keyed.Committed == ReportKeyStatus.Duplicate)
                    _committedDuplicates++;
                else
                    _rejections.Add(Conflict(new ReportInput(line.LineNumber, line.Report)));
            }
        }

        public PendingBatch Build() => new(_reports, _rejections, _firstLine, _lastLine, Lines, _committedDuplicates);
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

    /// <summary>
    /// Whether the writer is scoring a batch (a transaction, not a batch found committed while decoding): decoding then
    /// leaves it a core. Not whether a batch waits for it: a decoded batch is picked up by a thread-pool thread, which
    /// the decoding workers may hold for a block's time, and the decoding side then saw a writer behind that was idle.
    /// </summary>
    private sealed class WriterActivity
    {
        private volatile bool _busy;

        public bool Busy
        {
            get => _busy;
            set => _busy = value;
        }
    }

    private sealed record BatchOutcome(int Accepted, int Duplicates, int Entries, IReadOnlyList<ReportRejection> Rejections)
    {
        /// <summary>A step with no report to score.</summary>
        public static BatchOutcome None { get; } = new(0, 0, 0, []);
    }
}
