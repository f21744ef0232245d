using System.Text;
using System.Text.Json;

namespace Scoring.Reports.Columns;

/// <summary>One report type as the columnar decoder sees it: its index, its UTF-8 name and field names, and its fast reader if it has one.</summary>
internal sealed class ColumnarType
{
    /// <summary>The most fields a type the fast reader reads may have (one bit each marks a field already seen).</summary>
    public const int MaxFields = 64;

    private readonly byte[][] _fieldNames;

    public ColumnarType(int index, ReportType type)
    {
        Index = index;
        Type = type;
        Name = Encoding.UTF8.GetBytes(type.Name);
        _fieldNames = type.Fields.Select(f => Encoding.UTF8.GetBytes(f.Name)).ToArray();
        FieldTypes = type.Fields.Select(f => f.Type).ToArray();
        Reader = type.Fields.Count <= MaxFields ? type as IColumnarReportType : null;
    }

    public int Index { get; }

    public ReportType Type { get; }

    public byte[] Name { get; }

    public ReportFieldType[] FieldTypes { get; }

    /// <summary>The type's own checks, or null when its lines always go through <see cref="ReportType.TryDecode"/>.</summary>
    public IColumnarReportType? Reader { get; }

    /// <summary>
    /// The index of the field named by the reader's current property name (escaped or not), or -1. Writers put the
    /// fields in their declared order, so the field after <paramref name="previous"/> is tried first.
    /// </summary>
    public int FieldIndex(ref Utf8JsonReader reader, int previous)
    {
        var escaped = reader.ValueIsEscaped;
        var name = reader.ValueSpan;
        for (int tried = 0, i = previous + 1; tried < _fieldNames.Length; tried++, i++)
        {
            if (i == _fieldNames.Length)
                i = 0;
            if (escaped ? reader.ValueTextEquals(_fieldNames[i]) : name.SequenceEqual(_fieldNames[i]))
                return i;
        }
        return -1;
    }
}
