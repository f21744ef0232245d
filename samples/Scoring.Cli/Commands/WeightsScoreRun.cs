using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Scoring.Cli.Output;
using Scoring.Ingestion;
using Scoring.Reports;
using Scoring.Schemes;
using Scoring.Weights;
using Spectre.Console;

namespace Scoring.Cli.Commands;

/// <summary>
/// <c>scoring score</c> with a weights scheme: decodes the round's reports with the registry's decoder (bad lines and
/// other schemes' reports are counted, shown and written to <c>--rejects</c>), scores the round, and prints the scheme's
/// rows, the weights and the scheme's summary — or one JSON document. It keeps no ledger.
/// </summary>
internal static class WeightsScoreRun
{
    public static async Task<int> RunAsync(ParseResult parse, ScoreOptions options, SchemeHost host, WeightsScheme scheme, RuleSetOverrides overrides, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        // Options that only mean something with a ledger are refused, never silently ignored.
        if (LedgerOption.IsGiven(parse, options.Db))
            throw new CommandException($"the {scheme.Name} scheme computes weights per round and keeps no ledger; remove --db.");
        if (parse.GetValue(options.KeepOpen))
            throw new CommandException($"the {scheme.Name} scheme scores each round whole; --keep-open is for ledger schemes.");
        var settings = options.WeightSettings(parse);
        var context = host.CreateContext(overrides, options.Backend.Evaluators(parse, error));

        var (reports, badLines) = await ReadRoundAsync(parse.GetValue(options.Input)!, host.Registry, scheme, cancellationToken);
        using (var rejects = ScoreOptions.OpenRejects(parse.GetValue(options.Rejects)))
        {
            foreach (var bad in badLines)
                rejects?.Write(bad);
        }

        var round = scheme.ScoreRound(reports, context);
        SubnetWeights? weights = null;
        string? weightsError = null;
        try
        {
            weights = round.ToWeights(settings);
        }
        catch (ArgumentException exception)
        {
            weightsError = CommandFailures.WithoutParameter(exception);
            error.WriteLine($"scoring score: warning: no weights: {weightsError}");
        }

        string? rejectsPath = parse.GetValue(options.Rejects);
        if (parse.GetValue(options.Format) == OutputFormat.Json)
            WriteJson(output, round, weights, weightsError, badLines);
        else
            WriteTables(CliConsole.For(parse), scheme, round, weights, badLines, rejectsPath);
        return 0;
    }

    /// <summary>
    /// Decodes a round: the reports of <paramref name="scheme"/>'s types, in input order, and every other line as a
    /// rejection with the decoder's field and reason (or the scheme that owns its type).
    /// </summary>
    public static async Task<(IReadOnlyList<ReportInput> Reports, IReadOnlyList<ReportRejection> BadLines)> ReadRoundAsync(
        string inputPath, SchemeRegistry registry, WeightsScheme scheme, CancellationToken cancellationToken)
    {
        var reports = new List<ReportInput>();
        var bad = new List<ReportRejection>();
        string expected = string.Join(", ", scheme.ReportTypes.Select(t => $"\"{t.Name}\""));
        await using var stream = ScoreOptions.OpenInput(inputPath);
        await foreach (var line in registry.Decoder.DecodeAsync(stream, cancellationToken))
        {
            if (!line.IsReport)
                bad.Add(new ReportRejection(line.LineNumber, line.Error.Field, line.Error.Reason, line.RawText));
            else if (!ReferenceEquals(registry.OwnerOfReportType(line.Report.Type), scheme))
                bad.Add(new ReportRejection(line.LineNumber, "$.type",
                    $"the {scheme.Name} scheme scores {expected} reports, not \"{line.Report.Type}\"", line.Report.ReportType.ToJson(line.Report)));
            else
                reports.Add(new ReportInput(line.LineNumber, line.Report));
        }
        return (reports, bad);
    }

    /// <summary>
    /// The round as tables that fit the console: per uid its weight, u16 and the scheme's own fields (as the JSON output
    /// writes them), then the scheme's counts and problems.
    /// </summary>
    private static void WriteTables(IAnsiConsole console, WeightsScheme scheme, WeightsRound round, SubnetWeights? weights,
        IReadOnlyList<ReportRejection> badLines, string? rejectsPath)
    {
        using var rows = JsonDocument.Parse(WriteToJson(round.WriteRowsJson));
        string mode = weights is null ? "no weights" : weights.Mode == WeightMode.Burn ? "burn mode" : "weights from scores";
        WeightsTable.Build(weights, rows.RootElement, $"{scheme.Name} round: {mode}").Write(console);
        using var summary = JsonDocument.Parse(WriteToJson(w => round.WriteSummaryJson(w, badLines)));
        string? caption = badLines.Count == 0 ? null : rejectsPath is null
            ? string.Create(CultureInfo.InvariantCulture, $"{badLines.Count:N0} bad lines; give --rejects FILE to keep each with its line, field and reason")
            : string.Create(CultureInfo.InvariantCulture, $"{badLines.Count:N0} bad lines (line, field, reason, raw) were appended to {rejectsPath}");
        RoundSummaryView.Write(console, summary.RootElement, $"{scheme.Name} round", caption);
    }

    private static byte[] WriteToJson(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            write(writer);
        return stream.ToArray();
    }

    private static void WriteJson(TextWriter output, WeightsRound round, SubnetWeights? weights, string? weightsError, IReadOnlyList<ReportRejection> badLines)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WeightsJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("miners");
            round.WriteRowsJson(writer);
            writer.WritePropertyName("weights");
            if (weights is null)
            {
                writer.WriteNullValue();
                writer.WriteString("weightsError", weightsError);
            }
            else
            {
                WeightsJson.Write(writer, weights);
            }
            writer.WritePropertyName("stats");
            round.WriteSummaryJson(writer, badLines);
            writer.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
