using Scoring.Reports;

namespace Scoring.Evaluation.Binding;

/// <summary>
/// Binds a compiled rule set's inputs to the <see cref="RowField{TRow}"/>s of a row type by name, checked once, so
/// filling a <see cref="ReportBatch"/> row is a loop of typed copies. An int field may feed an int or double input; a
/// double field a double input; strings and bools their own types.
/// </summary>
/// <typeparam name="TRow">What rows are read from: a <see cref="Report"/>, or a scheme's facts.</typeparam>
internal sealed class RowBinding<TRow>
{
    private readonly Action<ReportBatch, int, TRow>[] _setters;

    private RowBinding(CompiledRuleSet ruleSet, Action<ReportBatch, int, TRow>[] setters)
    {
        RuleSet = ruleSet;
        _setters = setters;
    }

    /// <summary>The rule set bound.</summary>
    public CompiledRuleSet RuleSet { get; }

    /// <summary>Binds every input of <paramref name="ruleSet"/> to a field of <paramref name="fields"/>.</summary>
    /// <param name="ruleSet">The rule set.</param>
    /// <param name="fields">What a row offers.</param>
    /// <param name="rowName">What a row is, for messages (e.g. <c>"image" reports</c>).</param>
    /// <exception cref="RuleSetException">An input names no field, or the types do not fit; the message lists the fields.</exception>
    public static RowBinding<TRow> Create(CompiledRuleSet ruleSet, IEnumerable<RowField<TRow>> fields, string rowName)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(fields);
        var byName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var inputs = ruleSet.Program.Inputs;
        var setters = new Action<ReportBatch, int, TRow>[inputs.Count];
        var problems = new List<string>();
        foreach (var input in inputs)
        {
            if (!byName.TryGetValue(input.Name, out var field))
            {
                problems.Add($"input '{input.Name}' is not a field of {rowName}");
                continue;
            }
            int column = input.Index;
            Action<ReportBatch, int, TRow>? setter = (input.Type, field.Type) switch
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
                problems.Add($"input '{input.Name}' is declared {Describe(input.Type)} but the field is {field.Type.ToString().ToLowerInvariant()}");
                continue;
            }
            setters[column] = setter;
        }
        if (problems.Count > 0)
        {
            throw new RuleSetException(
                $"Rule set {ruleSet.RuleSet} cannot read {rowName}: {string.Join("; ", problems)}. " +
                $"Fields of {rowName}: {string.Join(", ", byName.Values.Select(f => $"{f.Name} ({f.Type.ToString().ToLowerInvariant()})"))}.");
        }
        return new RowBinding<TRow>(ruleSet, setters);
    }

    /// <summary>Appends <paramref name="row"/> to <paramref name="batch"/> and returns the row index.</summary>
    public int Add(ReportBatch batch, TRow row)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int index = batch.AddRow();
        foreach (var set in _setters)
            set(batch, index, row);
        return index;
    }

    private static string Describe(IrType type) => type == IrType.Symbol ? "string" : type.ToString().ToLowerInvariant();
}
