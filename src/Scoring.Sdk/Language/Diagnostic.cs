namespace Scoring.Language;

/// <summary>
/// One problem found in a rule set: what (<see cref="Code"/>, <see cref="Message"/>), where
/// (<see cref="Location"/>, <see cref="Line"/>, <see cref="Column"/>) and the offending <see cref="Text"/>.
/// </summary>
/// <param name="Code">The kind of problem.</param>
/// <param name="Message">A plain-language message naming the offending text.</param>
/// <param name="Location">The logical place in the rule set, e.g. <c>rules[3].when</c> or <c>tables.minVram</c>; empty for a bare expression.</param>
/// <param name="Line">One-based line: in the document file when <paramref name="IsFilePosition"/>, else inside the expression text.</param>
/// <param name="Column">One-based column, like <paramref name="Line"/>.</param>
/// <param name="Text">The offending text (may be empty).</param>
/// <param name="IsFilePosition">Whether <paramref name="Line"/>/<paramref name="Column"/> are positions in the document file.</param>
public sealed record Diagnostic(
    DiagnosticCode Code,
    string Message,
    string Location,
    int Line,
    int Column,
    string Text,
    bool IsFilePosition = false)
{
    /// <summary>
    /// <c>line:col: message (location)</c> for file positions, <c>location:line:col: message</c> otherwise — prefix
    /// a file name and a colon to get the compiler-style <c>FILE:line:col: message</c>. Always one line: a control
    /// character that the message quotes from the document (a member name with an escaped newline) is shown as its
    /// <c>\uXXXX</c> escape.
    /// </summary>
    public override string ToString()
    {
        string text = IsFilePosition
            ? Location.Length == 0 ? $"{Line}:{Column}: {Message}" : $"{Line}:{Column}: {Message} (in {Location})"
            : Location.Length == 0 ? $"{Line}:{Column}: {Message}" : $"{Location}:{Line}:{Column}: {Message}";
        return text.AsSpan().IndexOfAny(LineBreaking) < 0 ? text : Escape(text);
    }

    private static readonly System.Buffers.SearchValues<char> LineBreaking =
        System.Buffers.SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(c => (char)c), '\u007f', '\u0085', '\u2028', '\u2029']);

    private static string Escape(string text)
    {
        var escaped = new System.Text.StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            if (LineBreaking.Contains(c))
                escaped.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else
                escaped.Append(c);
        }
        return escaped.ToString();
    }
}
