using System.Globalization;
using Scoring.Ledger;

namespace Scoring.Cli.Output;

/// <summary>
/// Renders a leaderboard as the swarm dashboard shows it — Rank, Username, Active time, Joined, Score, Status — with
/// one column per posting kind of the score: the currency's kinds in the scheme's order, then any other kind the rows
/// hold (slashes, adjustments), so every scheme's parts show without the CLI knowing the scheme. Active time shows only
/// when some row has any (a currency paid for presence); times are UTC ISO 8601. On a narrow console Status, Joined,
/// Active time and then the parts are left out, in that order; rank, username and score always show.
/// </summary>
internal static class LeaderboardTable
{
    /// <summary>Builds the table.</summary>
    /// <param name="board">The leaderboard.</param>
    /// <param name="title">Its title.</param>
    /// <param name="kinds">The currency's posting kinds.</param>
    public static FittedTable Build(Leaderboard board, string title, IReadOnlyList<string> kinds)
    {
        var columns = Columns(board, kinds);
        bool activeTime = board.Rows.Any(r => r.ActiveSeconds != 0);
        var table = new FittedTable(title).Number("Rank").Text("Username");
        if (activeTime)
            table.Number("Active time", ColumnImportance.Medium);
        table.Number("Joined", ColumnImportance.Low).Number("Score");
        foreach (string kind in columns)
            table.Number(Header(kind), ColumnImportance.High);
        table.Text("Status", ColumnImportance.Low);
        foreach (var row in board.Rows)
        {
            var cells = new List<string> { row.Rank.ToString(CultureInfo.InvariantCulture), row.Account };
            if (activeTime)
                cells.Add(ActiveTime(row.ActiveSeconds));
            cells.Add(row.Joined is { } joined ? TimeArgument.ToIso(joined) : "-");
            cells.Add(row.Score.ToString());
            cells.AddRange(columns.Select(kind => row.Parts.Of(kind).ToString()));
            cells.Add(row.Status == AccountStatus.Online ? "online" : "offline");
            table.AddRow([.. cells]);
        }
        table.Caption = $"{board.Rows.Count} of {board.AccountCount} accounts, as of {TimeArgument.ToIsoSeconds(board.AsOf)}";
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
