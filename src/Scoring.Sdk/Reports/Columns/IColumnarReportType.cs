namespace Scoring.Reports.Columns;

/// <summary>
/// A <see cref="ReportType"/> that the <see cref="ColumnarReportDecoder"/> reads straight from UTF-8 into columns,
/// without a wire object or a report per line. The decoder reads each declared <see cref="ReportType.Fields"/> field
/// from the top-level member of the same name (a string field from a JSON string, an int or double field from a JSON
/// number, a bool field from <c>true</c>/<c>false</c>) and calls <see cref="Check"/>, which must apply the very rules
/// of the type's <see cref="ReportType.TryDecode"/> (call one shared method from both), so both decoders accept the
/// same lines with the same first failing field and reason. A line the fast reader is not sure of (a member that is not
/// a field, an escaped string, <c>null</c>, a timestamp given as text, a field twice, not JSON) goes to
/// <see cref="ReportType.TryDecode"/> instead.
/// </summary>
/// <remarks>
/// An implementation promises that a valid report's field values are the values as read (no rounding or defaults:
/// the columns hold what was read), that its int fields are required, and that its report id is computed by
/// <see cref="ReportId"/> from the row's columns, and its report by <see cref="ToReport"/>.
/// </remarks>
public interface IColumnarReportType
{
    /// <summary>Checks one line's values with the type's rules; the first failure stays in <paramref name="check"/>.</summary>
    /// <param name="check">Collects the first failure.</param>
    /// <param name="values">The line's values, by field index in <see cref="ReportType.Fields"/>.</param>
    void Check(ref ReportFieldCheck check, in ReportFieldValues values);

    /// <summary>The report id of a row this type's reader decoded (e.g. the <c>id</c> column, or one derived from other columns).</summary>
    /// <param name="block">The block.</param>
    /// <param name="row">The row, of this type.</param>
    string ReportId(ReportBlock block, int row);

    /// <summary>
    /// The report of a row this type's reader decoded: equal (record equality) to the report <see cref="ReportType.TryDecode"/>
    /// gives for the same line. Called only for rows that are needed as objects (the ingestion pipeline's reports).
    /// </summary>
    /// <param name="block">The block.</param>
    /// <param name="row">The row, of this type.</param>
    Report ToReport(ReportBlock block, int row);
}
