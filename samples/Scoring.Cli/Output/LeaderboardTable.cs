using System.Globalization;
using Scoring.Ledger;
using Spectre.Console;

namespace Scoring.Cli.Output;

/// <summary>
/// Renders a leaderboard as the swarm dashboard shows it — Rank, Username, Active time, Joined, Score, Status — with
/// one column per posting kind of the score: the currency's kinds in the scheme's order, then any other kind the rows
/// hold (slashes, adjustments), so every scheme's parts show without the CLI knowing the scheme.
/// </summary>
internal static class LeaderboardTable
{
    /// <summary>Builds the table.</summary>
    /// <param name="board">The leaderboard.</param>
    /// <param name="title">Its title.</param>
    /// <param name="kinds">The currency's posting kinds (empty when the board sums several currencies).</param>
    public static Table Build(Leaderboard board, string title, IReadOnlyList<string> kinds)
    {
        var columns = Columns(board, kinds);
        var table = new Table().Title(Markup.Escape(title)).Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("Rank").RightAligned());
        table.AddColumn("Username");
        table.AddColumn(new TableColumn("Active time").RightAligned());
        table.AddColumn(new TableColumn("Joined").RightAligned());
        table.AddColumn(new TableColumn("Score").RightAligned());
        foreach (string kind in columns)
            table.AddColumn(new TableColumn(Markup.Escape(Header(kind))).RightAligned());
        table.AddColumn("Status");
        foreach (var row in board.Rows)
        {
            var cells = new List<string>
            {
                row.Rank.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(row.Account),
                ActiveTime(row.ActiveSeconds),
                row.Joined?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) ?? "-",
                row.Score.ToString(),
            };
            cells.AddRange(columns.Select(kind => row.Parts.Of(kind).ToString()));
            cells.Add(row.Status == AccountStatus.Online ? "online" : "offline");
            table.AddRow(cells.ToArray());
        }
        table.Caption($"{board.Rows.Count} of {board.AccountCount} accounts, as of {board.AsOf:yyyy-MM-dd HH:mm:ss}Z");
        return table;
    }

    /// <summary>The kind columns: <paramref name="kinds"/> in order, then the other kinds present in the rows (ordinal).</summary>
    public static IReadOnlyList<string> Columns(Leaderboard board, IReadOnlyList<string> kinds)
    {
        var present = board.Rows.SelectMany(r => r.Parts.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return kinds.Concat(present.Where(k => !kinds.Contains(k, StringComparer.Ordinal))).ToArray();
    }

    /// <summary>Active time in hours with two decimals, as the swarm page shows cumulative peer-hours.</summary>
    public static string ActiveTime(long seconds) => (seconds / 3600.0).ToString("0.00", CultureInfo.InvariantCulture) + " h";

    // "compute" → "Compute": a column header, the kind's own name otherwise unchanged.
    private static string Header(string kind) => kind.Length == 0 ? kind : char.ToUpperInvariant(kind[0]) + kind[1..];
}
