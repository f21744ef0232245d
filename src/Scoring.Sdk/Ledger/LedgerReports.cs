using Scoring.Hashing;

namespace Scoring.Ledger;

/// <summary>Functions of a <see cref="LedgerReport"/> that every store and every producer must compute alike.</summary>
public static class LedgerReports
{
    // Bumped if the hashed fields or their encoding ever change; hashes already stored keep their meaning only
    // under the version that wrote them, so a change would need a migration that forgets them (NULL = unknown).
    private const byte FormatVersion = 1;

    /// <summary>
    /// A stable 64-bit hash of the report's content: its report time (UTC ticks), rule-set id and hash, and every
    /// posting's account, peer, kind, amount, active seconds, reason and operator, in order. Not its scheme, producer
    /// or id: those are the key the hash is stored under. The same on every platform, process and run (FNV-1a 64 over
    /// a length-prefixed little-endian encoding with UTF-8 text), so a re-sent report is recognised as a duplicate and
    /// the same id with other content as a conflict.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <remarks>FNV-1a is not collision resistant against a producer that crafts collisions on purpose; the hash only tells a re-send from a re-used id, and both are skipped.</remarks>
    public static long ContentHash(LedgerReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var hash = new Fnv1a64();
        hash.Add(FormatVersion);
        hash.Add(report.ReportTime.UtcTicks);
        hash.Add(report.RuleSetId);
        hash.Add(report.RuleSetHash);
        var postings = report.Postings ?? [];
        hash.Add(postings.Count);
        foreach (var posting in postings)
        {
            if (posting is null)
            {
                hash.Add((byte)0);
                continue;
            }
            hash.Add((byte)1);
            hash.Add(posting.Account);
            hash.Add(posting.Peer);
            hash.Add(posting.Kind);
            hash.Add(posting.Amount.Units);
            hash.Add(posting.ActiveSeconds);
            hash.Add(posting.Reason);
            hash.Add(posting.Operator);
        }
        return unchecked((long)hash.Value);
    }
}
