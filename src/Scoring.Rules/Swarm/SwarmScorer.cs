using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Reports;

namespace Scoring.Rules.Swarm;

/// <summary>
/// The swarm scheme's ingestion step: feeds peer reports to <see cref="SwarmAccrual"/> (counters, presence intervals,
/// per-account peer caps) and turns each accrual entry into a ledger report with a compute and a presence posting.
/// </summary>
/// <remarks>
/// The accrual settles reports up to <see cref="SwarmOptions.ReorderWindow"/> late, so a batch's ledger reports can belong
/// to earlier batches' reports; <see cref="Complete"/> settles the rest. The scheme's "rule set" is its options: the
/// ledger records <see cref="RuleSetId"/> with a hash of every setting, so a changed cap or rate is a new version.
/// </remarks>
public sealed class SwarmScorer : IReportScorer
{
    /// <summary>The scheme name in the ledger.</summary>
    public const string SchemeName = "swarm";

    /// <summary>The rule-set id recorded on swarm entries.</summary>
    public const string RuleSetId = "swarm-accrual";

    private readonly SwarmAccrual _accrual;
    private readonly Sink _sink = new();
    // Counted microseconds per peer so far: each entry carries the increase of the whole seconds, so the active time a
    // leaderboard sums is the truncated total, not a sum of truncations that drifts by up to a second per report.
    private readonly Dictionary<string, long> _countedMicroseconds = new(StringComparer.Ordinal);

    /// <summary>Creates the scorer (options are validated).</summary>
    public SwarmScorer(SwarmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _accrual = new SwarmAccrual(options);
        RuleSetHash = HashOf(options);
    }

    /// <inheritdoc />
    public string Scheme => SchemeName;

    /// <summary>The content hash of the options in force (recorded as the rule-set hash of every entry).</summary>
    public string RuleSetHash { get; }

    /// <summary>The accrual, for status queries (<see cref="SwarmAccrual.IsOnline"/>).</summary>
    public SwarmAccrual Accrual => _accrual;

    /// <inheritdoc />
    public void Score(IReadOnlyList<ReportInput> reports, ScoredBatch output)
    {
        foreach (var (line, report) in reports)
        {
            if (report is not SwarmPeerReport peer)
            {
                output.Reject(line, "$.type", $"the swarm scheme scores \"swarm\" reports, not {report.Kind}", ReportWriter.ToJson(report));
                continue;
            }
            var input = new SwarmReport(peer.ReportId, peer.PeerId, peer.Account, peer.Timestamp, peer.CumulativeFlops, peer.FlopsSinceLast);
            if (!_accrual.TryIngest(input, _sink, out string? rejection))
            {
                output.Reject(line, "$", rejection, ReportWriter.ToJson(report));
            }
        }
        Drain(output);
    }

    /// <inheritdoc />
    public void Complete(ScoredBatch output)
    {
        _accrual.Flush(_sink);
        Drain(output);
    }

    private void Drain(ScoredBatch output)
    {
        foreach (var entry in _sink.Entries)
        {
            long before = _countedMicroseconds.GetValueOrDefault(entry.PeerId);
            long after = before + entry.CountedMicroseconds;
            _countedMicroseconds[entry.PeerId] = after;
            output.Add(new LedgerReport
            {
                Scheme = SchemeName,
                ReportId = entry.ReportId,
                ReportTime = UnixTime.FromSeconds(entry.Timestamp),
                RuleSetId = RuleSetId,
                RuleSetHash = RuleSetHash,
                Postings =
                [
                    new LedgerPosting(entry.Account, entry.PeerId, "compute", entry.Compute),
                    new LedgerPosting(entry.Account, entry.PeerId, "presence", entry.Presence)
                    {
                        ActiveSeconds = after / 1_000_000 - before / 1_000_000,
                    },
                ],
            });
        }
        _sink.Entries.Clear();
    }

    private static string HashOf(SwarmOptions options)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"peerCap={options.PeerCap};")
            .Append(CultureInfo.InvariantCulture, $"presenceTimeoutTicks={options.PresenceTimeout.Ticks};")
            .Append(CultureInfo.InvariantCulture, $"reorderWindowTicks={options.ReorderWindow.Ticks};")
            .Append(CultureInfo.InvariantCulture, $"flopsPerPoint={options.FlopsPerPoint:R};")
            .Append(CultureInfo.InvariantCulture, $"presencePointsPerHour={options.PresencePointsPerHour:R};");
        foreach (var change in options.PeerCapChanges)
        {
            text.Append(CultureInfo.InvariantCulture, $"capChange={change.From:R}->{change.PeerCap};");
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private sealed class Sink : ISwarmAccrualSink
    {
        public List<SwarmAccrualEntry> Entries { get; } = [];

        public void Accrued(in SwarmAccrualEntry entry) => Entries.Add(entry);

        public void PlaceReleased(in SwarmPlace place)
        {
        }
    }
}
