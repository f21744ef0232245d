namespace Scoring.Evaluation.Batch;

/// <summary>Where an instruction reads a chunk of values: straight from a batch column, or from a register.</summary>
internal enum SimdOperandKind : byte
{
    DoubleColumn,
    LongColumn,
    DoubleRegister,
    LongRegister,
}

/// <summary>An instruction operand: a column (read in place, no copy) or a register of <see cref="SimdFrame"/>.</summary>
internal readonly record struct SimdOperand(SimdOperandKind Kind, int Index)
{
    public bool IsRegister => Kind is SimdOperandKind.DoubleRegister or SimdOperandKind.LongRegister;

    public bool IsDouble => Kind is SimdOperandKind.DoubleColumn or SimdOperandKind.DoubleRegister;

    public static SimdOperand DoubleRegister(int index) => new(SimdOperandKind.DoubleRegister, index);

    public static SimdOperand LongRegister(int index) => new(SimdOperandKind.LongRegister, index);
}
