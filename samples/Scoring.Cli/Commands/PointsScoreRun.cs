using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Scoring.Cli.Output;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Schemes;
using Spectre.Console;

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
        var pipeline = new ReportIngestion(Microsoft.Extensions.Options.Options.Create(new IngestionOptions { BatchSize = parse.GetValue(options.BatchSize) }));
        var summary = await IngestionProgressView.RunAsync(parse, stream.CanSeek ? stream.Length : null, progress =>
            pipeline.RunAsync(stream, host.Registry.Decoder, scorer, ledger, rejects, settle: !keepOpen, progress, cancellationToken: cancellationToken));

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
                boards.Select(b => new CurrencyLeaderboard(b.Currency.Name, b.Currency.Title, b.Currency.Kinds, LeaderboardDocument.From(b.Board))).ToArray());
            parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(document, CliJsonContext.Default.ScoreDocument));
        }
        else
        {
            var console = CliConsole.For(parse);
            console.Write(SummaryTable(scheme, summary, ruleSets, keepOpen));
            foreach (var (currency, board) in boards)
                console.Write(LeaderboardTable.Build(board, $"{currency.Title} ({currency.Name})", currency.Kinds));
        }
        return 0;
    }

    private static Table SummaryTable(Scheme scheme, IngestionSummary summary, IReadOnlyList<RuleSetReference> ruleSets, bool keepOpen)
    {
        var table = new Table().Title($"Scored: {Markup.Escape(scheme.Name)}").Border(TableBorder.Rounded).HideHeaders();
        table.AddColumn("what");
        table.AddColumn("value");
        table.AddRow("lines read", Count(summary.Read));
        table.AddRow("scored (new)", Count(summary.Scored));
        table.AddRow("duplicates", Count(summary.Duplicates));
        table.AddRow("conflicts (same id, other content)", Count(summary.Conflicts));
        table.AddRow("late (after the watermark)", Count(summary.Late));
        table.AddRow("rejected", Count(summary.Rejected));
        table.AddRow("ledger entries written", Count(summary.Entries));
        table.AddRow("settled", keepOpen ? "no: --keep-open left reorder windows and epochs open" : "yes");
        foreach (var r in ruleSets)
            table.AddRow($"rule set {Markup.Escape(r.Id)}@{Markup.Escape(r.Version)}", r.Hash);
        return table;
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
