namespace Scoring.Language;

/// <summary>Token kinds of the expression language.</summary>
internal enum TokenKind
{
    End, Identifier, Int, Double, String, True, False, In,
    Plus, Minus, Star, Slash, Percent,
    EqualEqual, BangEqual, Less, LessEqual, Greater, GreaterEqual,
    AndAnd, OrOr, Bang, Question, Colon, Comma,
    OpenParen, CloseParen, OpenBracket, CloseBracket,
}

/// <summary>A token: its kind, where it is, and for literals and names its value.</summary>
internal readonly record struct Token(TokenKind Kind, SourceSpan Span, string Text, long IntValue = 0, double DoubleValue = 0);
