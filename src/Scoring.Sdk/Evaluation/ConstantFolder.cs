namespace Scoring.Evaluation;

/// <summary>
/// Folds constant sub-expressions of the IR, bottom up. It never changes a result or an error: an operation that
/// would raise an error at run time (division by a constant zero, a constant key missing from a table without
/// default, a constant below the first tier without default) is left in place, and <c>&amp;&amp;</c>, <c>||</c> and
/// <c>?:</c> are only simplified on a constant left side / condition, where evaluation order already skips the rest.
/// </summary>
internal static class ConstantFolder
{
    /// <summary>Returns an equivalent expression with constant parts folded.</summary>
    public static IrExpression Fold(IrExpression e)
    {
        switch (e)
        {
            case IrUnary u:
            {
                var operand = Fold(u.Operand);
                if (operand is IrConstant c)
                {
                    return u.Op switch
                    {
                        IrUnaryOp.Not => IrConstant.Bool(!c.BoolValue, u.Span),
                        IrUnaryOp.IntToDouble => IrConstant.Double(c.IntValue, u.Span),
                        _ => IrConstant.Double(IrSemantics.Unary(u.Op, c.DoubleValue), u.Span),
                    };
                }
                return ReferenceEquals(operand, u.Operand) ? u : new IrUnary(u.Op, operand, u.Type, u.Span);
            }
            case IrBinary b:
            {
                var left = Fold(b.Left);
                if (b.Op is IrBinaryOp.And or IrBinaryOp.Or && left is IrConstant decided)
                {
                    // false && x = false, true || x = true (x never runs); true && x = x, false || x = x
                    var isAnd = b.Op == IrBinaryOp.And;
                    return decided.BoolValue == isAnd ? Fold(b.Right) : IrConstant.Bool(!isAnd, b.Span);
                }
                var right = Fold(b.Right);
                if (left is IrConstant l && right is IrConstant r)
                {
                    if (IrSemantics.IsArithmetic(b.Op))
                    {
                        if (!(IrSemantics.IsDivision(b.Op) && r.DoubleValue == 0))
                        {
                            return IrConstant.Double(IrSemantics.Arithmetic(b.Op, l.DoubleValue, r.DoubleValue), b.Span);
                        }
                    }
                    else if (IrSemantics.IsComparison(b.Op))
                    {
                        var result = l.Type == IrType.Double
                            ? IrSemantics.Compare(b.Op, l.DoubleValue, r.DoubleValue)
                            : IrSemantics.Compare(b.Op, Bits(l), Bits(r));
                        return IrConstant.Bool(result, b.Span);
                    }
                }
                return ReferenceEquals(left, b.Left) && ReferenceEquals(right, b.Right) ? b : new IrBinary(b.Op, left, right, b.Type, b.Span);
            }
            case IrConditional c:
            {
                var condition = Fold(c.Condition);
                if (condition is IrConstant k) return Fold(k.BoolValue ? c.WhenTrue : c.WhenFalse);
                var t = Fold(c.WhenTrue);
                var f = Fold(c.WhenFalse);
                return ReferenceEquals(condition, c.Condition) && ReferenceEquals(t, c.WhenTrue) && ReferenceEquals(f, c.WhenFalse)
                    ? c
                    : new IrConditional(condition, t, f, c.Span);
            }
            case IrMembership m:
            {
                var value = Fold(m.Value);
                if (value is IrConstant v)
                {
                    var found = value.Type == IrType.Double
                        ? IrSemantics.Contains(m.DoubleItems.ToArray(), v.DoubleValue)
                        : IrSemantics.Contains(m.IntItems.ToArray(), Bits(v));
                    return IrConstant.Bool(found, m.Span);
                }
                return ReferenceEquals(value, m.Value) ? m : new IrMembership(value, m.IntItems.ToArray(), m.DoubleItems.ToArray(), m.Span);
            }
            case IrTableLookup t:
            {
                var key = Fold(t.Key);
                if (key is IrConstant k)
                {
                    var i = t.Table.Find(Bits(k));
                    if (i >= 0) return IrConstant.Double(t.Table.Values[i], t.Span);
                    if (t.Table.Default is { } d) return IrConstant.Double(d, t.Span);
                }
                return ReferenceEquals(key, t.Key) ? t : new IrTableLookup(t.Table, key, t.Span);
            }
            case IrTierLookup t:
            {
                var value = Fold(t.Value);
                if (value is IrConstant x)
                {
                    var i = t.Tier.Find(x.DoubleValue);
                    if (i >= 0) return IrConstant.Double(t.Tier.Values[i], t.Span);
                    if (t.Tier.Default is { } d) return IrConstant.Double(d, t.Span);
                }
                return ReferenceEquals(value, t.Value) ? t : new IrTierLookup(t.Tier, value, t.Span);
            }
            default:
                return e;
        }
    }

    private static long Bits(IrConstant c) => c.Type switch
    {
        IrType.Bool => c.BoolValue ? 1 : 0,
        IrType.Symbol => c.SymbolValue,
        _ => c.IntValue,
    };
}
