using Scoring.Ledger;
using Scoring.Reports;
using Scoring.Reports.Columns;
using Scoring.Schemes;

namespace Scoring.Ingestion;

/// <summary>
/// One decoded line as the decoding side of the pipeline hands it on: the line, and when it is a report of a type the
/// scheme scores, the report's idempotency key (currency, producer, id, content hash).
/// </summary>
internal readonly record struct KeyedLine(DecodedLine Line, ReportKey? Key)
{
    /// <summary>The key of <paramref name="report"/> in <paramref name="scheme"/>'s ledger.</summary>
    public static ReportKey KeyOf(PointsScheme scheme, Report report) =>
        new(scheme.CurrencyOf(report.ReportType), report.Producer, report.Id, report.ReportType.ContentHash(report));

    /// <summary>
    /// A block's lines in input order (its reports as objects, with their keys when <paramref name="owned"/> names their
    /// type, and its refused lines). Runs on the columnar decoder's workers, so reports are made and hashed on every core.
    /// </summary>
    public static KeyedLine[] Of(ReportBlock block, PointsScheme scheme, IReadOnlySet<string> owned)
    {
        var rejects = block.Rejects;
        var numbers = block.LineNumbers;
        var lines = new KeyedLine[block.Count + rejects.Count];
        int row = 0, rejected = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            if (rejected < rejects.Count && (row == block.Count || rejects[rejected].LineNumber < numbers[row]))
            {
                lines[i] = new KeyedLine(rejects[rejected++], null);
                continue;
            }
            var report = block.GetReport(row);
            lines[i] = new KeyedLine(DecodedLine.FromReport(numbers[row++], report), owned.Contains(report.Type) ? KeyOf(scheme, report) : null);
        }
        return lines;
    }
}
