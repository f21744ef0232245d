using Scoring.Cli.Output;
using Scoring.Ledger;

namespace Scoring.Cli.Tests;

/// <summary>
/// At 80–120 columns a leaderboard used to wrap exact points across lines (<c>2392</c> / <c>.544</c>). A table now fits
/// the console: numbers stay whole on one line, text wraps, and the least important columns are left out and named.
/// </summary>
public sealed class TableWidthTests : IAsyncLifetime
{
    private const string LongName = "a-rather-long-account-name-of-a-swarm-peer-operator";

    private readonly string _folder = Directory.CreateTempSubdirectory("scoring-width-").FullName;
    private Leaderboard _board = null!;

    public async Task InitializeAsync()
    {
        await using var ledger = await SqliteLedgerStore.OpenAsync(Path.Combine(_folder, "ledger.db"));
        await ledger.AppendAsync(new LedgerBatch(new[] { (LongName, 2_392_544_123L, 797_514_707L), ("bob", 1_000_000L, 0L) }.Select((c, i) => new LedgerReport
        {
            Scheme = "swarm",
            ReportId = $"r{i}",
            ReportTime = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600 + i),
            RuleSetId = "t",
            RuleSetHash = "h",
            Postings =
            [
                new LedgerPosting(c.Item1, "p", "compute", Points.FromUnits(c.Item2)) { ActiveSeconds = 7_200 },
                new LedgerPosting(c.Item1, "p", "presence", Points.FromUnits(c.Item3)),
            ],
        })));
        _board = await ledger.GetLeaderboardAsync(new LeaderboardQuery { Scheme = "swarm", Top = 10, AsOf = DateTimeOffset.FromUnixTimeSeconds(1_767_229_200) });
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private string Render(int width)
    {
        var writer = new StringWriter();
        var console = CliConsole.For(writer);
        console.Profile.Width = width;
        LeaderboardTable.Build(_board, "Swarm points", ["compute", "presence"]).Write(console);
        return writer.ToString();
    }

    [Theory]
    [InlineData(80)]
    [InlineData(100)]
    [InlineData(120)]
    [InlineData(240)]
    public void Numbers_never_wrap_and_no_line_is_wider_than_the_console(int width)
    {
        string output = Render(width);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.All(lines, line => Assert.True(line.Length <= width, $"{line.Length} > {width}: {line}"));
        // Each number sits whole on one line: the exact score and its parts.
        Assert.Contains(lines, l => l.Contains(" 3190.05883 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" 2392.544123 ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(" 2392 ", StringComparison.Ordinal) || l.Contains("│ .", StringComparison.Ordinal));
    }

    [Fact]
    public void Narrow_consoles_leave_out_the_least_important_columns_and_name_them()
    {
        string wide = Render(240);
        Assert.True(TableText.HasRow(wide, "Rank", "Username", "Active time", "Joined", "Score", "Compute", "Presence", "Status"), wide);
        Assert.True(TableText.HasRow(wide, "1", LongName, "2.00 h", "2026-01-01T00:00:00Z", "3190.05883", "2392.544123", "797.514707", "offline"), wide);

        string narrow = Render(80);
        Assert.Contains("left out to fit 80 columns", narrow, StringComparison.Ordinal);
        Assert.DoesNotContain("offline", narrow, StringComparison.Ordinal);
        Assert.Contains("Score", narrow, StringComparison.Ordinal);
        // The username wraps rather than a number.
        Assert.DoesNotContain(LongName, narrow, StringComparison.Ordinal);
        Assert.Contains("a-rather-long", narrow, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_narrow_for_a_table_every_row_is_printed_as_labelled_lines()
    {
        string output = Render(30);
        Assert.Contains("Score: 3190.05883\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Compute: 2392.544123\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
