using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Scoring.Cli.Output;
using Scoring.Ingestion;
using Scoring.Ledger;
using Spectre.Console;

namespace Scoring.Cli.Commands;

/// <summary>
/// <c>scoring diff</c>: scores the same reports under two rule-set (or options) versions in memory — nothing is written —
/// and shows per account both scores, the change and the rank change, largest movers first. What an operator checks
/// before changing a multiplier mid-run.
/// </summary>
internal static class DiffCommand
{
    private const int AllRows = 10_000_000;

    public static Command Create()
    {
        var scheme = new Option<string>("--scheme") { Description = "swarm or jobs.", Required = true };
        scheme.AcceptOnlyFromAmong("swarm", "jobs");
        var input = new Option<string>("--input", "-i") { Description = "The reports (a file: it is read twice).", Required = true };
        var rules = new Option<string[]>("--rules") { Description = "Exactly two rule-set documents: before, then after (jobs)." };
        var options = new Option<string[]>("--options") { Description = "Exactly two options files: before, then after (swarm or jobs)." };
        var top = CommonOptions.Top();
        var format = CommonOptions.Format();
        var command = new Command("diff", "Compare the leaderboards of the same reports under two rule-set or options versions (nothing is written).")
        {
            scheme, input, rules, options, top, format,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            string schemeName = parseResult.GetValue(scheme)!;
            string[] ruleFiles = parseResult.GetValue(rules) ?? [];
            string[] optionFiles = parseResult.GetValue(options) ?? [];
            if ((ruleFiles.Length == 2) == (optionFiles.Length == 2) || ruleFiles.Length is not (0 or 2) || optionFiles.Length is not (0 or 2))
            {
                error.WriteLine("scoring diff: give exactly two --rules files or exactly two --options files (before, then after).");
                return 1;
            }
            string path = parseResult.GetValue(input)!;
            if (!File.Exists(path))
            {
                error.WriteLine($"scoring diff: cannot read '{path}': the file does not exist.");
                return 1;
            }

            var boards = new List<IReadOnlyDictionary<string, Leaderboard>>();
            for (int side = 0; side < 2; side++)
            {
                try
                {
                    var scorer = ScoreCommand.CreateScorer(schemeName,
                        ruleFiles.Length == 2 ? [ruleFiles[side]] : [],
                        optionFiles.Length == 2 ? optionFiles[side] : null,
                        holdingsFile: null,
                        evaluatorFactory: null);
                    await using var ledger = new InMemoryLedgerStore();
                    await using (var stream = File.OpenRead(path))
                    {
                        await new ReportIngestion().RunAsync(stream, scorer, ledger, cancellationToken: cancellationToken);
                    }
                    var perScheme = new Dictionary<string, Leaderboard>();
                    foreach (string ledgerScheme in ScoreCommand.LedgerSchemes(schemeName))
                    {
                        perScheme[ledgerScheme] = await ledger.GetLeaderboardAsync(new LeaderboardQuery { Scheme = ledgerScheme, Top = AllRows }, cancellationToken);
                    }
                    boards.Add(perScheme);
                }
                catch (Exception exception) when (exception is ArgumentException or IOException or InvalidOperationException
                    or IngestionException or Microsoft.Extensions.Options.OptionsValidationException or Scoring.Evaluation.RuleSetException)
                {
                    error.WriteLine($"scoring diff: {(side == 0 ? "before" : "after")}: {exception.Message}");
                    return 1;
                }
            }

            var diffs = ScoreCommand.LedgerSchemes(schemeName)
                .Select(s => new SchemeDiff(s, Compare(boards[0][s], boards[1][s]).Take(parseResult.GetValue(top)).ToArray()))
                .ToArray();
            if (parseResult.GetValue(format) == OutputFormat.Json)
            {
                parseResult.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(new DiffDocument(schemeName, diffs), CliJsonContext.Default.DiffDocument));
            }
            else
            {
                var console = CliConsole.For(parseResult);
                foreach (var diff in diffs)
                {
                    console.Write(Table(diff));
                }
            }
            return 0;
        });
        return command;
    }

    /// <summary>Per account: both scores and ranks, largest absolute change first, then account (ordinal).</summary>
    public static IEnumerable<AccountDiff> Compare(Leaderboard before, Leaderboard after)
    {
        var old = before.Rows.ToDictionary(r => r.Account, StringComparer.Ordinal);
        var @new = after.Rows.ToDictionary(r => r.Account, StringComparer.Ordinal);
        return old.Keys.Union(@new.Keys, StringComparer.Ordinal)
            .Select(account =>
            {
                var b = old.GetValueOrDefault(account);
                var a = @new.GetValueOrDefault(account);
                var beforeScore = b?.Score ?? Points.Zero;
                var afterScore = a?.Score ?? Points.Zero;
                return new AccountDiff(account, beforeScore, afterScore, afterScore - beforeScore, b?.Rank, a?.Rank,
                    b is not null && a is not null ? b.Rank - a.Rank : null);
            })
            .OrderByDescending(d => d.Change.Units == long.MinValue ? long.MaxValue : Math.Abs(d.Change.Units))
            .ThenBy(d => d.Account, StringComparer.Ordinal);
    }

    private static Table Table(SchemeDiff diff)
    {
        var table = new Table().Title($"Diff: {diff.Scheme}").Border(TableBorder.Rounded);
        table.AddColumn("Account");
        table.AddColumn(new TableColumn("Before").RightAligned());
        table.AddColumn(new TableColumn("After").RightAligned());
        table.AddColumn(new TableColumn("Change").RightAligned());
        table.AddColumn(new TableColumn("Rank before").RightAligned());
        table.AddColumn(new TableColumn("Rank after").RightAligned());
        table.AddColumn(new TableColumn("Rank change").RightAligned());
        foreach (var row in diff.Accounts)
        {
            table.AddRow(
                Markup.Escape(row.Account),
                row.Before.ToString(),
                row.After.ToString(),
                (row.Change.IsNegative ? "" : "+") + row.Change,
                row.RankBefore?.ToString(CultureInfo.InvariantCulture) ?? "-",
                row.RankAfter?.ToString(CultureInfo.InvariantCulture) ?? "-",
                row.RankChange is { } c ? (c > 0 ? "+" : "") + c.ToString(CultureInfo.InvariantCulture) : "-");
        }
        return table;
    }
}
