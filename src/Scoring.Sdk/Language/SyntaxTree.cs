using Scoring.RuleSets;

namespace Scoring.Language;

/// <summary>Operators written before an operand.</summary>
internal enum UnaryOperator
{
    /// <summary><c>-x</c>.</summary>
    Negate,

    /// <summary><c>!x</c>.</summary>
    Not,
}

/// <summary>Operators written between two operands.</summary>
internal enum BinaryOperator
{
    /// <summary><c>+</c></summary>
    Add,

    /// <summary><c>-</c></summary>
    Subtract,

    /// <summary><c>*</c></summary>
    Multiply,

    /// <summary><c>/</c></summary>
    Divide,

    /// <summary><c>%</c></summary>
    Remainder,

    /// <summary><c>==</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,

    /// <summary><c>&lt;</c></summary>
    Less,

    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,

    /// <summary><c>&gt;</c></summary>
    Greater,

    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,

    /// <summary><c>&amp;&amp;</c></summary>
    And,

    /// <summary><c>||</c></summary>
    Or,
}

/// <summary>
/// A node of the untyped syntax tree produced by <see cref="ExpressionParser"/>. <see cref="Depth"/> is bounded by
/// <see cref="RuleSetLimits.MaxExpressionDepth"/>, so recursive walkers are safe.
/// Compare trees with <see cref="SyntaxEquals"/>, which ignores positions.
/// </summary>
internal abstract class SyntaxNode
{
    private protected SyntaxNode(SourceSpan span, int depth)
    {
        Span = span;
        Depth = depth;
    }

    /// <summary>Where the node is in the expression text.</summary>
    public SourceSpan Span { get; }

    /// <summary>1 for a leaf, else 1 + the deepest child.</summary>
    public int Depth { get; }

    /// <summary>Structural equality, ignoring <see cref="Span"/>; doubles compare by bit pattern.</summary>
    public static bool SyntaxEquals(SyntaxNode? a, SyntaxNode? b) => (a, b) switch
    {
        (null, null) => true,
        (LiteralSyntax x, LiteralSyntax y) => x.Value.Equals(y.Value),
        (NameSyntax x, NameSyntax y) => x.Name == y.Name,
        (UnarySyntax x, UnarySyntax y) => x.Operator == y.Operator && SyntaxEquals(x.Operand, y.Operand),
        (BinarySyntax x, BinarySyntax y) => x.Operator == y.Operator && SyntaxEquals(x.Left, y.Left) && SyntaxEquals(x.Right, y.Right),
        (ConditionalSyntax x, ConditionalSyntax y) => SyntaxEquals(x.Condition, y.Condition) && SyntaxEquals(x.WhenTrue, y.WhenTrue) && SyntaxEquals(x.WhenFalse, y.WhenFalse),
        (CallSyntax x, CallSyntax y) => x.Function == y.Function && ListEquals(x.Arguments, y.Arguments),
        (IndexSyntax x, IndexSyntax y) => x.Table == y.Table && SyntaxEquals(x.Key, y.Key),
        (InSyntax x, InSyntax y) => SyntaxEquals(x.Value, y.Value) && ListEquals(x.Items, y.Items),
        _ => false,
    };

    /// <summary>The expression as text (see <see cref="ExpressionPrinter"/>).</summary>
    public override string ToString() => ExpressionPrinter.Print(this);

    private protected static int DepthOf(params ReadOnlySpan<SyntaxNode> children)
    {
        var max = 0;
        foreach (var c in children) max = Math.Max(max, c.Depth);
        return max + 1;
    }

    private static bool ListEquals(IReadOnlyList<SyntaxNode> a, IReadOnlyList<SyntaxNode> b)
    {
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
        {
            if (!SyntaxEquals(a[i], b[i])) return false;
        }
        return true;
    }
}

/// <summary>A literal: int, double, bool or string.</summary>
internal sealed class LiteralSyntax(ScalarValue value, SourceSpan span) : SyntaxNode(span, 1)
{
    /// <summary>The literal's value.</summary>
    public ScalarValue Value { get; } = value;
}

/// <summary>A name: an input, parameter or variable.</summary>
internal sealed class NameSyntax(string name, SourceSpan span) : SyntaxNode(span, 1)
{
    /// <summary>The name.</summary>
    public string Name { get; } = name;
}

/// <summary><c>-x</c> or <c>!x</c>.</summary>
internal sealed class UnarySyntax(UnaryOperator op, SyntaxNode operand, SourceSpan span) : SyntaxNode(span, DepthOf(operand))
{
    /// <summary>The operator.</summary>
    public UnaryOperator Operator { get; } = op;

    /// <summary>The operand.</summary>
    public SyntaxNode Operand { get; } = operand;
}

/// <summary><c>a op b</c>.</summary>
internal sealed class BinarySyntax(BinaryOperator op, SyntaxNode left, SyntaxNode right, SourceSpan span) : SyntaxNode(span, DepthOf(left, right))
{
    /// <summary>The operator.</summary>
    public BinaryOperator Operator { get; } = op;

    /// <summary>The left operand.</summary>
    public SyntaxNode Left { get; } = left;

    /// <summary>The right operand.</summary>
    public SyntaxNode Right { get; } = right;
}

/// <summary><c>c ? a : b</c>.</summary>
internal sealed class ConditionalSyntax(SyntaxNode condition, SyntaxNode whenTrue, SyntaxNode whenFalse, SourceSpan span)
    : SyntaxNode(span, DepthOf(condition, whenTrue, whenFalse))
{
    /// <summary>The condition.</summary>
    public SyntaxNode Condition { get; } = condition;

    /// <summary>The value when true.</summary>
    public SyntaxNode WhenTrue { get; } = whenTrue;

    /// <summary>The value when false.</summary>
    public SyntaxNode WhenFalse { get; } = whenFalse;
}

/// <summary><c>f(a, b, …)</c>: a built-in function (<c>min max clamp abs floor ceil tier</c>).</summary>
internal sealed class CallSyntax(string function, IReadOnlyList<SyntaxNode> arguments, SourceSpan nameSpan, SourceSpan span)
    : SyntaxNode(span, arguments.Count == 0 ? 1 : arguments.Max(a => a.Depth) + 1)
{
    /// <summary>The function name.</summary>
    public string Function { get; } = function;

    /// <summary>Where the function name is.</summary>
    public SourceSpan NameSpan { get; } = nameSpan;

    /// <summary>The arguments.</summary>
    public IReadOnlyList<SyntaxNode> Arguments { get; } = arguments;
}

/// <summary><c>table[key]</c>.</summary>
internal sealed class IndexSyntax(string table, SyntaxNode key, SourceSpan nameSpan, SourceSpan span) : SyntaxNode(span, DepthOf(key))
{
    /// <summary>The table name.</summary>
    public string Table { get; } = table;

    /// <summary>Where the table name is.</summary>
    public SourceSpan NameSpan { get; } = nameSpan;

    /// <summary>The key.</summary>
    public SyntaxNode Key { get; } = key;
}

/// <summary><c>x in [a, b, …]</c>; the items are literals (optionally negated numbers).</summary>
internal sealed class InSyntax(SyntaxNode value, IReadOnlyList<SyntaxNode> items, SourceSpan span)
    : SyntaxNode(span, Math.Max(value.Depth, items.Count == 0 ? 0 : items.Max(i => i.Depth)) + 1)
{
    /// <summary>The value tested.</summary>
    public SyntaxNode Value { get; } = value;

    /// <summary>The list items.</summary>
    public IReadOnlyList<SyntaxNode> Items { get; } = items;
}
