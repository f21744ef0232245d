using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Scoring.Cli.Output;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Schemes;
using Scoring.Weights;

namespace Scoring.Cli.Commands;

/// <summary>
/// <c>scoring diff</c>: scores the same reports under two rule-set (or options) versions in memory — nothing is written —
/// and shows who moves. A points scheme: per currency, every account's score before and after, the change and the rank
/// change, largest movers first. A weights scheme: per uid, the score, the float32 weight and the u16 emission before
/// and after, largest weight change first. What an operator checks before changing a multiplier mid-run.
/// </summary>
internal static class DiffCommand
{
    private const int AllRows = 10_000_000;

    public static Command Create()
    {
        var scheme = new Option<string>("--scheme") { Description = "The registered scheme (swarm, jobs, pog, or a plug-in's).", Required = true };
        var input = new Option<string>("--input", "-i") { Description = "The reports (a file: points schemes read it twice).", Required = true };
        var rules = new Option<string[]>("--rules") { Description = "Exactly two rule-set documents: before, then after.", AllowMultipleArgumentsPerToken = false };
        var options = new Option<string[]>("--options") { Description = "Exactly two options files: before, then after.", AllowMultipleArgumentsPerToken = false };
        var configuration = new SchemeConfigurationOptions();
        var burnUid = new Option<int?>("--burn-uid") { Description = "Weights schemes: burn mode on both sides." };
        var maxWeight = new Option<double?>("--max-weight") { Description = "Weights schemes: the largest weight the chain allows, in (0, 1], on both sides." };
        var top = CommonOptions.Top();
        var format = CommonOptions.Format();
        var command = new Command("diff", "Compare the same reports under two rule-set or options versions (nothing is written): who moves, by how much.")
        {
            scheme, input, rules, options, burnUid, maxWeight, top, format,
        };
        configuration.AddTo(command);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            string name = parse.GetValue(scheme)!;
            string[] ruleFiles = parse.GetValue(rules) ?? [];
            string[] optionFiles = parse.GetValue(options) ?? [];
            if ((ruleFiles.Length == 2) == (optionFiles.Length == 2) || ruleFiles.Length is not (0 or 2) || optionFiles.Length is not (0 or 2))
                throw new CommandException("give exactly two --rules files or exactly two --options files (before, then after).");
            string path = parse.GetValue(input)!;
            if (!File.Exists(path))
                throw new CommandException($"cannot read '{path}': the file does not exist.");

            var sides = new Side[2];
            try
            {
                for (int i = 0; i < 2; i++)
                {
                    string sideName = i == 0 ? "before" : "after";
                    SchemeHost host;
                    try
                    {
                        host = SchemeHost.Start(configuration.Settings(parse, name, optionFiles.Length == 2 ? optionFiles[i] : null));
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException && optionFiles.Length == 2)
                    {
                        throw new CommandException($"{sideName}: {CommandFailures.Describe(exception)}", exception);
                    }
                    try
                    {
                        sides[i] = new Side(sideName, host, host.Scheme(name), ruleFiles.Length == 2 ? [ruleFiles[i]] : []);
                    }
                    catch
                    {
                        host.Dispose();
                        throw;
                    }
                }
                var settings = new WeightSettings { BurnUid = parse.GetValue(burnUid), MaxWeight = parse.GetValue(maxWeight) };
                return sides[0].Scheme switch
                {
                    PointsScheme => await DiffPointsAsync(parse, sides, path, parse.GetValue(top), parse.GetValue(format), cancellationToken),
                    WeightsScheme => await DiffWeightsAsync(parse, sides, path, settings, parse.GetValue(top), parse.GetValue(format), cancellationToken),
                    _ => throw new CommandException($"the {name} scheme is neither a points nor a weights scheme, so diff cannot run it."),
                };
            }
            finally
            {
                foreach (var side in sides)
                    side?.Host.Dispose();
            }
        });
        return command;
    }

    private static async Task<int> DiffPointsAsync(ParseResult parse, Side[] sides, string path, int top, OutputFormat format, CancellationToken cancellationToken)
    {
        var scheme = (PointsScheme)sides[0].Scheme;
        var boards = new List<IReadOnlyDictionary<string, Leaderboard>>();
        foreach (var side in sides)
        {
            boards.Add(await side.RunAsync(async (host, overrides) =>
            {
                var points = (PointsScheme)host.Scheme(scheme.Name);
                using var scorer = points.CreateScorer(host.CreateContext(overrides));
                await using var ledger = new InMemoryLedgerStore();
                await using (var stream = ScoreOptions.OpenInput(path))
                {
                    await new ReportIngestion().RunAsync(stream, host.Registry.Decoder, scorer, ledger, settle: true, cancellationToken: cancellationToken);
                }
                var perCurrency = new Dictionary<string, Leaderboard>(StringComparer.Ordinal);
                foreach (var currency in points.Currencies)
                    perCurrency[currency.Name] = await ledger.GetLeaderboardAsync(new LeaderboardQuery { Scheme = currency.Name, Top = AllRows }, cancellationToken);
                return (IReadOnlyDictionary<string, Leaderboard>)perCurrency;
            }));
        }

        var diffs = scheme.Currencies
            .Select(c => new CurrencyDiff(c.Name, Compare(boards[0][c.Name], boards[1][c.Name]).Take(top).ToArray()))
            .ToArray();
        if (format == OutputFormat.Json)
        {
            parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(new DiffDocument(scheme.Name, diffs), CliJsonContext.Default.DiffDocument));
        }
        else
        {
            var console = CliConsole.For(parse);
            foreach (var diff in diffs)
                PointsTable(diff).Write(console);
        }
        return 0;
    }

    private static async Task<int> DiffWeightsAsync(ParseResult parse, Side[] sides, string path, WeightSettings settings, int top, OutputFormat format, CancellationToken cancellationToken)
    {
        var scheme = (WeightsScheme)sides[0].Scheme;
        // The round is decoded once: both sides score the same reports.
        var (reports, _) = await WeightsScoreRun.ReadRoundAsync(path, sides[0].Host.Registry, scheme, cancellationToken);
        var results = new List<(WeightsRound Round, SubnetWeights? Weights)>();
        foreach (var side in sides)
        {
            results.Add(await side.RunAsync((host, overrides) =>
            {
                var round = ((WeightsScheme)host.Scheme(scheme.Name)).ScoreRound(reports, host.CreateContext(overrides));
                SubnetWeights? weights = round.Uids.Count > 0 || settings.BurnUid is not null ? round.ToWeights(settings) : null;
                return Task.FromResult((round, weights));
            }));
        }

        var uids = CompareWeights(results[0], results[1]).Take(top).ToArray();
        if (format == OutputFormat.Json)
        {
            parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(new WeightsDiffDocument(scheme.Name, uids), CliJsonContext.Default.WeightsDiffDocument));
        }
        else
        {
            WeightsTable(scheme.Name, uids).Write(CliConsole.For(parse));
        }
        return 0;
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

    /// <summary>Per uid of either round: score, weight and u16 before and after; largest weight change first, then score change, then uid.</summary>
    public static IEnumerable<UidDiff> CompareWeights((WeightsRound Round, SubnetWeights? Weights) before, (WeightsRound Round, SubnetWeights? Weights) after)
    {
        var scoresBefore = Scores(before.Round);
        var scoresAfter = Scores(after.Round);
        var (weightsBefore, u16Before) = Weights(before.Weights);
        var (weightsAfter, u16After) = Weights(after.Weights);
        return scoresBefore.Keys.Union(scoresAfter.Keys).Union(weightsBefore.Keys).Union(weightsAfter.Keys)
            .Select(uid => new UidDiff(uid,
                scoresBefore.TryGetValue(uid, out double sb) ? sb : null,
                scoresAfter.TryGetValue(uid, out double sa) ? sa : null,
                weightsBefore.TryGetValue(uid, out float wb) ? wb : null,
                weightsAfter.TryGetValue(uid, out float wa) ? wa : null,
                u16Before.TryGetValue(uid, out int ub) ? ub : null,
                u16After.TryGetValue(uid, out int ua) ? ua : null))
            .OrderByDescending(d => Math.Abs((double)(d.WeightAfter ?? 0f) - (d.WeightBefore ?? 0f)))
            .ThenByDescending(d => Math.Abs((d.ScoreAfter ?? 0) - (d.ScoreBefore ?? 0)))
            .ThenBy(d => d.Uid);

        static Dictionary<int, double> Scores(WeightsRound round) =>
            round.Uids.Zip(round.Scores).ToDictionary(p => p.First, p => p.Second);

        static (Dictionary<int, float> Weights, Dictionary<int, int> U16) Weights(SubnetWeights? weights)
        {
            if (weights is null)
                return ([], []);
            var w = weights.Uids.Zip(weights.Weights).ToDictionary(p => p.First, p => p.Second);
            var u = weights.Emission.Uids.Zip(weights.Emission.Values).ToDictionary(p => p.First, p => (int)p.Second);
            return (w, u);
        }
    }

    private static FittedTable PointsTable(CurrencyDiff diff)
    {
        var table = new FittedTable($"Diff: {diff.Currency}").Text("Account").Number("Before").Number("After").Number("Change")
            .Number("Rank before", ColumnImportance.Low).Number("Rank after", ColumnImportance.Medium).Number("Rank change", ColumnImportance.High);
        foreach (var row in diff.Accounts)
        {
            table.AddRow(
                row.Account,
                row.Before.ToString(),
                row.After.ToString(),
                (row.Change.IsNegative ? "" : "+") + row.Change,
                row.RankBefore?.ToString(CultureInfo.InvariantCulture) ?? "-",
                row.RankAfter?.ToString(CultureInfo.InvariantCulture) ?? "-",
                row.RankChange is { } c ? (c > 0 ? "+" : "") + c.ToString(CultureInfo.InvariantCulture) : "-");
        }
        return table;
    }

    private static FittedTable WeightsTable(string scheme, IReadOnlyList<UidDiff> uids)
    {
        var table = new FittedTable($"Diff: {scheme} weights").Number("UID")
            .Number("Score before", ColumnImportance.Medium).Number("Score after", ColumnImportance.Medium)
            .Number("Weight before").Number("Weight after")
            .Number("U16 before", ColumnImportance.High).Number("U16 after", ColumnImportance.High);
        foreach (var row in uids)
        {
            table.AddRow(
                row.Uid.ToString(CultureInfo.InvariantCulture),
                Text(row.ScoreBefore), Text(row.ScoreAfter),
                Text(row.WeightBefore), Text(row.WeightAfter),
                Text(row.U16Before), Text(row.U16After));
        }
        return table;

        static string Text<T>(T? value) where T : struct, IFormattable =>
            value is { } v ? v.ToString(typeof(T) == typeof(int) ? null : "R", CultureInfo.InvariantCulture) : "-";
    }

    /// <summary>One side of the comparison: its schemes (with that side's options) and its rule-set files.</summary>
    private sealed record Side(string Name, SchemeHost Host, Scheme Scheme, IReadOnlyList<string> RuleFiles)
    {
        /// <summary>Runs the side's scoring; a failure names the side.</summary>
        public async Task<T> RunAsync<T>(Func<SchemeHost, RuleSetOverrides, Task<T>> run)
        {
            try
            {
                var overrides = RuleSetOverrides.Load(RuleFiles, Host.Registry).For(Scheme, Host.Registry);
                return await run(Host, overrides);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                throw new CommandException($"{Name}: {CommandFailures.Describe(exception)}", exception);
            }
        }
    }
}
