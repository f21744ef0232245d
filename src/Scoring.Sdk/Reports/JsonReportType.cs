using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Scoring.Reports;

/// <summary>
/// A report type read from JSON with System.Text.Json source-generated metadata: the line is deserialized into a
/// wire object <typeparamref name="TWire"/> (every field optional: strings null, numbers NaN when absent), which
/// <see cref="FromWire"/> validates field by field with a <see cref="ReportFieldCheck"/> into a
/// <typeparamref name="TReport"/>. JSON-level failures (not JSON, wrong JSON type, a field given twice) get the same
/// plain reasons for every report type.
/// </summary>
/// <typeparam name="TReport">The report record.</typeparam>
/// <typeparam name="TWire">The wire shape; generate its metadata with <c>AllowDuplicateProperties = false</c> and
/// include a <c>type</c> string property, so a line cannot say <c>"type"</c> twice.</typeparam>
public abstract class JsonReportType<TReport, TWire> : ReportType
    where TReport : Report
    where TWire : class
{
    private readonly JsonTypeInfo<TWire> _wire;
    private readonly Lazy<IReadOnlyDictionary<string, string>> _expected;

    /// <summary>Creates the report type.</summary>
    /// <param name="name">The <c>type</c> value.</param>
    /// <param name="wire">The wire shape's source-generated metadata.</param>
    protected JsonReportType(string name, JsonTypeInfo<TWire> wire)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(wire);
        _wire = wire;
        _expected = new(() => wire.Properties.ToDictionary(p => p.Name, Describe, StringComparer.Ordinal));
    }

    /// <summary>Validates a wire object; returns null (with the failure in <paramref name="check"/>) when a field is bad.</summary>
    protected abstract TReport? FromWire(TWire wire, ref ReportFieldCheck check);

    /// <summary>Writes every field but <c>type</c> (already written), in the format's order.</summary>
    protected abstract void WriteFields(Utf8JsonWriter writer, TReport report);

    /// <inheritdoc />
    public sealed override bool TryDecode(ReadOnlySpan<byte> utf8Line, [NotNullWhen(true)] out Report? report, out string field, out string reason)
    {
        report = null;
        TWire? wire;
        try
        {
            wire = JsonSerializer.Deserialize(utf8Line, _wire);
        }
        catch (JsonException exception)
        {
            (field, reason) = JsonFailure.Describe(utf8Line, exception, name => _expected.Value.GetValueOrDefault(name));
            return false;
        }
        if (wire is null)
        {
            (field, reason) = ("$", "a report must be a JSON object, got null");
            return false;
        }
        var check = new ReportFieldCheck();
        var created = FromWire(wire, ref check);
        if (check.Failed || created is null)
        {
            field = check.Path;
            reason = check.Reason ?? "is not a valid report";
            return false;
        }
        report = created;
        field = reason = string.Empty;
        return true;
    }

    /// <inheritdoc />
    public sealed override void Write(Utf8JsonWriter writer, Report report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (report is not TReport typed)
            throw new ArgumentException($"Report type '{Name}' writes {typeof(TReport).Name} reports, not {report?.GetType().Name ?? "null"}.", nameof(report));
        writer.WriteStartObject();
        writer.WriteString("type"u8, Name);
        WriteFields(writer, typed);
        writer.WriteEndObject();
    }

    private static string Describe(JsonPropertyInfo property)
    {
        if (property.CustomConverter is UnixTimestampConverter)
            return "a number (unix seconds) or an RFC 3339 string";
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(bool))
            return "true or false";
        if (type == typeof(string))
            return "a string";
        return type.IsPrimitive || type == typeof(decimal) ? "a number" : "an object";
    }
}
