using Scoring.Evaluation;
using Scoring.Reports;

namespace Scoring.Ingestion;

/// <summary>
/// Binds a compiled rule set's inputs to the fields of one report kind by name (the JSON names of
/// <c>docs/formats.md</c>), checked once, so filling a <see cref="ReportBatch"/> row is a loop of typed copies.
/// </summary>
public sealed class ReportRowBinding
{
    private readonly Action<ReportBatch, int, Report>[] _setters;

    private ReportRowBinding(CompiledRuleSet ruleSet, ReportKind kind, Action<ReportBatch, int, Report>[] setters)
    {
        RuleSet = ruleSet;
        Kind = kind;
        _setters = setters;
    }

    /// <summary>The rule set bound.</summary>
    public CompiledRuleSet RuleSet { get; }

    /// <summary>The report kind bound.</summary>
    public ReportKind Kind { get; }

    /// <summary>
    /// Binds every input of <paramref name="ruleSet"/> to a field of <paramref name="kind"/> reports. An int field may feed
    /// an int or double input; a double field a double input; strings and bools their own types.
    /// </summary>
    /// <exception cref="ArgumentException">An input names no field of that report kind, or the types do not fit; the message lists the fields.</exception>
    public static ReportRowBinding Create(CompiledRuleSet ruleSet, ReportKind kind)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        var fields = ReportFields.Of(kind);
        var inputs = ruleSet.Program.Inputs;
        var setters = new Action<ReportBatch, int, Report>[inputs.Count];
        var problems = new List<string>();
        foreach (var input in inputs)
        {
            if (!fields.TryGetValue(input.Name, out var field))
            {
                problems.Add($"input '{input.Name}' is not a field of {kind} reports");
                continue;
            }
            int column = input.Index;
            Action<ReportBatch, int, Report>? setter = (input.Type, field.Type) switch
            {
                (IrType.Int, ReportFieldType.Int) => (b, row, r) => b.IntColumn(column)[row] = field.ReadInt!(r),
                (IrType.Double, ReportFieldType.Int) => (b, row, r) => b.DoubleColumn(column)[row] = field.ReadInt!(r),
                (IrType.Double, ReportFieldType.Double) => (b, row, r) => b.DoubleColumn(column)[row] = field.ReadDouble!(r),
                (IrType.Symbol, ReportFieldType.String) => (b, row, r) => b.SymbolColumn(column)[row] = b.EncodeString(field.ReadString!(r)),
                (IrType.Bool, ReportFieldType.Bool) => (b, row, r) => b.BoolColumn(column)[row] = field.ReadBool!(r),
                _ => null,
            };
            if (setter is null)
            {
                problems.Add($"input '{input.Name}' is declared {Describe(input.Type)} but the report field is {field.Type.ToString().ToLowerInvariant()}");
                continue;
            }
            setters[column] = setter;
        }
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                $"Rule set {ruleSet.RuleSet} cannot read {kind} reports: {string.Join("; ", problems)}. " +
                $"Fields of {kind} reports: {string.Join(", ", fields.Values.Select(f => $"{f.Name} ({f.Type.ToString().ToLowerInvariant()})"))}.");
        }
        return new ReportRowBinding(ruleSet, kind, setters);
    }

    /// <summary>Appends <paramref name="report"/> as a row of <paramref name="batch"/> and returns the row index.</summary>
    /// <exception cref="ArgumentException">The report is not of the bound kind.</exception>
    public int Add(ReportBatch batch, Report report)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(report);
        if (report.Kind != Kind)
        {
            throw new ArgumentException($"This binding reads {Kind} reports, not {report.Kind}.", nameof(report));
        }
        int row = batch.AddRow();
        foreach (var set in _setters)
        {
            set(batch, row, report);
        }
        return row;
    }

    private static string Describe(IrType type) => type == IrType.Symbol ? "string" : type.ToString().ToLowerInvariant();
}
