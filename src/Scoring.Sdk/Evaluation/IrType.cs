namespace Scoring.Evaluation;

/// <summary>The run-time type of an IR value, and so of a <see cref="ReportBatch"/> column.</summary>
internal enum IrType : byte
{
    /// <summary>Boolean. Column: <c>bool[]</c>.</summary>
    Bool,

    /// <summary>64-bit signed integer. Column: <c>long[]</c>. Only compared, looked up and converted; never in arithmetic.</summary>
    Int,

    /// <summary>IEEE-754 binary64. Column: <c>double[]</c>. All arithmetic happens in this type.</summary>
    Double,

    /// <summary>An interned string: an <c>int</c> id from <see cref="SymbolTable"/>. Column: <c>int[]</c>. Only compared and looked up.</summary>
    Symbol,
}
