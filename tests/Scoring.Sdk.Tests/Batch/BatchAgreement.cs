using Scoring.Evaluation;

namespace Scoring.Evaluation.Batch.Testing;

/// <summary>Compares a backend's results with the reference row by row and names the first row that differs.</summary>
public static class BatchAgreement
{
    /// <summary>The tree-walking interpreter's result for every row: the oracle for programs built directly as IR.</summary>
    public static RowResult[] Interpret(RuleProgram program, ReportBatch batch) =>
        Enumerable.Range(0, batch.Count).Select(row => IrInterpreter.Evaluate(program, batch, row)).ToArray();

    /// <summary>null when equal, else a description of the first differing row (its inputs, both results).</summary>
    public static string? FirstDifference(ReportBatch batch, IReadOnlyList<RowResult> expected, BatchResults actual)
    {
        if (actual.Count != expected.Count) return $"expected {expected.Count} results, got {actual.Count}";
        for (var row = 0; row < expected.Count; row++)
        {
            if (expected[row] != actual[row])
            {
                var inputs = string.Join(", ", batch.Inputs.Select(i => $"{i.Name}={Cell(batch, i, row)}"));
                return $"row {row} ({inputs}): expected {expected[row]}, got {actual[row]}";
            }
        }
        return null;
    }

    private static string Cell(ReportBatch batch, IrInput input, int row) => input.Type switch
    {
        IrType.Double => batch.DoubleColumn(input.Index)[row].ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        IrType.Int => batch.IntColumn(input.Index)[row].ToString(System.Globalization.CultureInfo.InvariantCulture),
        IrType.Bool => batch.BoolColumn(input.Index)[row] ? "true" : "false",
        _ => "\"" + batch.DecodeString(batch.SymbolColumn(input.Index)[row]) + "\"",
    };
}
