using System.CommandLine;
using System.Text.Json;
using Scoring.Cli.Output;
using Scoring.Ledger;

namespace Scoring.Cli.Commands;

/// <summary><c>scoring leaderboard</c>: reads a ledger without ingesting and prints its leaderboard.</summary>
internal static class LeaderboardCommand
{
    public static Command Create()
    {
        var db = LedgerOption.Create();
        var top = CommonOptions.Top();
        var asOf = CommonOptions.Time("--as-of", "Rank with reports up to this time; statuses are computed for it (default: now).");
        var from = CommonOptions.Time("--from", "Count only reports at or after this time.");
        var to = CommonOptions.Time("--to", "Count only reports before this time.");
        var scheme = new Option<string?>("--scheme") { Description = "Rank one ledger scheme (point currency): swarm, jobs.llama, jobs.waifu; default: all together." };
        var account = new Option<string?>("--account") { Description = "Show this account's row and rank instead of the top rows." };
        var format = CommonOptions.Format();

        var command = new Command("leaderboard", "Print the leaderboard of an existing ledger (nothing is ingested).")
        {
            db, scheme, top, asOf, from, to, account, format,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string path = parseResult.GetValue(db)!;
            if (!LedgerOption.Exists(path))
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"scoring leaderboard: there is no ledger at '{path}' (score some reports first, or pass --db).");
                return 1;
            }
            await using var ledger = await LedgerOption.OpenAsync(path, cancellationToken);
            var query = new LeaderboardQuery
            {
                Top = parseResult.GetValue(top),
                Scheme = parseResult.GetValue(scheme),
                AsOf = parseResult.GetValue(asOf),
                Window = new LedgerWindow(parseResult.GetValue(from), parseResult.GetValue(to)),
            };
            Leaderboard board;
            try
            {
                if (parseResult.GetValue(account) is { } name)
                {
                    var row = await ledger.GetRankAsync(name, query, cancellationToken);
                    if (row is null)
                    {
                        parseResult.InvocationConfiguration.Error.WriteLine($"scoring leaderboard: account '{name}' has no entry in that window.");
                        return 1;
                    }
                    var all = await ledger.GetLeaderboardAsync(query with { Top = 1 }, cancellationToken);
                    board = new Leaderboard([row], all.AccountCount, all.AsOf);
                }
                else
                {
                    board = await ledger.GetLeaderboardAsync(query, cancellationToken);
                }
            }
            catch (ArgumentException exception)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"scoring leaderboard: {exception.Message}");
                return 1;
            }
            Write(parseResult, board, parseResult.GetValue(format), $"Leaderboard ({path})");
            return 0;
        });
        return command;
    }

    /// <summary>Writes a leaderboard as a table or JSON to the invocation's output.</summary>
    public static void Write(ParseResult parseResult, Leaderboard board, OutputFormat format, string title)
    {
        if (format == OutputFormat.Json)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(
                JsonSerializer.Serialize(LeaderboardDocument.From(board), CliJsonContext.Default.LeaderboardDocument));
        }
        else
        {
            CliConsole.For(parseResult).Write(LeaderboardTable.Build(board, title));
        }
    }
}
