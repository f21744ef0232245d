namespace Scoring.Language;

/// <summary>A range of characters in an expression's text.</summary>
/// <param name="Start">Zero-based offset of the first character.</param>
/// <param name="Length">Number of characters.</param>
public readonly record struct SourceSpan(int Start, int Length)
{
    /// <summary>Offset just past the last character.</summary>
    public int End => Start + Length;

    /// <summary>The span covering both <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static SourceSpan Cover(SourceSpan a, SourceSpan b)
    {
        var start = Math.Min(a.Start, b.Start);
        return new SourceSpan(start, Math.Max(a.End, b.End) - start);
    }

    /// <summary>One-based (line, column) of <paramref name="offset"/> in <paramref name="text"/>.</summary>
    public static (int Line, int Column) LineColumn(string text, int offset)
    {
        int line = 1, column = 1;
        var end = Math.Min(offset, text.Length);
        for (var i = 0; i < end; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }
        return (line, column);
    }
}
