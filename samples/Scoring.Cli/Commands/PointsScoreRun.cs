using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Scoring.Cli.Output;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Schemes;

namespace Scoring.Cli.Commands;

/// <summary>
/// <c>scoring score</c> with a points scheme: the input streams through <see cref="ReportIngestion"/> (every line decoded
/// by the registry's decoder, each batch one ledger transaction with the scheme's durable state), then the summary and
/// one leaderboard per currency of the scheme.
/// </summary>
internal static class PointsScoreRun
{
    public static async Task<int> RunAsync(ParseResult parse, ScoreOptions options, SchemeHost host, PointsScheme scheme, RuleSetOverrides overrides, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        if (parse.GetValue(options.BurnUid) is not null || parse.GetValue(options.MaxWeight) is not null)
            throw new CommandException($"--burn-uid and --max-weight are for weights schemes; the {scheme.Name} scheme credits points to the ledger.");
        var context = host.CreateContext(overrides, options.Backend.Evaluators(parse, error));
        using var scorer = scheme.CreateScorer(context);
        bool keepOpen = parse.GetValue(options.KeepOpen);

        string inputPath = parse.GetValue(options.Input)!;
        await using var stream = ScoreOptions.OpenInput(inputPath);
        using var rejects = ScoreOptions.OpenRejects(parse.GetValue(options.Rejects));
        string db = parse.GetValue(options.Db)!;
        await using var ledger = await LedgerOption.OpenAsync(db, cancellationToken);
        // The host's pipeline: Scoring:Ingestion from --options/--set, over the CLI's batch size, under --batch-size.
        var pipeline = host.Services.GetRequiredService<ReportIngestion>();
        var clock = Stopwatch.StartNew();
        var summary = await IngestionProgressView.RunAsync(parse, scheme.Name, stream.CanSeek ? stream.Length : null, progress =>
            pipeline.RunAsync(stream, host.Registry.Decoder, scorer, ledger, rejects, settle: !keepOpen, new BatchCollection(progress), cancellationToken: cancellationToken));
        var run = new ScoreRun(summary, clock.Elapsed, parse.GetValue(options.Rejects));

        var boards = new List<(Currency Currency, Leaderboard Board)>();
        foreach (var currency in scheme.Currencies)
        {
            var query = new LeaderboardQuery { Scheme = currency.Name, Top = parse.GetValue(options.Top), AsOf = parse.GetValue(options.AsOf) };
            boards.Add((currency, await ledger.GetLeaderboardAsync(query, cancellationToken)));
        }
        var ruleSets = scorer.RuleSets.Select(r => new RuleSetReference(r.RuleSet.Id, r.RuleSet.Version, r.ContentHash)).ToArray();
        if (parse.GetValue(options.Format) == OutputFormat.Json)
        {
            var document = new ScoreDocument(
                scheme.Name,
                ruleSets,
                new ScoreCounts(summary.Read, summary.Scored, summary.Duplicates, summary.Conflicts, summary.Late, summary.Rejected, summary.Entries),
                !keepOpen,
                boards.Select(b => CurrencyLeaderboard.From(b.Currency, b.Board)).ToArray())
            {
                Seconds = Math.Round(run.Elapsed.TotalSeconds, 3),
                ReportsPerSecond = Math.Round(run.ReportsPerSecond),
                Rejects = run.RejectsPath,
            };
            parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(document, CliJsonContext.Default.ScoreDocument));
        }
        else
        {
            var console = CliConsole.For(parse);
            SummaryTable(scheme, run, keepOpen).Write(console);
            RuleSetTable(ruleSets).Write(console);
            foreach (var (currency, board) in boards)
                LeaderboardTable.Build(board, $"{currency.Title} ({currency.Name})", currency.Kinds).Write(console);
        }
        return 0;
    }

    /// <summary>What became of the lines, counted apart from the entries they posted, and the run's rate.</summary>
    private static FittedTable SummaryTable(Scheme scheme, ScoreRun run, bool keepOpen)
    {
        var summary = run.Summary;
        var table = new FittedTable($"Scored: {scheme.Name}") { HideHeaders = true }.Text("").Number("");
        table.AddRow("lines read", Count(summary.Read));
        table.AddRow("scored (new)", Count(summary.Scored));
        table.AddRow("duplicates", Count(summary.Duplicates));
        table.AddRow("conflicts (same id, other content)", Count(summary.Conflicts));
        table.AddRow("late (after the watermark)", Count(summary.Late));
        table.AddRow("rejected", Count(summary.Rejected));
        table.AddRow("ledger entries written (a line may post several)", Count(summary.Entries));
        table.AddRow("rate (lines read per second)", string.Create(CultureInfo.InvariantCulture, $"{run.ReportsPerSecond:N0} reports/s"));
        table.AddRow("time", string.Create(CultureInfo.InvariantCulture, $"{run.Elapsed.TotalSeconds:0.00} s"));
        table.AddRow("settled", keepOpen ? "no (--keep-open)" : "yes");
        table.Caption = run.RejectsHint();
        return table;
    }

    private static FittedTable RuleSetTable(IReadOnlyList<RuleSetReference> ruleSets)
    {
        var table = new FittedTable().Text("Rule set").Text("Version").Text("Content hash");
        foreach (var r in ruleSets)
            table.AddRow(r.Id, r.Version, r.Hash);
        return table;
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
