using Scoring.Language;

namespace Scoring.Evaluation;

/// <summary>
/// A node of the typed IR expression tree. The tree is immutable, fully typed (every conversion explicit, e.g.
/// <see cref="IrUnaryOp.IntToDouble"/>), names resolved (inputs to columns, parameters inlined as constants,
/// variables to slots, strings to symbol ids, tables to <see cref="IrTable"/>/<see cref="IrTier"/>), and its depth is
/// bounded by <c>RuleSetLimits.MaxExpressionDepth</c>, so recursive walkers are safe.
/// </summary>
/// <remarks>
/// Evaluation order (it decides which error a row reports when several could happen): depth-first, operands left
/// to right; <see cref="IrConditional"/> evaluates the condition then only the chosen branch; <see cref="IrBinaryOp.And"/>
/// and <see cref="IrBinaryOp.Or"/> short-circuit. Errors come only from evaluated nodes; the first one is the row's
/// error. Backends that evaluate both branches (SIMD) must mask errors of the branch not taken.
/// Walk with a <c>switch</c> over the sealed node types below.
/// </remarks>
internal abstract class IrExpression
{
    private protected IrExpression(IrType type, SourceSpan span)
    {
        Type = type;
        Span = span;
    }

    /// <summary>The value type of this node.</summary>
    public IrType Type { get; }

    /// <summary>Where the node came from in its expression text (for diagnostics and explain); may be empty.</summary>
    public SourceSpan Span { get; }
}

/// <summary>A constant. Read the member matching <see cref="IrExpression.Type"/>.</summary>
internal sealed class IrConstant : IrExpression
{
    private IrConstant(IrType type, double d, long bits, SourceSpan span) : base(type, span)
    {
        DoubleValue = d;
        Bits = bits;
    }

    /// <summary>The value when the type is <see cref="IrType.Double"/>.</summary>
    public double DoubleValue { get; }

    /// <summary>The value when the type is <see cref="IrType.Int"/>.</summary>
    public long IntValue => Bits;

    /// <summary>The value when the type is <see cref="IrType.Bool"/>.</summary>
    public bool BoolValue => Bits != 0;

    /// <summary>The symbol id when the type is <see cref="IrType.Symbol"/>.</summary>
    public int SymbolValue => (int)Bits;

    private long Bits { get; }

    /// <summary>A Double constant.</summary>
    public static IrConstant Double(double value, SourceSpan span = default) => new(IrType.Double, value, 0, span);

    /// <summary>An Int constant.</summary>
    public static IrConstant Int(long value, SourceSpan span = default) => new(IrType.Int, 0, value, span);

    /// <summary>A Bool constant.</summary>
    public static IrConstant Bool(bool value, SourceSpan span = default) => new(IrType.Bool, 0, value ? 1 : 0, span);

    /// <summary>A Symbol constant (a <see cref="SymbolTable"/> id).</summary>
    public static IrConstant Symbol(int id, SourceSpan span = default) => new(IrType.Symbol, 0, id, span);
}

/// <summary>Reads the current row's value of input column <see cref="Input"/>.</summary>
internal sealed class IrInputRead(IrInput input, SourceSpan span = default) : IrExpression(input.Type, span)
{
    /// <summary>The input (column) read.</summary>
    public IrInput Input { get; } = input;
}

/// <summary>Reads variable slot <see cref="Variable"/>. The type checker guarantees it was assigned on every path before.</summary>
internal sealed class IrVariableRead(IrVariable variable, SourceSpan span = default) : IrExpression(variable.Type, span)
{
    /// <summary>The variable read.</summary>
    public IrVariable Variable { get; } = variable;
}

/// <summary>A unary operator; see <see cref="IrUnaryOp"/> for types.</summary>
internal sealed class IrUnary(IrUnaryOp op, IrExpression operand, IrType type, SourceSpan span = default) : IrExpression(type, span)
{
    /// <summary>The operator.</summary>
    public IrUnaryOp Op { get; } = op;

    /// <summary>The operand.</summary>
    public IrExpression Operand { get; } = operand;
}

/// <summary>A binary operator; see <see cref="IrBinaryOp"/> for types, order and errors.</summary>
internal sealed class IrBinary(IrBinaryOp op, IrExpression left, IrExpression right, IrType type, SourceSpan span = default) : IrExpression(type, span)
{
    /// <summary>The operator.</summary>
    public IrBinaryOp Op { get; } = op;

    /// <summary>The left operand, evaluated first.</summary>
    public IrExpression Left { get; } = left;

    /// <summary>The right operand.</summary>
    public IrExpression Right { get; } = right;
}

/// <summary><c>Condition ? WhenTrue : WhenFalse</c>; only the chosen branch is evaluated.</summary>
internal sealed class IrConditional(IrExpression condition, IrExpression whenTrue, IrExpression whenFalse, SourceSpan span = default)
    : IrExpression(whenTrue.Type, span)
{
    /// <summary>The Bool condition.</summary>
    public IrExpression Condition { get; } = condition;

    /// <summary>The value when the condition is true.</summary>
    public IrExpression WhenTrue { get; } = whenTrue;

    /// <summary>The value when the condition is false (same type as <see cref="WhenTrue"/>).</summary>
    public IrExpression WhenFalse { get; } = whenFalse;
}

/// <summary>
/// <c>Value in [..]</c> → Bool: equal (<c>==</c>) to any item. For Int and Symbol values the items are
/// <see cref="IntItems"/>; for Double values <see cref="DoubleItems"/> (never NaN, <c>-0.0</c> stored as <c>0.0</c>).
/// Items are sorted ascending and distinct, so a backend may binary-search.
/// </summary>
internal sealed class IrMembership : IrExpression
{
    /// <summary>Creates a membership test; items must be sorted ascending and distinct.</summary>
    public IrMembership(IrExpression value, long[] intItems, double[] doubleItems, SourceSpan span = default) : base(IrType.Bool, span)
    {
        Value = value;
        IntItems = intItems;
        DoubleItems = doubleItems;
    }

    /// <summary>The value tested (Int, Symbol or Double).</summary>
    public IrExpression Value { get; }

    /// <summary>The items when <see cref="Value"/> is Int or Symbol; otherwise empty.</summary>
    public IReadOnlyList<long> IntItems { get; }

    /// <summary>The items when <see cref="Value"/> is Double; otherwise empty.</summary>
    public IReadOnlyList<double> DoubleItems { get; }
}

/// <summary><c>table[Key]</c> → Double; see <see cref="IrTable"/> for missing keys.</summary>
internal sealed class IrTableLookup(IrTable table, IrExpression key, SourceSpan span = default) : IrExpression(IrType.Double, span)
{
    /// <summary>The table.</summary>
    public IrTable Table { get; } = table;

    /// <summary>The key, of type <see cref="IrTable.KeyType"/>.</summary>
    public IrExpression Key { get; } = key;
}

/// <summary><c>tier(tier, Value)</c> → Double; see <see cref="IrTier"/>.</summary>
internal sealed class IrTierLookup(IrTier tier, IrExpression value, SourceSpan span = default) : IrExpression(IrType.Double, span)
{
    /// <summary>The tier table.</summary>
    public IrTier Tier { get; } = tier;

    /// <summary>The Double looked up.</summary>
    public IrExpression Value { get; } = value;
}
