using System.Text;
using Scoring.Reports;
using Scoring.Reports.Columns;

namespace Scoring.Rules.Tests.Reports;

/// <summary>
/// Both decoders' output in one comparable form, one entry per non-blank line: a report's line, type, id and every
/// field value (doubles as their bits) and the report as an object (its record text and content hash: the columnar
/// side's is <see cref="ReportBlock.GetReport"/>), or a reject's line, field, reason and raw text.
/// </summary>
internal static class ColumnarLines
{
    /// <summary>What <see cref="ReportDecoder.Decode(Stream)"/> gives for <paramref name="input"/>.</summary>
    public static List<string> FromObjects(ReportDecoder decoder, byte[] input) =>
        decoder.Decode(new MemoryStream(input)).Select(line => line.IsReport
            ? Row(line.LineNumber, line.Report.ReportType, line.Report.Id, line.Report.ReportType.Fields.Select(f => Value(f, line.Report)), line.Report)
            : Reject(line)).ToList();

    /// <summary>What <see cref="ColumnarReportDecoder.Decode"/> gives for <paramref name="input"/>, rows and rejects merged by line.</summary>
    public static List<string> FromColumns(ColumnarReportDecoder decoder, Stream input)
    {
        var lines = new List<(long Line, string Text)>();
        foreach (var block in decoder.Decode(input))
        {
            for (var row = 0; row < block.Count; row++)
            {
                var type = block.TypeOf(row);
                var columns = block.Columns(type);
                var r = row;
                lines.Add((block.LineNumbers[row], Row(block.LineNumbers[row], type, block.GetId(row), type.Fields.Select((f, i) => Value(f, block, columns, i, r)), block.GetReport(row))));
            }
            lines.AddRange(block.Rejects.Select(reject => (reject.LineNumber, Reject(reject))));
        }
        return lines.OrderBy(l => l.Line).Select(l => l.Text).ToList();
    }

    private static string Row(long line, ReportType type, string id, IEnumerable<string> values, Report report) =>
        $"{line} {type.Name} id={id} {string.Join(' ', values)} object={report} hash={report.ReportType.ContentHash(report):x16}";

    private static string Reject(DecodedLine line) =>
        $"{line.LineNumber} rejected {line.Error!.Field}: {line.Error.Reason} raw={line.RawText}";

    private static string Value(ReportField field, Report report) => field.Type switch
    {
        ReportFieldType.Int => $"{field.Name}={field.ReadInt!(report)}",
        ReportFieldType.Double => $"{field.Name}=0x{BitConverter.DoubleToInt64Bits(field.ReadDouble!(report)):x16}",
        ReportFieldType.String => $"{field.Name}={field.ReadString!(report)}",
        _ => $"{field.Name}={field.ReadBool!(report)}",
    };

    private static string Value(ReportField field, ReportBlock block, ReportColumns columns, int index, int row) => field.Type switch
    {
        ReportFieldType.Int => $"{field.Name}={columns.Ints(index)[row]}",
        ReportFieldType.Double => $"{field.Name}=0x{BitConverter.DoubleToInt64Bits(columns.Doubles(index)[row]):x16}",
        // A string the line left out is one the report derives (only the id does): the block gives it by GetId.
        ReportFieldType.String => $"{field.Name}={(columns.Names(index)[row] is >= 0 and var id ? block.Names.GetString(id) : block.GetId(row))}",
        _ => $"{field.Name}={columns.Bools(index)[row]}",
    };

    /// <summary>The input's lines joined by <paramref name="newline"/>.</summary>
    public static byte[] Join(IEnumerable<byte[]> lines, string newline) =>
        lines.SelectMany((l, i) => i == 0 ? l : [.. Encoding.UTF8.GetBytes(newline), .. l]).ToArray();
}
