namespace Scoring.Cli.Tests;

public class CheckCommandTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args) => CliRunner.Run(args);

    [Fact]
    public void Valid_document_exits_zero_and_names_the_rule_set()
    {
        using var files = new RuleFiles();
        var path = files.Write("rules.json", RuleFiles.Valid);
        var (exit, output, error) = Run("check", path);
        Assert.Equal(0, exit);
        Assert.Contains("image-jobs version 2", output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public void Invalid_document_exits_one_with_file_line_column_messages()
    {
        using var files = new RuleFiles();
        var content = RuleFiles.Valid.Replace("latency > deadline", "latency > category", StringComparison.Ordinal).Replace("\"rate\": 1e-6", "\"rate\": 1e-6, \"colour\": [1]", StringComparison.Ordinal);
        var path = files.Write("rules.json", content);
        var (exit, _, error) = Run("check", path);
        Assert.Equal(1, exit);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines); // the document's shape is wrong, so its expressions are not checked yet
        Assert.StartsWith($"{path}:{Position(content, "[1]")}: ", line, StringComparison.Ordinal);
        Assert.Contains("parameter 'colour' must be a number, string or boolean", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Expression_errors_point_into_the_file()
    {
        using var files = new RuleFiles();
        var content = RuleFiles.Valid.Replace("latency > deadline", "latency > category", StringComparison.Ordinal);
        var path = files.Write("rules.json", content);
        var (exit, _, error) = Run("check", path);
        Assert.Equal(1, exit);
        Assert.StartsWith($"{path}:{Position(content, "category\", \"set")}: '>' compares numbers, but 'category' is string", error, StringComparison.Ordinal);
    }

    /// <summary>line:column (1-based) of the first occurrence of <paramref name="text"/>.</summary>
    private static string Position(string content, string text)
    {
        var lines = content.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        return $"{line + 1}:{lines[line].IndexOf(text, StringComparison.Ordinal) + 1}";
    }

    [Fact]
    public void Missing_file_exits_one()
    {
        var (exit, _, error) = Run("check", "/no/such/rules.json");
        Assert.Equal(1, exit);
        Assert.Contains("file not found", error, StringComparison.Ordinal);
    }
}
