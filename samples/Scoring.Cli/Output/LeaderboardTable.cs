using System.Globalization;
using Scoring.Ledger;
using Spectre.Console;

namespace Scoring.Cli.Output;

/// <summary>Renders a leaderboard as the swarm dashboard shows it: Rank, Username, Active time, Joined, Score, Status, and the score's parts.</summary>
internal static class LeaderboardTable
{
    public static Table Build(Leaderboard board, string title)
    {
        var table = new Table().Title(title).Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("Rank").RightAligned());
        table.AddColumn("Username");
        table.AddColumn(new TableColumn("Active time").RightAligned());
        table.AddColumn(new TableColumn("Joined").RightAligned());
        table.AddColumn(new TableColumn("Score").RightAligned());
        table.AddColumn(new TableColumn("Compute").RightAligned());
        table.AddColumn(new TableColumn("Presence").RightAligned());
        table.AddColumn(new TableColumn("Jobs").RightAligned());
        table.AddColumn(new TableColumn("Boosts").RightAligned());
        table.AddColumn(new TableColumn("Adj.").RightAligned());
        table.AddColumn("Status");
        foreach (var row in board.Rows)
        {
            table.AddRow(
                row.Rank.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(row.Account),
                ActiveTime(row.ActiveSeconds),
                row.Joined?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) ?? "-",
                row.Score.ToString(),
                row.Parts.Of("compute").ToString(),
                row.Parts.Of("presence").ToString(),
                row.Parts.Of("job").ToString(),
                row.Parts.Of("boost").ToString(),
                (row.Parts.Of(PostingKinds.Slash) + row.Parts.Of(PostingKinds.Adjustment)).ToString(),
                row.Status == AccountStatus.Online ? "online" : "offline");
        }
        table.Caption($"{board.Rows.Count} of {board.AccountCount} accounts, as of {board.AsOf:yyyy-MM-dd HH:mm:ss}Z");
        return table;
    }

    /// <summary>Active time in hours with two decimals, as the swarm page shows cumulative peer-hours.</summary>
    public static string ActiveTime(long seconds) => (seconds / 3600.0).ToString("0.00", CultureInfo.InvariantCulture) + " h";
}
