using Scoring.Language;

namespace Scoring.Sdk.Tests.Language;

/// <summary>A diagnostic prints as one line, whatever text of the document it quotes.</summary>
public class DiagnosticTextTests
{
    [Fact]
    public void A_quoted_name_with_control_characters_is_shown_escaped_on_one_line()
    {
        var diagnostic = new Diagnostic(DiagnosticCode.UnknownMember, "unknown member 'i\nd\0'", "rules[0]\u2028", 2, 3, "i\nd", IsFilePosition: true);
        Assert.Equal("2:3: unknown member 'i\\u000ad\\u0000' (in rules[0]\\u2028)", diagnostic.ToString());
        Assert.Equal("unknown member 'i\nd\0'", diagnostic.Message); // the message itself keeps the text as it was
    }

    [Fact]
    public void Plain_text_is_unchanged()
    {
        var diagnostic = new Diagnostic(DiagnosticCode.UnknownMember, "unknown member 'Zürich→東京'", "tables.minVram", 4, 1, "x");
        Assert.Equal("tables.minVram:4:1: unknown member 'Zürich→東京'", diagnostic.ToString());
    }
}
