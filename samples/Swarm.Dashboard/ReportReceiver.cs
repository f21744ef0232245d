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
/// Scores the bodies of <c>POST /reports</c> with the swarm scheme, one body at a time and each body in one ledger
/// transaction, whatever its size (a body holds at most <see cref="DashboardOptions.MaxBodyBytes"/>, fewer reports than
/// a batch may). The scheme keeps its state (counters, presence intervals, held reports) in the ledger, committed with
/// the entries it produced, so a restarted server goes on exactly where the last committed body left off, and a body
/// is recorded whole or not at all: a client that goes away before its body is committed leaves nothing behind, and its
/// retry is scored as if the first attempt had not happened.
/// </summary>
/// <remarks>
/// It is also a hosted service so that the scheme's scorer is created when the server starts: a rule set in force that
/// the swarm scheme cannot use, or a ledger that cannot be opened, stops the start instead of failing the first request.
/// The server never settles the scheme: an account's newest reports stay in its reorder window until newer ones arrive.
/// </remarks>
public sealed partial class ReportReceiver : IHostedService, IDisposable
{
    /// <summary>Reports per ledger transaction: more than a body can hold, so a body is always one transaction.</summary>
    private const int ReportsPerTransaction = 1_000_000;

    private readonly ReportIngestion _ingestion;
    private readonly SchemeRegistry _schemes;
    private readonly ILedgerStore _ledger;
    private readonly ILogger<ReportReceiver> _logger;
    private readonly SchemeScorer _scorer;
    // The scorer is called by one ingestion at a time, and each body's reports reach the scheme in order.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Creates the receiver and the swarm scheme's scorer with the rule sets in force.</summary>
    public ReportReceiver(IOptions<IngestionOptions> ingestion, ScoringMetrics metrics, ILogger<ReportIngestion> ingestionLogger,
        SchemeRegistry schemes, SchemeContext context, ILedgerStore ledger, ILogger<ReportReceiver> logger)
    {
        _ingestion = new ReportIngestion(
            Options.Create(new IngestionOptions { BatchSize = ReportsPerTransaction, BatchesInFlight = ingestion.Value.BatchesInFlight }),
            metrics, ingestionLogger);
        _schemes = schemes;
        _ledger = ledger;
        _logger = logger;
        _scorer = ((PointsScheme)schemes.Get(SwarmScheme.SchemeName)).CreateScorer(context);
    }

    /// <summary>Scores and records the reports of <paramref name="jsonLines"/> that <paramref name="peer"/> may send, in one transaction.</summary>
    /// <param name="peer">The peer that signed the body.</param>
    /// <param name="jsonLines">The body as UTF-8 JSON Lines.</param>
    /// <param name="latest">The latest report time accepted (the server's clock plus the allowed skew).</param>
    /// <param name="cancellationToken">The request's: a client that goes away before the commit leaves nothing recorded.</param>
    /// <returns>The counts and every refused line (bad, conflicting or late) with its reason.</returns>
    /// <exception cref="IngestionException">The ledger refused the body (a total would overflow): nothing of it was recorded.</exception>
    public async Task<(IngestionSummary Summary, IReadOnlyList<ReportRejection> Refused)> ReceiveAsync(
        RegisteredPeer peer, byte[] jsonLines, DateTimeOffset latest, CancellationToken cancellationToken)
    {
        var refused = new RefusedLines();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var summary = await _ingestion.RunAsync(new MemoryStream(jsonLines, writable: false), _schemes.Decoder, _scorer, _ledger, refused,
                settle: false, admit: report => PeerAdmission.Check(peer, report, latest), cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var line in refused.Items.Where(r => r.Kind != RejectionKind.Rejected))
                _logger.LineRefused(peer.PeerId, line.Line, line.Kind, line.Reason);
            return (summary, refused.Items);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _logger.Scoring(string.Join(", ", _scorer.RuleSets.Select(r => r.RuleSet.ToString())));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose()
    {
        _scorer.Dispose();
        _gate.Dispose();
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
