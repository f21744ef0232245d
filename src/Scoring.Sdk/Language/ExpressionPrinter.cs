using System.Globalization;
using System.Text;
using Scoring.RuleSets;

namespace Scoring.Language;

/// <summary>
/// Prints a syntax tree as expression text that parses back to an equal tree (<see cref="SyntaxNode.SyntaxEquals"/>).
/// Every binary, conditional and <c>in</c> node is parenthesized, so the output never depends on precedence.
/// </summary>
internal static class ExpressionPrinter
{
    /// <summary>Prints <paramref name="node"/>.</summary>
    public static string Print(SyntaxNode node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    /// <summary>Quotes a string as a string literal, escaping <c>"</c>, <c>\</c> and control characters.</summary>
    public static string QuoteString(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (char.IsControl(c) || char.IsSurrogate(c)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>The spelling of a binary operator.</summary>
    public static string Spell(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Remainder => "%",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.And => "&&",
        BinaryOperator.Or => "||",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private static void Write(StringBuilder sb, SyntaxNode node)
    {
        switch (node)
        {
            case LiteralSyntax l:
                sb.Append(l.Value.ToString());
                break;
            case NameSyntax n:
                sb.Append(n.Name);
                break;
            case UnarySyntax u:
                sb.Append(u.Operator == UnaryOperator.Negate ? "-" : "!");
                Write(sb, u.Operand);
                break;
            case BinarySyntax b:
                sb.Append('(');
                Write(sb, b.Left);
                sb.Append(' ').Append(Spell(b.Operator)).Append(' ');
                Write(sb, b.Right);
                sb.Append(')');
                break;
            case ConditionalSyntax c:
                sb.Append('(');
                Write(sb, c.Condition);
                sb.Append(" ? ");
                Write(sb, c.WhenTrue);
                sb.Append(" : ");
                Write(sb, c.WhenFalse);
                sb.Append(')');
                break;
            case CallSyntax call:
                sb.Append(call.Function).Append('(');
                for (var i = 0; i < call.Arguments.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(sb, call.Arguments[i]);
                }
                sb.Append(')');
                break;
            case IndexSyntax index:
                sb.Append(index.Table).Append('[');
                Write(sb, index.Key);
                sb.Append(']');
                break;
            case InSyntax @in:
                sb.Append('(');
                Write(sb, @in.Value);
                sb.Append(" in [");
                for (var i = 0; i < @in.Items.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(sb, @in.Items[i]);
                }
                sb.Append("])");
                break;
            default:
                throw new ArgumentException($"Unknown node {node.GetType().Name}.", nameof(node));
        }
    }
}
