using System.CommandLine;
using System.Text.Json;
using Scoring.Cli.Output;
using Scoring.Ledger;
using Scoring.Schemes;

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
        var scheme = new Option<string?>("--scheme") { Description = "Rank one currency (swarm, jobs.llama, jobs.waifu, or a plug-in's); default: every currency summed." };
        var account = new Option<string?>("--account") { Description = "Show this account's row and rank instead of the top rows." };
        var format = CommonOptions.Format();

        var command = new Command("leaderboard", "Print the leaderboard of an existing ledger (nothing is ingested).")
        {
            db, scheme, top, asOf, from, to, account, format,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            string path = parse.GetValue(db)!;
            using var host = SchemeHost.Start(new SchemeSettings { Plugins = PluginOption.Of(parse) });
            var currency = parse.GetValue(scheme) is { } name ? CurrencyOf(host.Registry, name) : null;
            await using var ledger = await LedgerOption.OpenExistingAsync(path, cancellationToken);
            var query = new LeaderboardQuery
            {
                Top = parse.GetValue(top),
                Scheme = currency?.Name ?? parse.GetValue(scheme),
                AsOf = parse.GetValue(asOf),
                Window = new LedgerWindow(parse.GetValue(from), parse.GetValue(to)),
            };
            Leaderboard board;
            try
            {
                if (parse.GetValue(account) is { } accountName)
                {
                    var row = await ledger.GetRankAsync(accountName, query, cancellationToken)
                        ?? throw new CommandException($"account '{accountName}' has no entry in that window.");
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
                throw new CommandException(exception.Message, exception);
            }
            string title = currency is null ? $"Leaderboard ({LedgerOption.Display(path)})" : $"{currency.Title} ({currency.Name}, {LedgerOption.Display(path)})";
            Write(parse, board, parse.GetValue(format), title, currency?.Kinds ?? []);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The registered currency named <paramref name="name"/>; a points scheme with one currency stands for it. A name no
    /// registered scheme knows is ranked as is (the ledger may hold currencies of schemes not loaded now): null.
    /// </summary>
    /// <exception cref="CommandException">The name is a scheme with several currencies, or one that keeps no ledger.</exception>
    public static Currency? CurrencyOf(SchemeRegistry registry, string name)
    {
        var currencies = registry.Schemes.OfType<PointsScheme>().SelectMany(s => s.Currencies).ToArray();
        if (currencies.FirstOrDefault(c => c.Name == name) is { } currency)
            return currency;
        if (registry.TryGet(name, out var scheme))
        {
            return scheme switch
            {
                PointsScheme { Currencies.Count: 1 } points => points.Currencies[0],
                PointsScheme points => throw new CommandException(
                    $"the {name} scheme has several currencies ({string.Join(", ", points.Currencies.Select(c => c.Name))}): rank one of them."),
                _ => throw new CommandException($"the {name} scheme keeps no ledger; currencies: {string.Join(", ", currencies.Select(c => c.Name))}."),
            };
        }
        return null;
    }

    /// <summary>Writes a leaderboard as a table or JSON to the invocation's output.</summary>
    public static void Write(ParseResult parse, Leaderboard board, OutputFormat format, string title, IReadOnlyList<string> kinds)
    {
        if (format == OutputFormat.Json)
        {
            parse.InvocationConfiguration.Output.WriteLine(
                JsonSerializer.Serialize(LeaderboardDocument.From(board), CliJsonContext.Default.LeaderboardDocument));
        }
        else
        {
            CliConsole.For(parse).Write(LeaderboardTable.Build(board, title, kinds));
        }
    }
}
