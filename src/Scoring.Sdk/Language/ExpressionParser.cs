using Scoring.RuleSets;

namespace Scoring.Language;

/// <summary>The outcome of parsing one expression: a tree, or the first error.</summary>
/// <param name="Syntax">The tree, when parsing succeeded.</param>
/// <param name="Error">The error, when it failed (location empty; the caller adds where the text came from).</param>
internal sealed record ParseResult(SyntaxNode? Syntax, Diagnostic? Error);

/// <summary>
/// Recursive-descent parser for the expression language (grammar in <c>docs/rule-language.md</c>). Recursion and
/// tree depth are both bounded by <see cref="RuleSetLimits.MaxExpressionDepth"/>, and the text length by
/// <see cref="RuleSetLimits.MaxExpressionLength"/>, so any input is parsed or rejected in linear time without
/// exhausting the stack.
/// </summary>
internal sealed class ExpressionParser
{
    private readonly string _text;
    private readonly RuleSetLimits _limits;
    private readonly Lexer _lexer;
    private Token _current;
    private int _depth;

    private ExpressionParser(string text, RuleSetLimits limits)
    {
        _text = text;
        _limits = limits;
        _lexer = new Lexer(text, limits);
    }

    /// <summary>Parses <paramref name="text"/> as one expression.</summary>
    public static ParseResult Parse(string text, RuleSetLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        limits ??= RuleSetLimits.Default;
        if (text.Length > limits.MaxExpressionLength)
        {
            return Fail(text, DiagnosticCode.ExpressionTooLong, $"expression of {text.Length} characters is longer than the limit of {limits.MaxExpressionLength}", new SourceSpan(0, 0));
        }
        var parser = new ExpressionParser(text, limits);
        try
        {
            parser.Advance();
            if (parser._current.Kind == TokenKind.End)
            {
                return Fail(text, DiagnosticCode.EmptyExpression, "expression is empty", new SourceSpan(0, 0));
            }
            var node = parser.Conditional();
            if (parser._current.Kind != TokenKind.End) throw parser.Unexpected("an operator or the end of the expression");
            return new ParseResult(node, null);
        }
        catch (ExpressionSyntaxException e)
        {
            return Fail(text, e.Code, e.Message, e.Span);
        }
    }

    private static ParseResult Fail(string text, DiagnosticCode code, string message, SourceSpan span)
    {
        var (line, column) = SourceSpan.LineColumn(text, span.Start);
        var shown = span.Length <= 40 ? text.Substring(Math.Min(span.Start, text.Length), Math.Min(span.Length, Math.Max(0, text.Length - span.Start))) : text.Substring(span.Start, 40) + "…";
        return new ParseResult(null, new Diagnostic(code, message, string.Empty, line, column, shown));
    }

    private void Advance() => _current = _lexer.Next();

    private Token Expect(TokenKind kind, string what)
    {
        if (_current.Kind != kind) throw Unexpected(what);
        var token = _current;
        Advance();
        return token;
    }

    private ExpressionSyntaxException Unexpected(string expected)
    {
        var found = _current.Kind == TokenKind.End ? "the end of the expression" : $"'{Shorten(_current.Text)}'";
        return new ExpressionSyntaxException(DiagnosticCode.UnexpectedToken, $"expected {expected} but found {found}", _current.Span);
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private T Check<T>(T node) where T : SyntaxNode
    {
        if (node.Depth > _limits.MaxExpressionDepth) throw TooDeep(node.Span);
        return node;
    }

    private ExpressionSyntaxException TooDeep(SourceSpan span) =>
        new(DiagnosticCode.NestingTooDeep, $"expression nests deeper than the limit of {_limits.MaxExpressionDepth}", span);

    private void Enter()
    {
        if (++_depth > _limits.MaxExpressionDepth) throw TooDeep(_current.Span);
    }

    private SyntaxNode Conditional()
    {
        Enter();
        var condition = Or();
        if (_current.Kind == TokenKind.Question)
        {
            Advance();
            var whenTrue = Conditional();
            Expect(TokenKind.Colon, "':' of the conditional 'c ? a : b'");
            var whenFalse = Conditional();
            condition = Check(new ConditionalSyntax(condition, whenTrue, whenFalse, SourceSpan.Cover(condition.Span, whenFalse.Span)));
        }
        _depth--;
        return condition;
    }

    private SyntaxNode Or()
    {
        var left = And();
        while (_current.Kind == TokenKind.OrOr)
        {
            Advance();
            var right = And();
            left = Check(new BinarySyntax(BinaryOperator.Or, left, right, SourceSpan.Cover(left.Span, right.Span)));
        }
        return left;
    }

    private SyntaxNode And()
    {
        var left = Equality();
        while (_current.Kind == TokenKind.AndAnd)
        {
            Advance();
            var right = Equality();
            left = Check(new BinarySyntax(BinaryOperator.And, left, right, SourceSpan.Cover(left.Span, right.Span)));
        }
        return left;
    }

    private SyntaxNode Equality()
    {
        var left = Relation();
        while (_current.Kind is TokenKind.EqualEqual or TokenKind.BangEqual)
        {
            var op = _current.Kind == TokenKind.EqualEqual ? BinaryOperator.Equal : BinaryOperator.NotEqual;
            Advance();
            var right = Relation();
            left = Check(new BinarySyntax(op, left, right, SourceSpan.Cover(left.Span, right.Span)));
        }
        return left;
    }

    private SyntaxNode Relation()
    {
        var left = Additive();
        BinaryOperator op;
        switch (_current.Kind)
        {
            case TokenKind.Less: op = BinaryOperator.Less; break;
            case TokenKind.LessEqual: op = BinaryOperator.LessOrEqual; break;
            case TokenKind.Greater: op = BinaryOperator.Greater; break;
            case TokenKind.GreaterEqual: op = BinaryOperator.GreaterOrEqual; break;
            case TokenKind.In: return List(left);
            default: return left;
        }
        Advance();
        var right = Additive();
        var node = Check(new BinarySyntax(op, left, right, SourceSpan.Cover(left.Span, right.Span)));
        if (_current.Kind is TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual or TokenKind.In)
        {
            throw new ExpressionSyntaxException(DiagnosticCode.UnexpectedToken, $"comparisons cannot be chained: write 'a < b && b < c' instead of '{Shorten(_current.Text)}' after a comparison", _current.Span);
        }
        return node;
    }

    private SyntaxNode List(SyntaxNode value)
    {
        Advance();
        Expect(TokenKind.OpenBracket, "'[' after 'in'");
        var items = new List<SyntaxNode>();
        if (_current.Kind != TokenKind.CloseBracket)
        {
            while (true)
            {
                if (items.Count == _limits.MaxListItems)
                {
                    throw new ExpressionSyntaxException(DiagnosticCode.ExpressionTooLong, $"'in' list has more than the limit of {_limits.MaxListItems} items", _current.Span);
                }
                items.Add(ListItem());
                if (_current.Kind != TokenKind.Comma) break;
                Advance();
            }
        }
        var close = Expect(TokenKind.CloseBracket, "',' or ']' in the 'in' list");
        return Check(new InSyntax(value, items, SourceSpan.Cover(value.Span, close.Span)));
    }

    private SyntaxNode ListItem()
    {
        var start = _current;
        if (_current.Kind == TokenKind.Minus)
        {
            Advance();
            if (_current.Kind is not (TokenKind.Int or TokenKind.Double)) throw Unexpected("a number after '-' in the 'in' list");
            var number = Literal();
            return new UnarySyntax(UnaryOperator.Negate, number, SourceSpan.Cover(start.Span, number.Span));
        }
        if (_current.Kind is TokenKind.Int or TokenKind.Double or TokenKind.String or TokenKind.True or TokenKind.False) return Literal();
        throw Unexpected("a literal in the 'in' list (lists hold constants)");
    }

    private SyntaxNode Additive()
    {
        var left = Multiplicative();
        while (_current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = _current.Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            Advance();
            var right = Multiplicative();
            left = Check(new BinarySyntax(op, left, right, SourceSpan.Cover(left.Span, right.Span)));
        }
        return left;
    }

    private SyntaxNode Multiplicative()
    {
        var left = Unary();
        while (_current.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
        {
            var op = _current.Kind switch
            {
                TokenKind.Star => BinaryOperator.Multiply,
                TokenKind.Slash => BinaryOperator.Divide,
                _ => BinaryOperator.Remainder,
            };
            Advance();
            var right = Unary();
            left = Check(new BinarySyntax(op, left, right, SourceSpan.Cover(left.Span, right.Span)));
        }
        return left;
    }

    private SyntaxNode Unary()
    {
        if (_current.Kind is TokenKind.Minus or TokenKind.Bang)
        {
            var start = _current;
            Enter();
            Advance();
            var operand = Unary();
            _depth--;
            var op = start.Kind == TokenKind.Minus ? UnaryOperator.Negate : UnaryOperator.Not;
            return Check(new UnarySyntax(op, operand, SourceSpan.Cover(start.Span, operand.Span)));
        }
        return Primary();
    }

    private SyntaxNode Primary()
    {
        switch (_current.Kind)
        {
            case TokenKind.Int:
            case TokenKind.Double:
            case TokenKind.String:
            case TokenKind.True:
            case TokenKind.False:
                return Literal();
            case TokenKind.OpenParen:
            {
                Advance();
                var inner = Conditional();
                Expect(TokenKind.CloseParen, "')'");
                return inner;
            }
            case TokenKind.Identifier:
            {
                var name = _current;
                Advance();
                if (_current.Kind == TokenKind.OpenParen) return Call(name);
                if (_current.Kind == TokenKind.OpenBracket)
                {
                    Advance();
                    Enter();
                    var key = Conditional();
                    _depth--;
                    var close = Expect(TokenKind.CloseBracket, "']'");
                    return Check(new IndexSyntax(name.Text, key, name.Span, SourceSpan.Cover(name.Span, close.Span)));
                }
                return new NameSyntax(name.Text, name.Span);
            }
            default:
                throw Unexpected("a number, string, name, '(' or '-'");
        }
    }

    private SyntaxNode Call(Token name)
    {
        Advance();
        Enter();
        var arguments = new List<SyntaxNode>();
        if (_current.Kind != TokenKind.CloseParen)
        {
            while (true)
            {
                if (arguments.Count == 8) throw new ExpressionSyntaxException(DiagnosticCode.WrongArgumentCount, $"too many arguments to '{name.Text}'", _current.Span);
                arguments.Add(Conditional());
                if (_current.Kind != TokenKind.Comma) break;
                Advance();
            }
        }
        var close = Expect(TokenKind.CloseParen, "',' or ')' in the argument list");
        _depth--;
        return Check(new CallSyntax(name.Text, arguments, name.Span, SourceSpan.Cover(name.Span, close.Span)));
    }

    private LiteralSyntax Literal()
    {
        var t = _current;
        Advance();
        var value = t.Kind switch
        {
            TokenKind.Int => ScalarValue.FromInt(t.IntValue),
            TokenKind.Double => ScalarValue.FromDouble(t.DoubleValue),
            TokenKind.String => ScalarValue.FromString(t.Text),
            TokenKind.True => ScalarValue.FromBool(true),
            _ => ScalarValue.FromBool(false),
        };
        return new LiteralSyntax(value, t.Span);
    }
}
