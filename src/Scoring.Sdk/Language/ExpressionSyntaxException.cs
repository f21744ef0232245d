namespace Scoring.Language;

/// <summary>Thrown inside the lexer and parser to stop at the first error; never escapes <see cref="ExpressionParser"/>.</summary>
internal sealed class ExpressionSyntaxException(DiagnosticCode code, string message, SourceSpan span) : Exception(message)
{
    public DiagnosticCode Code { get; } = code;

    public SourceSpan Span { get; } = span;
}
