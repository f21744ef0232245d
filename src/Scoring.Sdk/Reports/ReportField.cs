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
/// One field of a report kind, by its JSON name, with a typed reader. Rule sets name their inputs after these fields,
/// so a rule set over image jobs reads <c>width</c>, <c>steps</c> and <c>category</c> straight from the report.
/// </summary>
/// <param name="Name">The JSON name (e.g. <c>gpuVramGb</c>).</param>
/// <param name="Type">The value type.</param>
public sealed record ReportField(string Name, ReportFieldType Type)
{
    /// <summary>Reads an <see cref="ReportFieldType.Int"/> field.</summary>
    public Func<Report, long>? ReadInt { get; init; }

    /// <summary>Reads a <see cref="ReportFieldType.Double"/> field (NaN when the report omits it).</summary>
    public Func<Report, double>? ReadDouble { get; init; }

    /// <summary>Reads a <see cref="ReportFieldType.String"/> field.</summary>
    public Func<Report, string>? ReadString { get; init; }

    /// <summary>Reads a <see cref="ReportFieldType.Bool"/> field.</summary>
    public Func<Report, bool>? ReadBool { get; init; }
}
