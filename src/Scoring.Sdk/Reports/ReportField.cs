namespace Scoring.Reports;

/// <summary>The value type of a <see cref="ReportField"/>.</summary>
public enum ReportFieldType
{
    /// <summary>A whole number (counts, pixels, uids).</summary>
    Int,

    /// <summary>A double (FLOPs, seconds, GB, scores). A field a report may omit reads as NaN.</summary>
    Double,

    /// <summary>A string (ids, model names, categories).</summary>
    String,

    /// <summary>A boolean flag.</summary>
    Bool,
}

/// <summary>
/// One named, typed value of a row that rule sets may read as an input: a report's field, or a fact a scheme derives
/// (a swarm peer's counted FLOPs, a GPU's earnings rank). <see cref="Scoring.Evaluation.Binding.RowBinding{TRow}"/> binds a rule set's inputs to
/// these by name, once, so filling a batch row is a loop of typed copies.
/// </summary>
/// <typeparam name="TRow">What a row is read from.</typeparam>
/// <param name="Name">The input name (for reports, the JSON name, e.g. <c>gpuVramGb</c>).</param>
/// <param name="Type">The value type.</param>
public record RowField<TRow>(string Name, ReportFieldType Type)
{
    /// <summary>Reads an <see cref="ReportFieldType.Int"/> value.</summary>
    public Func<TRow, long>? ReadInt { get; init; }

    /// <summary>Reads a <see cref="ReportFieldType.Double"/> value (NaN when absent).</summary>
    public Func<TRow, double>? ReadDouble { get; init; }

    /// <summary>Reads a <see cref="ReportFieldType.String"/> value.</summary>
    public Func<TRow, string>? ReadString { get; init; }

    /// <summary>Reads a <see cref="ReportFieldType.Bool"/> value.</summary>
    public Func<TRow, bool>? ReadBool { get; init; }

    /// <summary>An int value.</summary>
    public static RowField<TRow> Int(string name, Func<TRow, long> read) => new(name, ReportFieldType.Int) { ReadInt = read };

    /// <summary>A double value.</summary>
    public static RowField<TRow> Double(string name, Func<TRow, double> read) => new(name, ReportFieldType.Double) { ReadDouble = read };

    /// <summary>A string value.</summary>
    public static RowField<TRow> String(string name, Func<TRow, string> read) => new(name, ReportFieldType.String) { ReadString = read };

    /// <summary>A bool value.</summary>
    public static RowField<TRow> Bool(string name, Func<TRow, bool> read) => new(name, ReportFieldType.Bool) { ReadBool = read };
}

/// <summary>
/// One field of a report type, by its JSON name, with a typed reader. Rule sets name their inputs after these fields,
/// so a rule set over image jobs reads <c>width</c>, <c>steps</c> and <c>category</c> straight from the report; the
/// fields are also what a report's content hash covers (see <see cref="ReportType.ContentHash"/>).
/// </summary>
/// <param name="Name">The JSON name (e.g. <c>gpuVramGb</c>).</param>
/// <param name="Type">The value type.</param>
public sealed record ReportField(string Name, ReportFieldType Type) : RowField<Report>(Name, Type)
{
    /// <summary>An int field of <typeparamref name="TReport"/> reports.</summary>
    public static ReportField Int<TReport>(string name, Func<TReport, long> read) where TReport : Report =>
        new(name, ReportFieldType.Int) { ReadInt = r => read((TReport)r) };

    /// <summary>A double field of <typeparamref name="TReport"/> reports (return NaN for an omitted optional value).</summary>
    public static ReportField Double<TReport>(string name, Func<TReport, double> read) where TReport : Report =>
        new(name, ReportFieldType.Double) { ReadDouble = r => read((TReport)r) };

    /// <summary>A string field of <typeparamref name="TReport"/> reports.</summary>
    public static ReportField String<TReport>(string name, Func<TReport, string> read) where TReport : Report =>
        new(name, ReportFieldType.String) { ReadString = r => read((TReport)r) };

    /// <summary>A bool field of <typeparamref name="TReport"/> reports.</summary>
    public static ReportField Bool<TReport>(string name, Func<TReport, bool> read) where TReport : Report =>
        new(name, ReportFieldType.Bool) { ReadBool = r => read((TReport)r) };
}
