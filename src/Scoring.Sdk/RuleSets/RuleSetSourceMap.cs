using Scoring.Language;

namespace Scoring.RuleSets;

/// <summary>
/// Where the parts of a rule set are in the document they were read from, so that diagnostics point into the
/// file. Keys are logical locations such as <c>rules[3].when</c> or <c>tables.minVram</c>.
/// </summary>
public sealed class RuleSetSourceMap
{
    private readonly Dictionary<string, Anchor> _anchors = new(StringComparer.Ordinal);

    /// <summary>
    /// Records that <paramref name="location"/> starts at file <paramref name="line"/>:<paramref name="column"/>.
    /// For an expression, pass the position of its first character and whether characters of the expression map
    /// one-to-one to file columns (false when the JSON string used escapes).
    /// </summary>
    public void Add(string location, int line, int column, bool charactersMapOneToOne) =>
        _anchors[location] = new Anchor(line, column, charactersMapOneToOne);

    /// <summary>Places a diagnostic found inside the expression at its <see cref="Diagnostic.Location"/> in the file (unless escapes make that impossible).</summary>
    public Diagnostic Place(Diagnostic diagnostic)
    {
        if (diagnostic.IsFilePosition || !_anchors.TryGetValue(diagnostic.Location, out var anchor)) return diagnostic;
        if (!anchor.OneToOne)
        {
            // expression positions cannot be mapped through escapes: keep them relative (rules[3].when:1:7)
            return diagnostic;
        }
        return diagnostic with
        {
            Line = anchor.Line + diagnostic.Line - 1,
            Column = diagnostic.Line == 1 ? anchor.Column + diagnostic.Column - 1 : diagnostic.Column,
            IsFilePosition = true,
        };
    }

    /// <summary>Places a diagnostic about a declaration (no position inside an expression) at the declaration.</summary>
    public Diagnostic PlaceDeclaration(Diagnostic diagnostic)
    {
        if (diagnostic.IsFilePosition || !_anchors.TryGetValue(diagnostic.Location, out var anchor)) return diagnostic;
        return diagnostic with { Line = anchor.Line, Column = anchor.Column, IsFilePosition = true };
    }

    private readonly record struct Anchor(int Line, int Column, bool OneToOne);
}
