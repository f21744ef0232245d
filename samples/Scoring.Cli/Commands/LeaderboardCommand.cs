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
            string? name = parse.GetValue(scheme);
            var registered = name is null ? null : CurrencyOf(host.Registry, name);
            await using var ledger = await LedgerOption.OpenExistingAsync(path, cancellationToken);
            var query = new LeaderboardQuery
            {
                Top = parse.GetValue(top),
                AsOf = parse.GetValue(asOf),
                Window = new LedgerWindow(parse.GetValue(from), parse.GetValue(to)),
            };
            string? accountName = parse.GetValue(account);
            var boards = new List<(Currency Currency, Leaderboard Board)>();
            if (name is not null)
            {
                // A name no loaded scheme knows is still ranked when the ledger has it (a plug-in not loaded now); else it is a typo.
                if (registered is null && !await HasCurrencyAsync(ledger, name, cancellationToken))
                    throw new CommandException($"no currency '{name}' in the ledger '{LedgerOption.Display(path)}' (currencies: {string.Join(", ", Currencies(host.Registry).Select(c => c.Name))}).");
                var currency = registered ?? new Currency(name, name, []);
                boards.Add((currency, await BoardAsync(ledger, query with { Scheme = currency.Name }, accountName, cancellationToken)));
            }
            else
            {
                // Different currencies are never added together: one leaderboard per currency that has entries.
                foreach (var currency in Currencies(host.Registry))
                {
                    var board = await BoardAsync(ledger, query with { Scheme = currency.Name }, accountName, cancellationToken, allowMissing: true);
                    if (board.Rows.Count > 0 || (accountName is null && board.AccountCount > 0))
                        boards.Add((currency, board));
                }
                if (accountName is not null && boards.Count == 0)
                    throw new CommandException($"account '{accountName}' has no entry in that window.");
            }
            Write(parse, boards, name is not null, parse.GetValue(format), LedgerOption.Display(path));
            return 0;
        });
        return command;
    }

    /// <summary>Every currency of the registered points schemes, in registration order.</summary>
    private static IEnumerable<Currency> Currencies(SchemeRegistry registry) =>
        registry.Schemes.OfType<PointsScheme>().SelectMany(s => s.Currencies);

    /// <summary>The leaderboard of one currency, or only <paramref name="account"/>'s row of it.</summary>
    /// <exception cref="CommandException">The account has no entry (unless <paramref name="allowMissing"/>), or the query is invalid.</exception>
    private static async Task<Leaderboard> BoardAsync(ILedgerStore ledger, LeaderboardQuery query, string? account, CancellationToken cancellationToken, bool allowMissing = false)
    {
        try
        {
            if (account is null)
                return await ledger.GetLeaderboardAsync(query, cancellationToken);
            var all = await ledger.GetLeaderboardAsync(query with { Top = 1 }, cancellationToken);
            var row = await ledger.GetRankAsync(account, query, cancellationToken);
            if (row is null && !allowMissing)
                throw new CommandException($"account '{account}' has no entry in {query.Scheme} in that window.");
            return new Leaderboard(row is null ? [] : [row], all.AccountCount, all.AsOf);
        }
        catch (ArgumentException exception)
        {
            throw new CommandException(CommandFailures.WithoutParameter(exception), exception);
        }
    }

    /// <summary>Whether the ledger has any entry of <paramref name="currency"/>, in any window.</summary>
    private static async Task<bool> HasCurrencyAsync(ILedgerStore ledger, string currency, CancellationToken cancellationToken)
    {
        await foreach (var _ in ledger.ListEntriesAsync(new EntryQuery { Scheme = currency, Limit = 1 }, cancellationToken))
            return true;
        return false;
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

    /// <summary>
    /// Writes the leaderboards: with <c>--scheme</c> the one board (JSON: <c>{asOf, accounts, rows}</c>), else every
    /// currency's (JSON: <c>{leaderboards: [{currency, title, kinds, leaderboard}]}</c>, as <c>score</c> writes them).
    /// </summary>
    private static void Write(ParseResult parse, IReadOnlyList<(Currency Currency, Leaderboard Board)> boards, bool one, OutputFormat format, string ledger)
    {
        var output = parse.InvocationConfiguration.Output;
        if (format == OutputFormat.Json)
        {
            output.WriteLine(one
                ? JsonSerializer.Serialize(LeaderboardDocument.From(boards[0].Board), CliJsonContext.Default.LeaderboardDocument)
                : JsonSerializer.Serialize(new LeaderboardsDocument(boards.Select(b => CurrencyLeaderboard.From(b.Currency, b.Board)).ToArray()), CliJsonContext.Default.LeaderboardsDocument));
            return;
        }
        var console = CliConsole.For(parse);
        if (boards.Count == 0)
        {
            output.WriteLine($"The ledger '{ledger}' has no entries of a loaded scheme's currency in that window (a plug-in's currency needs --plugin, or --scheme NAME).");
            return;
        }
        foreach (var (currency, board) in boards)
            LeaderboardTable.Build(board, $"{currency.Title} ({(currency.Title == currency.Name ? "" : currency.Name + ", ")}{ledger})", currency.Kinds).Write(console);
    }
}
