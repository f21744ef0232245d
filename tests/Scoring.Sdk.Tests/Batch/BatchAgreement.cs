using Scoring.Evaluation;
using Scoring.RuleSets;

namespace Scoring.Evaluation.Batch.Testing;

/// <summary>Compares a backend's results with the reference row by row and names the first row that differs.</summary>
internal static class BatchAgreement
{
    /// <summary>The tree-walking interpreter's results (every output) for every row: the oracle for programs built directly as IR.</summary>
    public static RowOutputs[] Interpret(RuleProgram program, ReportBatch batch) =>
        Enumerable.Range(0, batch.Count).Select(row => IrInterpreter.EvaluateRow(program, batch, row)).ToArray();

    /// <summary>Rows of per-output values and errors (as a backend wrote them) as <see cref="RowOutputs"/>.</summary>
    public static RowOutputs[] Rows(RuleProgram program, int count, long[][] values, EvaluationError[] errors)
    {
        var outputs = program.Outputs.Select(o => new RuleOutput(o.Name, o.Type)).ToArray();
        return Enumerable.Range(0, count).Select(row => new RowOutputs(outputs, errors[row], values.Select(v => v[row]).ToArray())).ToArray();
    }

    /// <summary>null when equal, else the first differing row: for a rule set with one output, checked against its documented results.</summary>
    public static string? FirstDifference(ReportBatch batch, IReadOnlyList<RowResult> expected, BatchResults actual)
    {
        if (actual.Count != expected.Count) return $"expected {expected.Count} results, got {actual.Count}";
        if (actual.OutputCount != 1) return $"expected results of one output, got {actual.OutputCount}";
        for (var row = 0; row < expected.Count; row++)
        {
            if (expected[row] != actual[row]) return $"row {row} ({Inputs(batch, row)}): expected {expected[row]}, got {actual[row]}";
        }
        return null;
    }

    /// <summary>null when equal (error and every output's 64-bit value of every row), else the first differing row.</summary>
    public static string? FirstDifference(ReportBatch batch, IReadOnlyList<RowOutputs> expected, BatchResults actual)
    {
        if (actual.Count != expected.Count) return $"expected {expected.Count} results, got {actual.Count}";
        if (expected.Count > 0 && !actual.OutputTypes.SequenceEqual(expected[0].Outputs.Select(o => o.Type)))
        {
            return $"expected outputs of types {string.Join(",", expected[0].Outputs.Select(o => o.Type))}, got {string.Join(",", actual.OutputTypes)}";
        }
        for (var row = 0; row < expected.Count; row++)
        {
            var values = Enumerable.Range(0, actual.OutputCount).Select(k => actual.Values(k)[row]).ToArray();
            if (expected[row].Error != actual.Errors[row] || !expected[row].Values.SequenceEqual(values))
            {
                return $"row {row} ({Inputs(batch, row)}): expected {Show(expected[row].Error, expected[row].Values)}, got {Show(actual.Errors[row], values)}";
            }
        }
        return null;
    }

    /// <summary>null when equal (error and every output's 64-bit value of every row), else the first differing row.</summary>
    public static string? FirstDifference(ReportBatch batch, IReadOnlyList<RowOutputs> expected, IReadOnlyList<RowOutputs> actual)
    {
        if (actual.Count != expected.Count) return $"expected {expected.Count} results, got {actual.Count}";
        for (var row = 0; row < expected.Count; row++)
        {
            if (expected[row].Error != actual[row].Error || !expected[row].Values.SequenceEqual(actual[row].Values))
            {
                return $"row {row} ({Inputs(batch, row)}): expected {Show(expected[row].Error, expected[row].Values)}, got {Show(actual[row].Error, actual[row].Values)}";
            }
        }
        return null;
    }

    private static string Show(EvaluationError error, IEnumerable<long> values) => $"{error} [{string.Join(", ", values.Select(v => $"0x{v:x16}"))}]";

    private static string Inputs(ReportBatch batch, int row) => string.Join(", ", batch.Inputs.Select(i => $"{i.Name}={Cell(batch, i, row)}"));

    private static string Cell(ReportBatch batch, IrInput input, int row) => input.Type switch
    {
        IrType.Double => batch.DoubleColumn(input.Index)[row].ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        IrType.Int => batch.IntColumn(input.Index)[row].ToString(System.Globalization.CultureInfo.InvariantCulture),
        IrType.Bool => batch.BoolColumn(input.Index)[row] ? "true" : "false",
        _ => "\"" + batch.DecodeString(batch.SymbolColumn(input.Index)[row]) + "\"",
    };
}
