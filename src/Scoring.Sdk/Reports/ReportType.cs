using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Scoring.Hashing;

namespace Scoring.Reports;

/// <summary>
/// One kind of report a scheme owns: its <c>type</c> value on the wire, its decoder with validation, how it is
/// written back, and the fields rule sets may read. A scheme declares its report types; the
/// <see cref="ReportDecoder"/> dispatches each line to the type named by its <c>type</c>, so there is exactly one
/// decoder per report type, used by every host and command. Implement <see cref="JsonReportType{TReport, TWire}"/>
/// rather than this class directly.
/// </summary>
public abstract class ReportType
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lazy<IReadOnlyDictionary<string, ReportField>> _fieldsByName;

    /// <summary>Creates a report type.</summary>
    /// <param name="name">The <c>type</c> value on the wire: 1–64 characters of a-z, 0-9, '-', '_' and '.'.</param>
    /// <exception cref="ArgumentException">The name is not valid.</exception>
    protected ReportType(string name)
    {
        if (!IsValidName(name))
            throw new ArgumentException($"A report type name must be 1 to 64 characters of a-z, 0-9, '-', '_' and '.', not '{name}'.", nameof(name));
        Name = name;
        _fieldsByName = new(() => Fields.ToDictionary(f => f.Name, StringComparer.Ordinal));
    }

    /// <summary>The <c>type</c> value on the wire, e.g. <c>swarm</c>.</summary>
    public string Name { get; }

    /// <summary>The report's fields by JSON name, in the order of the format's field table.</summary>
    public abstract IReadOnlyList<ReportField> Fields { get; }

    /// <summary>The fields keyed by JSON name (ordinal).</summary>
    public IReadOnlyDictionary<string, ReportField> FieldsByName => _fieldsByName.Value;

    /// <summary>
    /// Decodes one line whose <c>type</c> is <see cref="Name"/>: a report, or the JSON path of the first bad field
    /// (<c>$.width</c>, <c>$</c> for the whole line) and a plain reason.
    /// </summary>
    /// <param name="utf8Line">The line's UTF-8 bytes, without its terminator.</param>
    /// <param name="report">The report, when the line is valid.</param>
    /// <param name="field">The JSON path of the offending value, when it is not.</param>
    /// <param name="reason">Why, when it is not.</param>
    public abstract bool TryDecode(ReadOnlySpan<byte> utf8Line, [NotNullWhen(true)] out Report? report, out string field, out string reason);

    /// <summary>Writes <paramref name="report"/> as one JSON object in the format <see cref="TryDecode"/> reads.</summary>
    public abstract void Write(Utf8JsonWriter writer, Report report);

    /// <summary>Formats one report as its JSON object text (UTF-8 kept as is), without a line terminator.</summary>
    public string ToJson(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(json, report);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// A stable 64-bit hash of the report's content: its type and the value of every declared field, in order (FNV-1a
    /// over a fixed binary form — field names and strings as length-prefixed UTF-8, numbers as their 64-bit patterns,
    /// an absent double as one fixed pattern — the same on every machine and run). Two reports with the same id and
    /// producer but another hash are a conflict, not a duplicate.
    /// </summary>
    public long ContentHash(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var hash = new Fnv1a64();
        hash.Add(Name);
        foreach (var field in Fields)
        {
            hash.Add(field.Name);
            switch (field.Type)
            {
                case ReportFieldType.Int: hash.Add(field.ReadInt!(report)); break;
                case ReportFieldType.Double:
                    double value = field.ReadDouble!(report);
                    hash.Add(double.IsNaN(value) ? long.MinValue : BitConverter.DoubleToInt64Bits(value));
                    break;
                case ReportFieldType.String: hash.Add(field.ReadString!(report)); break;
                default: hash.Add(field.ReadBool!(report) ? 1L : 0L); break;
            }
        }
        return unchecked((long)hash.Value);
    }

    /// <summary><c>type</c></summary>
    public override string ToString() => Name;

    internal static bool IsValidName(string? name) =>
        name is { Length: >= 1 and <= 64 } && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.');
}
