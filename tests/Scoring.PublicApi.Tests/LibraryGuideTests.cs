using System.Text.RegularExpressions;
using PackageConsumer.Guide;
using Scoring;
using Scoring.Ledger;

namespace Scoring.PublicApi.Tests;

/// <summary>
/// docs/library.md shows the files of tests/PackageConsumer/Guide verbatim (each block follows a
/// <c>&lt;!-- snippet: PATH --&gt;</c> line), this project runs them, and scripts/pack-check.sh compiles them against the
/// packed packages: what the guide shows compiles, runs and gives the numbers it states.
/// </summary>
public sealed partial class LibraryGuideTests
{
    private static readonly string Guide = Path.Combine(ShippedPackages.Root, "docs", "library.md");

    /// <summary>What ScoreReports prints: docs/library.md shows it under "The output".</summary>
    private const string GuideOutput = """
        5 lines: 3 scored, 1 duplicate, 1 rejected
          line 5: $.peerId: is required
        1. bob: 7 points (compute 7, presence 0)
        2. alice: 5.016667 points (compute 5, presence 0.016667)
        entry 3: compute 2 by swarm-points (5ed23e2fc354)
        entry 4: presence 0.016667 by swarm-points (5ed23e2fc354)
          compute: compute = totalCountedFlops / flopsPerPoint = 2.0
          presence: presence = totalCountedMicroseconds / 3600000000.0 * presencePointsPerHour = 0.0
          note: as the peer's first and only report: points depend on the peer's earlier reports; `scoring entries` shows how a recorded report was paid

        """;

    [Fact]
    public void The_guide_shows_what_the_no_host_example_prints()
    {
        string text = File.ReadAllText(Guide).ReplaceLineEndings("\n");
        Assert.Contains("```\n" + GuideOutput + "```", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_code_block_of_the_guide_is_a_compiled_file_verbatim_and_every_file_is_shown()
    {
        string text = File.ReadAllText(Guide).ReplaceLineEndings("\n");
        var shown = new List<string>();
        foreach (Match match in Snippet().Matches(text))
        {
            string path = match.Groups["path"].Value;
            string file = Path.Combine(ShippedPackages.Root, path);
            Assert.True(File.Exists(file), $"docs/library.md shows {path}, which does not exist.");
            string expected = File.ReadAllText(file).ReplaceLineEndings("\n").TrimEnd('\n');
            Assert.True(expected == match.Groups["code"].Value.TrimEnd('\n'),
                $"docs/library.md's block after <!-- snippet: {path} --> is not that file verbatim: copy the file into the block.");
            shown.Add(path);
        }
        var files = Directory.GetFiles(Path.Combine(ShippedPackages.Root, "tests", "PackageConsumer", "Guide"), "*.cs")
            .Select(f => Path.GetRelativePath(ShippedPackages.Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(files, shown.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Scoring_without_a_host_prints_the_guides_output()
    {
        var output = new StringWriter { NewLine = "\n" };
        var board = await ScoreReports.RunAsync(output);
        Assert.Equal(["bob", "alice"], board.Rows.Select(r => r.Account));
        Assert.Equal(GuideOutput, output.ToString());
    }

    [Fact]
    public async Task Scoring_with_a_host_ranks_the_same_accounts()
    {
        var board = await ScoreReportsWithHost.RunAsync([]);
        Assert.Equal(["bob", "alice"], board.Rows.Select(r => r.Account));
    }

    [Fact]
    public async Task A_plugged_in_scheme_scores_its_own_reports_and_refuses_the_others()
    {
        await using var ledger = new InMemoryLedgerStore();
        var summary = await PlugInScheme.WithoutHostAsync(ledger);
        Assert.Equal((3L, 1L, 2L), (summary.Read, summary.Scored, summary.Rejected));
        var board = await ledger.GetLeaderboardAsync(new LeaderboardQuery { Scheme = "referral" });
        var alice = Assert.Single(board.Rows);
        Assert.Equal(("alice", Points.FromWhole(15)), (alice.Account, alice.Score));

        Assert.Equal(["referral", "swarm"], PlugInScheme.WithHost([]).Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"<!-- snippet: (?<path>[^ ]+) -->\n```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Snippet();
}
