using Scoring.Evaluation;
using Scoring.RuleSets;

namespace Scoring.Language;

/// <summary>
/// Checks the types of one syntax tree and lowers it to IR: resolves names, inlines parameters, interns strings,
/// makes every int → double conversion explicit, and expands <c>clamp</c> and n-ary <c>min</c>/<c>max</c>.
/// Stops at the first error of an expression. Recursion depth equals tree depth, which the parser bounded.
/// </summary>
internal sealed class TypeChecker
{
    /// <summary>Built-in function names; reserved, so no input, parameter or table may use them.</summary>
    public static readonly IReadOnlySet<string> Functions = new HashSet<string>(StringComparer.Ordinal) { "min", "max", "clamp", "abs", "floor", "ceil", "tier", "tableMax" };

    private readonly TypeScope _scope;
    private readonly RuleSetLimits _limits;
    private readonly string _text;

    private TypeChecker(TypeScope scope, RuleSetLimits limits, string text)
    {
        _scope = scope;
        _limits = limits;
        _text = text;
    }

    /// <summary>Lowers <paramref name="syntax"/> (parsed from <paramref name="text"/>); returns the IR or the first error.</summary>
    public static (IrExpression? Ir, Diagnostic? Error) Lower(SyntaxNode syntax, string text, TypeScope scope, RuleSetLimits limits)
    {
        try
        {
            return (new TypeChecker(scope, limits, text).Visit(syntax), null);
        }
        catch (ExpressionSyntaxException e)
        {
            var (line, column) = SourceSpan.LineColumn(text, e.Span.Start);
            var shown = text.Substring(e.Span.Start, Math.Min(e.Span.Length, 60));
            return (null, new Diagnostic(e.Code, e.Message, string.Empty, line, column, shown));
        }
    }

    /// <summary>Names the type for messages.</summary>
    public static string TypeName(IrType type) => type switch
    {
        IrType.Bool => "bool",
        IrType.Int => "int",
        IrType.Double => "double",
        _ => "string",
    };

    private static bool IsNumeric(IrType t) => t is IrType.Int or IrType.Double;

    private T Count<T>(T node) where T : IrExpression
    {
        if (++_scope.NodeCount > _limits.MaxTotalNodes)
        {
            throw new ExpressionSyntaxException(DiagnosticCode.LimitExceeded, $"the rule set has more than the limit of {_limits.MaxTotalNodes} expression nodes", node.Span);
        }
        return node;
    }

    private ExpressionSyntaxException Mismatch(SyntaxNode at, string message) => new(DiagnosticCode.TypeMismatch, message, at.Span);

    private string Text(SyntaxNode node) => _text.Substring(node.Span.Start, Math.Min(node.Span.Length, 60));

    private IrExpression ToDouble(IrExpression e, SyntaxNode at, string role)
    {
        if (e.Type == IrType.Double) return e;
        if (e.Type == IrType.Int) return Count(new IrUnary(IrUnaryOp.IntToDouble, e, IrType.Double, e.Span));
        throw Mismatch(at, $"{role} must be a number, but '{Text(at)}' is {TypeName(e.Type)}");
    }

    private IrExpression Visit(SyntaxNode node)
    {
        switch (node)
        {
            case LiteralSyntax l:
                return Count(l.Value.Type switch
                {
                    ScalarType.Bool => IrConstant.Bool(l.Value.AsBool, l.Span),
                    ScalarType.Int => IrConstant.Int(l.Value.AsInt, l.Span),
                    ScalarType.Double => IrConstant.Double(l.Value.AsDouble, l.Span),
                    _ => IrConstant.Symbol(_scope.Symbols.GetId(l.Value.AsString), l.Span),
                });
            case NameSyntax n:
                return Name(n);
            case UnarySyntax u:
            {
                var operand = Visit(u.Operand);
                if (u.Operator == UnaryOperator.Not)
                {
                    if (operand.Type != IrType.Bool) throw Mismatch(u, $"'!' needs a bool, but '{Text(u.Operand)}' is {TypeName(operand.Type)}");
                    return Count(new IrUnary(IrUnaryOp.Not, operand, IrType.Bool, u.Span));
                }
                return Count(new IrUnary(IrUnaryOp.Negate, ToDouble(operand, u.Operand, "the operand of '-'"), IrType.Double, u.Span));
            }
            case BinarySyntax b:
                return Binary(b);
            case ConditionalSyntax c:
            {
                var condition = Visit(c.Condition);
                if (condition.Type != IrType.Bool) throw Mismatch(c.Condition, $"the condition of '?:' must be bool, but '{Text(c.Condition)}' is {TypeName(condition.Type)}");
                var whenTrue = Visit(c.WhenTrue);
                var whenFalse = Visit(c.WhenFalse);
                if (whenTrue.Type != whenFalse.Type)
                {
                    if (!IsNumeric(whenTrue.Type) || !IsNumeric(whenFalse.Type))
                    {
                        throw Mismatch(c, $"the branches of '?:' must have the same type, but '{Text(c.WhenTrue)}' is {TypeName(whenTrue.Type)} and '{Text(c.WhenFalse)}' is {TypeName(whenFalse.Type)}");
                    }
                    whenTrue = ToDouble(whenTrue, c.WhenTrue, "a branch");
                    whenFalse = ToDouble(whenFalse, c.WhenFalse, "a branch");
                }
                return Count(new IrConditional(condition, whenTrue, whenFalse, c.Span));
            }
            case CallSyntax call:
                return Call(call);
            case IndexSyntax index:
                return Index(index);
            case InSyntax @in:
                return Membership(@in);
            default:
                throw new ArgumentException($"Unknown syntax node {node.GetType().Name}.", nameof(node));
        }
    }

    private IrExpression Name(NameSyntax n)
    {
        if (_scope.Inputs.TryGetValue(n.Name, out var input)) return Count(new IrInputRead(input, n.Span));
        if (_scope.Parameters.TryGetValue(n.Name, out var p))
        {
            return Count(p.Type switch
            {
                ScalarType.Bool => IrConstant.Bool(p.AsBool, n.Span),
                ScalarType.Int => IrConstant.Int(p.AsInt, n.Span),
                ScalarType.Double => IrConstant.Double(p.AsDouble, n.Span),
                _ => IrConstant.Symbol(_scope.Symbols.GetId(p.AsString), n.Span),
            });
        }
        if (_scope.Variables.TryGetValue(n.Name, out var variable))
        {
            if (_scope.Assigned.Contains(n.Name) || _scope.AssignedInRule.Contains(n.Name)) return Count(new IrVariableRead(variable, n.Span));
            var why = _scope.ConditionallyAssignedBy.TryGetValue(n.Name, out var rule)
                ? $"rule '{rule}' assigns it only when its condition holds; assign it unconditionally in an earlier rule first"
                : "no earlier rule assigns it";
            throw new ExpressionSyntaxException(DiagnosticCode.UnassignedVariable, $"variable '{n.Name}' may be unassigned here: {why}", n.Span);
        }
        if (_scope.FirstAssignedBy.TryGetValue(n.Name, out var later))
        {
            throw new ExpressionSyntaxException(DiagnosticCode.UnassignedVariable, $"variable '{n.Name}' is read before any rule assigns it: rule '{later}' assigns it later, and rules run in order", n.Span);
        }
        if (_scope.Tables.ContainsKey(n.Name)) throw Mismatch(n, $"'{n.Name}' is a lookup table; read it as {n.Name}[key]");
        if (_scope.Tiers.ContainsKey(n.Name)) throw Mismatch(n, $"'{n.Name}' is a tier table; read it as tier({n.Name}, x)");
        throw new ExpressionSyntaxException(DiagnosticCode.UnknownName, $"unknown name '{n.Name}': not an input, parameter or variable assigned by an earlier rule", n.Span);
    }

    private IrExpression Binary(BinarySyntax b)
    {
        var left = Visit(b.Left);
        var right = Visit(b.Right);
        var spelled = ExpressionPrinter.Spell(b.Operator);
        switch (b.Operator)
        {
            case BinaryOperator.And:
            case BinaryOperator.Or:
                if (left.Type != IrType.Bool) throw Mismatch(b.Left, $"'{spelled}' needs bools, but '{Text(b.Left)}' is {TypeName(left.Type)}");
                if (right.Type != IrType.Bool) throw Mismatch(b.Right, $"'{spelled}' needs bools, but '{Text(b.Right)}' is {TypeName(right.Type)}");
                return Count(new IrBinary(b.Operator == BinaryOperator.And ? IrBinaryOp.And : IrBinaryOp.Or, left, right, IrType.Bool, b.Span));
            case BinaryOperator.Add:
            case BinaryOperator.Subtract:
            case BinaryOperator.Multiply:
            case BinaryOperator.Divide:
            case BinaryOperator.Remainder:
            {
                var role = $"an operand of '{spelled}'";
                var op = b.Operator switch
                {
                    BinaryOperator.Add => IrBinaryOp.Add,
                    BinaryOperator.Subtract => IrBinaryOp.Subtract,
                    BinaryOperator.Multiply => IrBinaryOp.Multiply,
                    BinaryOperator.Divide => IrBinaryOp.Divide,
                    _ => IrBinaryOp.Remainder,
                };
                return Count(new IrBinary(op, ToDouble(left, b.Left, role), ToDouble(right, b.Right, role), IrType.Double, b.Span));
            }
            default:
            {
                var op = b.Operator switch
                {
                    BinaryOperator.Equal => IrBinaryOp.Equal,
                    BinaryOperator.NotEqual => IrBinaryOp.NotEqual,
                    BinaryOperator.Less => IrBinaryOp.Less,
                    BinaryOperator.LessOrEqual => IrBinaryOp.LessOrEqual,
                    BinaryOperator.Greater => IrBinaryOp.Greater,
                    _ => IrBinaryOp.GreaterOrEqual,
                };
                var equality = op is IrBinaryOp.Equal or IrBinaryOp.NotEqual;
                if (IsNumeric(left.Type) && IsNumeric(right.Type))
                {
                    if (left.Type != right.Type)
                    {
                        left = ToDouble(left, b.Left, "operand");
                        right = ToDouble(right, b.Right, "operand");
                    }
                    return Count(new IrBinary(op, left, right, IrType.Bool, b.Span));
                }
                if (equality && left.Type == right.Type) return Count(new IrBinary(op, left, right, IrType.Bool, b.Span));
                if (!equality)
                {
                    var bad = IsNumeric(left.Type) ? b.Right : b.Left;
                    var badType = IsNumeric(left.Type) ? right.Type : left.Type;
                    throw Mismatch(bad, $"'{spelled}' compares numbers, but '{Text(bad)}' is {TypeName(badType)}");
                }
                throw Mismatch(b, $"cannot compare {TypeName(left.Type)} '{Text(b.Left)}' with {TypeName(right.Type)} '{Text(b.Right)}'");
            }
        }
    }

    private IrExpression Call(CallSyntax call)
    {
        var args = call.Arguments;
        void Arity(int min, int max)
        {
            if (args.Count < min || args.Count > max)
            {
                var wanted = min == max ? $"{min}" : max == int.MaxValue ? $"at least {min}" : $"{min} to {max}";
                throw new ExpressionSyntaxException(DiagnosticCode.WrongArgumentCount, $"'{call.Function}' takes {wanted} argument{(min == 1 && max == 1 ? "" : "s")}, not {args.Count}", call.Span);
            }
        }
        IrExpression Number(int i) => ToDouble(Visit(args[i]), args[i], $"argument {i + 1} of '{call.Function}'");

        switch (call.Function)
        {
            case "abs":
            case "floor":
            case "ceil":
            {
                Arity(1, 1);
                var op = call.Function switch { "abs" => IrUnaryOp.Abs, "floor" => IrUnaryOp.Floor, _ => IrUnaryOp.Ceiling };
                return Count(new IrUnary(op, Number(0), IrType.Double, call.Span));
            }
            case "min":
            case "max":
            {
                Arity(2, int.MaxValue);
                var op = call.Function == "min" ? IrBinaryOp.Min : IrBinaryOp.Max;
                var result = Number(0);
                for (var i = 1; i < args.Count; i++) result = Count(new IrBinary(op, result, Number(i), IrType.Double, call.Span));
                return result;
            }
            case "clamp":
            {
                // clamp(x, lo, hi) = min(max(x, lo), hi): operands in source order, so errors keep source order too
                Arity(3, 3);
                var x = Number(0);
                var lo = Number(1);
                var hi = Number(2);
                return Count(new IrBinary(IrBinaryOp.Min, Count(new IrBinary(IrBinaryOp.Max, x, lo, IrType.Double, call.Span)), hi, IrType.Double, call.Span));
            }
            case "tier":
            {
                Arity(2, 2);
                if (args[0] is not NameSyntax tableName)
                {
                    throw new ExpressionSyntaxException(DiagnosticCode.UnknownTier, $"the first argument of 'tier' must be the name of a tier table, not '{Text(args[0])}'", args[0].Span);
                }
                if (!_scope.Tiers.TryGetValue(tableName.Name, out var tier))
                {
                    var hint = _scope.Tables.ContainsKey(tableName.Name) ? $" ('{tableName.Name}' is a lookup table: read it as {tableName.Name}[key])" : string.Empty;
                    throw new ExpressionSyntaxException(DiagnosticCode.UnknownTier, $"unknown tier table '{tableName.Name}'{hint}", tableName.Span);
                }
                return Count(new IrTierLookup(tier, Number(1), call.Span));
            }
            case "tableMax":
                return TableMax(call);
            default:
                throw new ExpressionSyntaxException(DiagnosticCode.UnknownFunction, $"unknown function '{call.Function}' (functions: min, max, clamp, abs, floor, ceil, tier, tableMax)", call.NameSpan);
        }
    }

    /// <summary>
    /// <c>tableMax(table)</c>: the largest entry value of a lookup table (not its default), known when the rule set is
    /// compiled, so it becomes a Double constant here and every backend sees a literal. Entries are finite (tables
    /// with other values are refused before expressions are checked), and <c>Math.Max</c> ranks <c>+0.0</c> above
    /// <c>-0.0</c>, so the result does not depend on entry order.
    /// </summary>
    private IrExpression TableMax(CallSyntax call)
    {
        if (call.Arguments.Count != 1)
        {
            throw new ExpressionSyntaxException(DiagnosticCode.WrongArgumentCount, $"'tableMax' takes 1 argument (the name of a lookup table), not {call.Arguments.Count}", call.Span);
        }
        var argument = call.Arguments[0];
        if (argument is not NameSyntax tableName)
        {
            throw new ExpressionSyntaxException(DiagnosticCode.UnknownTable, $"the argument of 'tableMax' must be the name of a lookup table, not the expression '{Text(argument)}'", argument.Span);
        }
        if (!_scope.Tables.TryGetValue(tableName.Name, out var table))
        {
            var what = _scope.Tiers.ContainsKey(tableName.Name) ? $"'{tableName.Name}' is a tier table; tableMax takes a lookup table"
                : _scope.Inputs.ContainsKey(tableName.Name) || _scope.Parameters.ContainsKey(tableName.Name) || _scope.Variables.ContainsKey(tableName.Name) || _scope.FirstAssignedBy.ContainsKey(tableName.Name)
                    ? $"'{tableName.Name}' is not a lookup table; tableMax takes the name of one"
                    : $"unknown lookup table '{tableName.Name}'";
            throw new ExpressionSyntaxException(DiagnosticCode.UnknownTable, what, tableName.Span);
        }
        if (table.Values.Count == 0)
        {
            throw new ExpressionSyntaxException(DiagnosticCode.InvalidTable, $"table '{table.Name}' has no entries, so tableMax({table.Name}) has no value (its default does not count)", call.Span);
        }
        var max = table.Values[0];
        for (var i = 1; i < table.Values.Count; i++) max = Math.Max(max, table.Values[i]);
        return Count(IrConstant.Double(max, call.Span));
    }

    private IrExpression Index(IndexSyntax index)
    {
        if (!_scope.Tables.TryGetValue(index.Table, out var table))
        {
            var hint = _scope.Tiers.ContainsKey(index.Table) ? $" ('{index.Table}' is a tier table: read it as tier({index.Table}, x))" : string.Empty;
            throw new ExpressionSyntaxException(DiagnosticCode.UnknownTable, $"unknown lookup table '{index.Table}'{hint}", index.NameSpan);
        }
        var key = Visit(index.Key);
        if (key.Type != table.KeyType)
        {
            throw Mismatch(index.Key, $"table '{table.Name}' has {TypeName(table.KeyType)} keys, but '{Text(index.Key)}' is {TypeName(key.Type)}");
        }
        return Count(new IrTableLookup(table, key, index.Span));
    }

    private IrExpression Membership(InSyntax @in)
    {
        var value = Visit(@in.Value);
        if (value.Type == IrType.Bool) throw Mismatch(@in.Value, $"'in' tests numbers or strings, but '{Text(@in.Value)}' is bool");
        var items = new List<ScalarValue>(@in.Items.Count);
        foreach (var item in @in.Items)
        {
            var constant = item switch
            {
                LiteralSyntax l => l.Value,
                UnarySyntax { Operand: LiteralSyntax { Value.Type: ScalarType.Int } l } => ScalarValue.FromInt(-l.Value.AsInt),
                UnarySyntax { Operand: LiteralSyntax { Value.Type: ScalarType.Double } l } => ScalarValue.FromDouble(-l.Value.AsDouble),
                _ => throw Mismatch(item, $"'in' list items must be literals, not '{Text(item)}'"),
            };
            var fits = value.Type == IrType.Symbol ? constant.Type == ScalarType.String : constant.Type is ScalarType.Int or ScalarType.Double;
            if (!fits) throw Mismatch(item, $"'in' list item '{Text(item)}' does not match {TypeName(value.Type)} '{Text(@in.Value)}'");
            items.Add(constant);
        }
        if (value.Type == IrType.Symbol)
        {
            var ids = items.Select(i => (long)_scope.Symbols.GetId(i.AsString)).Distinct().Order().ToArray();
            return Count(new IrMembership(value, ids, [], @in.Span));
        }
        if (value.Type == IrType.Int && items.All(i => i.Type == ScalarType.Int))
        {
            return Count(new IrMembership(value, items.Select(i => i.AsInt).Distinct().Order().ToArray(), [], @in.Span));
        }
        var asDouble = ToDouble(value, @in.Value, "the value tested by 'in'");
        var doubles = items.Select(i => i.Type == ScalarType.Int ? (double)i.AsInt : i.AsDouble)
            .Select(d => d == 0 ? 0.0 : d) // -0.0 == 0.0: keep one spelling so the list stays strictly sorted
            .Distinct().Order().ToArray();
        return Count(new IrMembership(asDouble, [], doubles, @in.Span));
    }
}
