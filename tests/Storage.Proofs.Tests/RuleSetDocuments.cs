using Scoring.RuleSets;

namespace Storage.Proofs.Tests;

/// <summary>Operator documents made from the shipped <c>storage-points</c> document, as an operator would edit a copy of it.</summary>
internal static class RuleSetDocuments
{
    /// <summary>The shipped document's text (what <c>scoring rules show --id storage-points</c> prints).</summary>
    public static string BuiltInText { get; } = ReadBuiltIn();

    /// <summary>The shipped document with some of its text replaced.</summary>
    public static RuleSet Edited(params (string Old, string New)[] edits) => Read(Edit(edits));

    /// <summary>The shipped document's text with some of it replaced; each old text must occur.</summary>
    public static string Edit(params (string Old, string New)[] edits)
    {
        string text = BuiltInText;
        foreach (var (old, replacement) in edits)
        {
            Assert.Contains(old, text, StringComparison.Ordinal);
            text = text.Replace(old, replacement, StringComparison.Ordinal);
        }
        return text;
    }

    public static RuleSet Read(string json)
    {
        var read = RuleSetDocument.Read(json);
        Assert.True(read.RuleSet is not null, string.Join("; ", read.Diagnostics));
        return read.RuleSet;
    }

    private static string ReadBuiltIn()
    {
        using var stream = typeof(StorageProofsScheme).Assembly.GetManifestResourceStream("Storage.Proofs.RuleSets.storage-points.rules.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
