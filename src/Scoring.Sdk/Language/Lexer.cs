using System.Globalization;
using System.Text;

namespace Scoring.Language;

/// <summary>Splits expression text into tokens. Linear time; every literal is bounded by <see cref="RuleSetLimits"/>.</summary>
internal sealed class Lexer(string text, RuleSetLimits limits)
{
    private int _pos;

    public Token Next()
    {
        while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) _pos++;
        if (_pos >= text.Length) return new Token(TokenKind.End, new SourceSpan(text.Length, 0), string.Empty);
        var start = _pos;
        var c = text[_pos];
        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < text.Length && char.IsAsciiDigit(text[_pos + 1]))) return Number();
        if (char.IsAsciiLetter(c) || c == '_') return Word();
        if (c == '"') return StringLiteral();
        _pos++;
        var two = _pos < text.Length ? text[_pos] : '\0';
        TokenKind kind;
        switch (c)
        {
            case '+': kind = TokenKind.Plus; break;
            case '-': kind = TokenKind.Minus; break;
            case '*': kind = TokenKind.Star; break;
            case '/': kind = TokenKind.Slash; break;
            case '%': kind = TokenKind.Percent; break;
            case '?': kind = TokenKind.Question; break;
            case ':': kind = TokenKind.Colon; break;
            case ',': kind = TokenKind.Comma; break;
            case '(': kind = TokenKind.OpenParen; break;
            case ')': kind = TokenKind.CloseParen; break;
            case '[': kind = TokenKind.OpenBracket; break;
            case ']': kind = TokenKind.CloseBracket; break;
            case '=' when two == '=': _pos++; kind = TokenKind.EqualEqual; break;
            case '!' when two == '=': _pos++; kind = TokenKind.BangEqual; break;
            case '!': kind = TokenKind.Bang; break;
            case '<' when two == '=': _pos++; kind = TokenKind.LessEqual; break;
            case '<': kind = TokenKind.Less; break;
            case '>' when two == '=': _pos++; kind = TokenKind.GreaterEqual; break;
            case '>': kind = TokenKind.Greater; break;
            case '&' when two == '&': _pos++; kind = TokenKind.AndAnd; break;
            case '|' when two == '|': _pos++; kind = TokenKind.OrOr; break;
            default:
                var shown = char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString();
                var hint = c == '=' ? " (use '==' to compare)" : c is '&' or '|' ? $" (use '{c}{c}')" : string.Empty;
                throw new ExpressionSyntaxException(DiagnosticCode.UnexpectedCharacter, $"unexpected character '{shown}'{hint}", new SourceSpan(start, 1));
        }
        return new Token(kind, new SourceSpan(start, _pos - start), text[start.._pos]);
    }

    private Token Number()
    {
        var start = _pos;
        var isDouble = false;
        while (_pos < text.Length && char.IsAsciiDigit(text[_pos])) _pos++;
        if (_pos < text.Length && text[_pos] == '.')
        {
            isDouble = true;
            _pos++;
            while (_pos < text.Length && char.IsAsciiDigit(text[_pos])) _pos++;
        }
        if (_pos < text.Length && text[_pos] is 'e' or 'E')
        {
            isDouble = true;
            _pos++;
            if (_pos < text.Length && text[_pos] is '+' or '-') _pos++;
            var digits = _pos;
            while (_pos < text.Length && char.IsAsciiDigit(text[_pos])) _pos++;
            if (digits == _pos) throw Bad(DiagnosticCode.InvalidNumber, start, "exponent has no digits");
        }
        // a letter glued to a number (12abc) is a typo, not two tokens
        if (_pos < text.Length && (char.IsAsciiLetter(text[_pos]) || text[_pos] == '_'))
        {
            while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] == '_')) _pos++;
            throw Bad(DiagnosticCode.InvalidNumber, start, "a number cannot be followed by letters");
        }
        var length = _pos - start;
        if (length > limits.MaxNumberLiteralLength)
        {
            throw new ExpressionSyntaxException(
                DiagnosticCode.NumberTooLong,
                $"number literal of {length} characters is longer than the limit of {limits.MaxNumberLiteralLength}",
                new SourceSpan(start, length));
        }
        var literal = text.AsSpan(start, length);
        var span = new SourceSpan(start, length);
        if (!isDouble)
        {
            if (!long.TryParse(literal, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
            {
                throw Bad(DiagnosticCode.InvalidNumber, start, "integer literal does not fit in 64 bits (write it as a double, e.g. with .0)");
            }
            return new Token(TokenKind.Int, span, literal.ToString(), IntValue: i);
        }
        var d = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(d)) throw Bad(DiagnosticCode.InvalidNumber, start, "number literal is too large for a double");
        return new Token(TokenKind.Double, span, literal.ToString(), DoubleValue: d);
    }

    private Token Word()
    {
        var start = _pos;
        while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] == '_')) _pos++;
        var length = _pos - start;
        if (length > limits.MaxStringLength)
        {
            throw new ExpressionSyntaxException(DiagnosticCode.ExpressionTooLong, $"name of {length} characters is longer than the limit of {limits.MaxStringLength}", new SourceSpan(start, length));
        }
        var word = text.Substring(start, length);
        var kind = word switch
        {
            "true" => TokenKind.True,
            "false" => TokenKind.False,
            "in" => TokenKind.In,
            _ => TokenKind.Identifier,
        };
        return new Token(kind, new SourceSpan(start, length), word);
    }

    private Token StringLiteral()
    {
        var start = _pos++;
        var value = new StringBuilder();
        while (true)
        {
            if (_pos >= text.Length || text[_pos] == '\n')
            {
                throw new ExpressionSyntaxException(DiagnosticCode.UnterminatedString, "string literal has no closing '\"'", new SourceSpan(start, _pos - start));
            }
            var c = text[_pos++];
            if (c == '"') break;
            if (c == '\\')
            {
                if (_pos >= text.Length) continue;
                var e = text[_pos++];
                switch (e)
                {
                    case '"': value.Append('"'); break;
                    case '\\': value.Append('\\'); break;
                    case 'n': value.Append('\n'); break;
                    case 't': value.Append('\t'); break;
                    case 'r': value.Append('\r'); break;
                    case 'u' when _pos + 4 <= text.Length && ushort.TryParse(text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                        value.Append((char)code);
                        _pos += 4;
                        break;
                    default:
                        throw new ExpressionSyntaxException(DiagnosticCode.InvalidEscape, $"unknown escape '\\{e}' in string literal", new SourceSpan(_pos - 2, 2));
                }
            }
            else
            {
                value.Append(c);
            }
            if (value.Length > limits.MaxStringLength)
            {
                throw new ExpressionSyntaxException(DiagnosticCode.ExpressionTooLong, $"string literal is longer than the limit of {limits.MaxStringLength} characters", new SourceSpan(start, _pos - start));
            }
        }
        return new Token(TokenKind.String, new SourceSpan(start, _pos - start), value.ToString());
    }

    private ExpressionSyntaxException Bad(DiagnosticCode code, int start, string why)
    {
        var shown = text.AsSpan(start, Math.Min(_pos - start, 40)).ToString();
        return new ExpressionSyntaxException(code, $"invalid number '{shown}': {why}", new SourceSpan(start, _pos - start));
    }
}
