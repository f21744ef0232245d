using System.Buffers;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.Reports.Columns;
using Scoring.Schemes;

namespace Scoring.Ingestion;

/// <summary>
/// One decoded line as the decoding side of the pipeline hands it on: the line, and when it is a report of a type the
/// scheme scores, the report's idempotency key (currency, producer, id, content hash) and, when the ledger's committed
/// keys were looked up, what the ledger already makes of it (<see cref="Committed"/>).
/// </summary>
/// <param name="Line">The decoded line.</param>
/// <param name="Key">The report's key; null when the line is not a report of the scheme's types.</param>
/// <param name="Committed">
/// <see cref="ReportKeyStatus.Duplicate"/> or <see cref="ReportKeyStatus.Conflict"/> when the ledger had committed the
/// key when the line was decoded (the writer would find it too: keys are never removed); else
/// <see cref="ReportKeyStatus.New"/>, which leaves the verdict to the writer.
/// </param>
internal readonly record struct KeyedLine(DecodedLine Line, ReportKey? Key, ReportKeyStatus Committed = ReportKeyStatus.New)
{
    /// <summary>
    /// Keys a block looks up first: when none of them is committed (a file of new reports) the rest of the block is not
    /// looked up, so new reports pay one 32-key statement per block (about 9,000 swarm reports) for the check.
    /// </summary>
    internal const int ProbeKeys = 32;

    /// <summary>The key of <paramref name="report"/> in <paramref name="scheme"/>'s ledger.</summary>
    public static ReportKey KeyOf(PointsScheme scheme, Report report) =>
        new(scheme.CurrencyOf(report.ReportType), report.Producer, report.Id, report.ReportType.ContentHash(report));

    /// <summary>
    /// A block's lines in input order (its reports as objects, with their keys when <paramref name="owned"/> names their
    /// type, and its refused lines). Runs on the columnar decoder's workers, so reports are made and hashed on every core.
    /// The lines are in an array of the shared pool: hand them back with <see cref="Return"/> once read (a block's lines
    /// are a large array, and a new one per block counted toward a full collection every few blocks).
    /// </summary>
    /// <param name="block">The decoded block.</param>
    /// <param name="scheme">The scheme the lines are for.</param>
    /// <param name="owned">The names of the scheme's report types.</param>
    /// <param name="committed">Where to look the keys up in the ledger's committed state, or null to leave every verdict to the writer.</param>
    public static ArraySegment<KeyedLine> Of(ReportBlock block, PointsScheme scheme, IReadOnlySet<string> owned, ICommittedKeys? committed = null)
    {
        var rejects = block.Rejects;
        var numbers = block.LineNumbers;
        var lines = new ArraySegment<KeyedLine>(ArrayPool<KeyedLine>.Shared.Rent(block.Count + rejects.Count), 0, block.Count + rejects.Count);
        int row = 0, rejected = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            if (rejected < rejects.Count && (row == block.Count || rejects[rejected].LineNumber < numbers[row]))
            {
                lines[i] = new KeyedLine(rejects[rejected++], null);
                continue;
            }
            var report = block.GetReport(row);
            lines[i] = new KeyedLine(DecodedLine.FromReport(numbers[row++], report), owned.Contains(report.Type) ? KeyOf(scheme, report) : null);
        }
        if (committed is not null)
            LookUp(lines, committed);
        return lines;
    }

    /// <summary>Hands lines made by <see cref="Of"/> back to the pool, letting go of their reports.</summary>
    public static void Return(ArraySegment<KeyedLine> lines)
    {
        // An empty rent is the shared empty array, which is not the pool's to take back.
        if (lines.Array is { Length: > 0 } array)
            ArrayPool<KeyedLine>.Shared.Return(array, clearArray: true);
    }

    /// <summary>
    /// Marks the lines whose keys the ledger has committed: the first <see cref="ProbeKeys"/> keys, and only when one of
    /// them is committed, the rest.
    /// </summary>
    private static void LookUp(ArraySegment<KeyedLine> lines, ICommittedKeys committed)
    {
        var keys = new List<ReportKey>(ProbeKeys);
        var at = new List<int>(ProbeKeys);
        int next = Collect(0, ProbeKeys);
        if (!Mark())
            return;
        // The rest a slice at a time, each slice's lists below the large object heap.
        while (next < lines.Count)
        {
            keys.Clear();
            at.Clear();
            next = Collect(next, LedgerTransaction.LookupSlice);
            Mark();
        }

        // Collects up to `most` keys from line `from` on; returns the line after the last one looked at.
        int Collect(int from, int most)
        {
            int i = from;
            for (; i < lines.Count && keys.Count < most; i++)
            {
                if (lines[i].Key is { } key)
                {
                    keys.Add(key);
                    at.Add(i);
                }
            }
            return i;
        }

        bool Mark()
        {
            if (keys.Count == 0)
                return false;
            var stored = committed.Lookup(keys);
            bool any = false;
            for (int i = 0; i < stored.Length; i++)
            {
                if (!stored[i].Found)
                    continue;
                any = true;
                int line = at[i];
                lines[line] = lines[line] with { Committed = LedgerTransaction.StatusOf(stored[i], keys[i]) };
            }
            return any;
        }
    }
}
