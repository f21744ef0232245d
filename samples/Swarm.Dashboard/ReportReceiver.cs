using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Scoring;
using Scoring.Diagnostics;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Rules.Swarm;
using Scoring.Schemes;
using Swarm.Dashboard.Security;

namespace Swarm.Dashboard;

/// <summary>
/// Scores the bodies of <c>POST /reports</c> with the swarm scheme. Each body is decoded on its request's thread
/// (<see cref="ReportIngestion.Prepare"/>); bodies then queue in arrival order and one loop writes them: every body
/// that is waiting when a transaction starts goes into it (group commit, at most
/// <see cref="DashboardOptions.MaxBodiesPerTransaction"/> bodies and <see cref="DashboardOptions.MaxBodyBytes"/> of
/// them), and their reports are scored as one batch of them, so under load a transaction's fixed cost — begin, commit,
/// the pages it writes, the scheme state it loads and stores — is paid once for many bodies, and a lone body is written
/// at once. The scheme keeps its state (counters, presence intervals, held reports) in the ledger, committed with the
/// entries it produced, so a restarted server goes on exactly where the last committed body left off.
/// </summary>
/// <remarks>
/// Each body is recorded whole or not at all (<see cref="ReportIngestion.RunGroupAsync"/>): a body the ledger refuses
/// (a total would overflow) is refused alone, and a client that goes away before its body is committed leaves nothing
/// behind — its transaction is rolled back, and the other bodies of the group are written again without it — so its
/// retry is scored as if the first attempt had not happened. It is also a hosted service so that the scheme's scorer
/// is created when the server starts: a rule set in force that the swarm scheme cannot use, or a ledger that cannot be
/// opened, stops the start instead of failing the first request. The server never settles the scheme: an account's
/// newest reports stay in its reorder window until newer ones arrive.
/// </remarks>
public sealed partial class ReportReceiver : BackgroundService
{
    private readonly ReportIngestion _ingestion;
    private readonly SchemeRegistry _schemes;
    private readonly ILedgerStore _ledger;
    private readonly IOptionsMonitor<DashboardOptions> _options;
    private readonly ILogger<ReportReceiver> _logger;
    private readonly SchemeScorer _scorer;
    // Read by one loop only (the scorer sees one group at a time, and the bodies in arrival order); not declared
    // SingleReader, because only the general unbounded channel can count what waits.
    private readonly Channel<PendingBody> _bodies = Channel.CreateUnbounded<PendingBody>();

    /// <summary>Creates the receiver and the swarm scheme's scorer with the rule sets in force.</summary>
    public ReportReceiver(IOptions<IngestionOptions> ingestion, ScoringMetrics metrics, ILogger<ReportIngestion> ingestionLogger,
        SchemeRegistry schemes, SchemeContext context, ILedgerStore ledger, IOptionsMonitor<DashboardOptions> options, ILogger<ReportReceiver> logger)
    {
        // A body is never cut into batches (RunGroupAsync scores each input whole); the options bound the decoding only.
        _ingestion = new ReportIngestion(ingestion, metrics, ingestionLogger);
        _schemes = schemes;
        _ledger = ledger;
        _options = options;
        _logger = logger;
        _scorer = ((PointsScheme)schemes.Get(SwarmScheme.SchemeName)).CreateScorer(context);
    }

    /// <summary>Scores and records the reports of <paramref name="jsonLines"/> that <paramref name="peer"/> may send, whole or not at all.</summary>
    /// <param name="peer">The peer that signed the body.</param>
    /// <param name="jsonLines">The body as UTF-8 JSON Lines.</param>
    /// <param name="latest">The latest report time accepted (the server's clock plus the allowed skew).</param>
    /// <param name="cancellationToken">The request's: a client that goes away before the commit leaves nothing recorded.</param>
    /// <returns>The counts and every refused line (bad, conflicting or late) with its reason.</returns>
    /// <exception cref="IngestionException">The ledger refused the body (a total would overflow): nothing of it was recorded.</exception>
    /// <exception cref="OperationCanceledException">The client went away, or the server is stopping, before the body was committed.</exception>
    public async Task<(IngestionSummary Summary, IReadOnlyList<ReportRejection> Refused)> ReceiveAsync(
        SignedPeer peer, byte[] jsonLines, DateTimeOffset latest, CancellationToken cancellationToken)
    {
        // Created here, in the request's flow, so the input carries the request's trace context into the writing loop; and
        // decoded here, on the request's thread, so the one writing loop only classifies, scores and records.
        var input = new IngestionInput(new MemoryStream(jsonLines, writable: false), new RefusedLines(), report => PeerAdmission.Check(peer, report, latest));
        _ingestion.Prepare(input, _schemes.Decoder, _scorer.Scheme, cancellationToken);
        var body = new PendingBody(input, jsonLines.Length, cancellationToken);
        if (!_bodies.Writer.TryWrite(body))
            throw new OperationCanceledException("The server is stopping.");
        var outcome = await body.Done.Task.ConfigureAwait(false);
        if (outcome.Error is { } refused)
            throw refused;
        var refusedLines = ((RefusedLines)body.Input.Rejects!).Items;
        foreach (var line in refusedLines.Where(r => r.Kind != RejectionKind.Rejected))
            _logger.LineRefused(peer.PeerId, line.Line, line.Kind, line.Reason);
        return (outcome.Summary, refusedLines);
    }

    /// <summary>Bodies read and waiting for a transaction (the one being written not counted).</summary>
    public int BodiesWaiting => _bodies.Reader.Count;

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _logger.Scoring(string.Join(", ", _scorer.RuleSets.Select(r => r.RuleSet.ToString())));
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _bodies.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                var group = TakeGroup();
                while (group.Count > 0)
                    group = await WriteAsync(group, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is answered below, nothing of it was recorded.
        }
        finally
        {
            _bodies.Writer.TryComplete();
            while (_bodies.Reader.TryRead(out var body))
                body.Done.TrySetCanceled(stoppingToken);
        }
    }

    /// <summary>The bodies waiting now, in arrival order, up to the group's limits; a body whose client is gone is answered and left out.</summary>
    private List<PendingBody> TakeGroup()
    {
        var options = _options.CurrentValue;
        var group = new List<PendingBody>();
        long bytes = 0;
        while (group.Count < options.MaxBodiesPerTransaction && _bodies.Reader.TryPeek(out var next)
            && (group.Count == 0 || bytes + next.Bytes <= options.MaxBodyBytes))
        {
            _bodies.Reader.TryRead(out _);
            if (next.Aborted.IsCancellationRequested)
            {
                next.Done.TrySetCanceled(next.Aborted);
                continue;
            }
            group.Add(next);
            bytes += next.Bytes;
        }
        return group;
    }

    /// <summary>
    /// Writes a group in one transaction and answers each body. When a client goes away during the transaction, it is
    /// rolled back whole and the bodies still wanted are returned, to be written again without the abandoned ones.
    /// </summary>
    private async Task<List<PendingBody>> WriteAsync(List<PendingBody> group, CancellationToken stoppingToken)
    {
        using var abandoned = CancellationTokenSource.CreateLinkedTokenSource([stoppingToken, .. group.Select(b => b.Aborted)]);
        try
        {
            var inputs = group.Select(b => b.Input).ToList();
            var outcomes = await _ingestion.RunGroupAsync(inputs, _schemes.Decoder, _scorer, _ledger, abandoned.Token).ConfigureAwait(false);
            for (int i = 0; i < group.Count; i++)
                group[i].Done.TrySetResult(outcomes[i]);
            return [];
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            var wanted = new List<PendingBody>(group.Count);
            foreach (var body in group)
            {
                if (body.Aborted.IsCancellationRequested)
                    body.Done.TrySetCanceled(body.Aborted);
                else
                    wanted.Add(body); // prepared: its reports are written again as decoded
            }
            return wanted;
        }
        catch (Exception exception)
        {
            // The ledger failed (full disk, lost connection): every body of the group gets the error; none is recorded.
            foreach (var body in group)
                body.Done.TrySetException(exception);
            return [];
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _scorer.Dispose();
        base.Dispose();
    }

    /// <summary>A body waiting to be written, with where its answer goes.</summary>
    private sealed class PendingBody(IngestionInput input, int bytes, CancellationToken aborted)
    {
        /// <summary>The body as an input of a group: its lines, its admission rule, its refused lines (written once its transaction commits).</summary>
        public IngestionInput Input => input;

        public int Bytes => bytes;

        /// <summary>The request's token: the client went away.</summary>
        public CancellationToken Aborted => aborted;

        /// <summary>Completed by the writing loop; continuations run off the loop's thread.</summary>
        public TaskCompletionSource<IngestionOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class RefusedLines : IRejectSink
    {
        public List<ReportRejection> Items { get; } = [];

        public void Write(ReportRejection rejection) => Items.Add(rejection);

        public void Flush()
        {
        }
    }
}
