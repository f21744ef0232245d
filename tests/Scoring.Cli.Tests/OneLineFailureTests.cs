using System.Text;
using System.Text.Json;

namespace Scoring.Cli.Tests;

/// <summary>
/// The failures of issue #14 that used to end in a stack trace (or run until memory ran out): each is now one line,
/// <c>scoring &lt;command&gt;: …</c> (or <c>FILE:line:col: …</c> for <c>check</c>), with exit code 1, or 2 for a command
/// line that does not parse.
/// </summary>
public sealed class OneLineFailureTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scoring-failures-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Write(string name, byte[] content)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private string Write(string name, string content) => Write(name, Encoding.UTF8.GetBytes(content));

    private static string OneLine(string error)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, error);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        return lines[0];
    }

    [Fact]
    public void Check_of_an_endless_device_stops_at_the_size_limit()
    {
        var (exit, _, error) = CliRunner.Run("check", "/dev/zero");
        Assert.Equal(1, exit);
        Assert.Equal("/dev/zero:1:1: the document is more than 1048576 bytes, over the limit of 1048576; it was not parsed", OneLine(error));
    }

    [Fact]
    public void Explain_of_an_endless_device_stops_at_a_report_lines_size()
    {
        var (exit, _, error) = CliRunner.Run("explain", "--report", "/dev/zero");
        Assert.Equal(1, exit);
        Assert.StartsWith("scoring explain: --report '/dev/zero' is larger than 64 KiB", OneLine(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("an escaped lone surrogate", new byte[] { (byte)'\\', (byte)'u', (byte)'d', (byte)'8', (byte)'0', (byte)'0' })]
    [InlineData("a byte that is not UTF-8", new byte[] { 0xFF })]
    [InlineData("a surrogate encoded as bytes (CESU-8)", new byte[] { 0xED, 0xA0, 0x80 })]
    public void A_rule_document_string_that_is_not_text_is_a_diagnostic(string what, byte[] bad)
    {
        string document = CliRunner.Run("rules", "show", "--id", "swarm-points").Output;
        int at = document.IndexOf("Swarm FLOP", StringComparison.Ordinal);
        byte[] before = Encoding.UTF8.GetBytes(document[..at]);
        string path = Write("bad.json", [.. before, .. bad, .. Encoding.UTF8.GetBytes(document[at..])]);
        var (exit, _, error) = CliRunner.Run("check", path);
        Assert.True(exit == 1, what);
        Assert.Contains($"{path}:", OneLine(error), StringComparison.Ordinal);
        Assert.Contains("invalid text: a string holds bytes that are not UTF-8 or an unpaired surrogate escape", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"swarm","peerId":"p1\ud800","account":"alice","cumulativeFlops":3e15,"timestamp":1767225660}""", "$.peerId")]
    [InlineData("""{"type":"sw\ud800arm","peerId":"p1","account":"alice","cumulativeFlops":3e15,"timestamp":1767225660}""", "$.type")]
    [InlineData("""{"\udfff":"swarm","peerId":"p1"}""", "$")]
    [InlineData("""{"type":"llm","\udfffjobId":"j"}""", "$")]
    public void Explain_of_a_report_with_a_lone_surrogate_names_the_field(string report, string field)
    {
        var (exit, _, error) = CliRunner.Run("explain", "--report", report);
        Assert.Equal(1, exit);
        Assert.StartsWith($"scoring explain: report: {field}", OneLine(error), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pog_hotkey_with_a_lone_surrogate_is_a_bad_line()
    {
        string input = Write("pog.jsonl", File.ReadAllText(CliRunner.Example("pog.jsonl")) + "\n" + """{"type":"pog","uid":9,"hotkey":"h\ud800"}""" + "\n");
        var (exit, output, error) = CliRunner.Run("score", "--scheme", "pog", "--input", input, "--backend", "scalar", "--format", "json");
        Assert.True(exit == 0, error);
        Assert.Contains("$.hotkey", JsonDocument.Parse(output).RootElement.GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>swarm-points with every report's compute points set to <paramref name="points"/>.</summary>
    private string SwarmRulesPaying(string points)
    {
        string document = CliRunner.Run("rules", "show", "--id", "swarm-points").Output;
        Assert.Contains("\"totalCountedFlops / flopsPerPoint\"", document, StringComparison.Ordinal);
        return Write($"pays-{points}.json", document.Replace("\"totalCountedFlops / flopsPerPoint\"", $"\"{points}\"", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rule_output_whose_total_overflows_is_refused_and_nothing_of_the_batch_is_recorded()
    {
        string db = Path.Combine(_folder, "overflow.db");
        var (exit, _, error) = CliRunner.Run("score", "--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"), "--rules", SwarmRulesPaying("9e12"), "--db", db, "--backend", "scalar");
        Assert.Equal(1, exit);
        Assert.StartsWith("scoring score: The ledger refused the batch of lines 1..", OneLine(error), StringComparison.Ordinal);
        Assert.Contains("would overflow the total of account 'alice'", error, StringComparison.Ordinal);
        Assert.Contains("Nothing of that batch was recorded", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_output_beyond_the_points_range_voids_the_report()
    {
        var (exit, output, error) = CliRunner.Run("explain", "--rules", SwarmRulesPaying("9.3e12"), "--report", File.ReadLines(CliRunner.Example("swarm.jsonl")).First());
        Assert.True(exit == 0, error);
        Assert.Contains("voided: PointsOutOfRange", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ledger_path_that_is_a_folder_or_goes_through_a_file_is_one_line()
    {
        var folder = CliRunner.Run("score", "--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"), "--db", _folder, "--backend", "scalar");
        Assert.Equal(1, folder.Exit);
        Assert.StartsWith($"scoring score: cannot open the ledger '{_folder}': it is a folder", OneLine(folder.Error), StringComparison.Ordinal);

        string file = Write("plain.txt", "x");
        var through = CliRunner.Run("score", "--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"), "--db", Path.Combine(file, "ledger.db"), "--backend", "scalar");
        Assert.Equal(1, through.Exit);
        Assert.Equal($"scoring score: cannot open the ledger '{Path.Combine(file, "ledger.db")}': '{file}' is a file, not a folder.", OneLine(through.Error));
    }

    [Theory]
    [InlineData("--set", "Swarm:PeerCap=abc", "Failed to convert configuration value 'abc' at 'Scoring:Swarm:PeerCap'")]
    [InlineData("--set", "Swarm:PeerCap=99999999999", "Failed to convert configuration value '99999999999'")]
    public void A_setting_of_the_wrong_type_is_one_line(string option, string value, string message)
    {
        var (exit, _, error) = CliRunner.Run("score", "--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"), "--db", Path.Combine(_folder, "s.db"), "--backend", "scalar", option, value);
        Assert.Equal(1, exit);
        Assert.StartsWith($"scoring score: {message}", OneLine(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--batch-size", "0", "--batch-size must be from 1 to 1,000,000.")]
    [InlineData("--batch-size", "9e12", "Cannot parse argument '9e12' for option '--batch-size'")]
    [InlineData("--top", "-1", "--top must be at least 1.")]
    public void A_bad_option_value_is_a_usage_error_without_the_help(string option, string value, string message)
    {
        var (exit, output, error) = CliRunner.Run("score", "--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"), option, value);
        Assert.Equal(ScoringCommandLine.UsageError, exit);
        Assert.Equal("", output);
        Assert.Contains(message, OneLine(error), StringComparison.Ordinal);
        Assert.StartsWith("scoring score: ", error, StringComparison.Ordinal);
    }
}
