using System.CommandLine;
using System.Text.Json;
using Scoring.Cli.Output;
using Scoring.Evaluation;
using Scoring.Evaluation.Batch;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Rules.Jobs;
using Scoring.Rules.ProofOfGpu;
using Scoring.Rules.Swarm;
using Scoring.RuleSets;
using Scoring.Weights;
using Spectre.Console;

namespace Scoring.Cli.Commands;

/// <summary>
/// <c>scoring score</c>, the main job: scores a JSON Lines file with a scheme into the ledger and prints the leaderboard
/// (swarm, jobs), or scores a Proof-of-GPU round and prints the miners and their weights (pog).
/// </summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var scheme = new Option<string>("--scheme")
        {
            Description = "The scheme: swarm (FLOP + presence), jobs (image/LLM jobs with boosts) or pog (Proof-of-GPU weights).",
            Required = true,
        };
        scheme.AcceptOnlyFromAmong("swarm", "jobs", "pog");
        var input = new Option<string>("--input", "-i") { Description = "The reports, JSON Lines ('-' reads standard input).", Required = true };
        var rules = new Option<string[]>("--rules") { Description = "Rule-set documents replacing the built-in ones with the same id (repeatable; jobs).", AllowMultipleArgumentsPerToken = false };
        var options = new Option<string?>("--options") { Description = "Scheme options as JSON (swarm/jobs: the Swarm/Jobs section of appsettings; pog: the GPU score table)." };
        var gpuConfig = new Option<string?>("--gpu-config") { Description = "pog: the validator's config.yaml (gpu_performance.gpu_scores)." };
        var holdings = new Option<string?>("--holdings") { Description = "jobs: wallet NFT/stake snapshot (JSON Lines, docs/schemes.md) for boosts." };
        var db = LedgerOption.Create();
        var asOf = CommonOptions.Time("--as-of", "Leaderboard as of this time (default: now).");
        var top = CommonOptions.Top();
        var format = CommonOptions.Format();
        var rejects = new Option<string?>("--rejects") { Description = "Append rejected lines here (JSON Lines: line, field, reason, raw)." };
        var batchSize = new Option<int>("--batch-size") { Description = "Reports per ledger transaction (default 10000).", DefaultValueFactory = _ => 10_000 };
        var burnUid = new Option<int?>("--burn-uid") { Description = "pog: burn mode, all weight to this uid." };
        var maxWeight = new Option<double?>("--max-weight") { Description = "pog: the largest weight the chain allows, in (0, 1]." };
        var backend = new BackendSelection();

        var command = new Command("score", "Score reports into the ledger and print the leaderboard (pog: the miners and their weights).")
        {
            scheme, input, rules, options, gpuConfig, holdings, db, asOf, top, format, rejects, batchSize, burnUid, maxWeight,
        };
        backend.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            string schemeName = parseResult.GetValue(scheme)!;
            string inputPath = parseResult.GetValue(input)!;
            if (schemeName == "pog")
            {
                return ScoreProofOfGpu(parseResult, inputPath, parseResult.GetValue(options), parseResult.GetValue(gpuConfig),
                    new WeightSettings { BurnUid = parseResult.GetValue(burnUid), MaxWeight = parseResult.GetValue(maxWeight) },
                    parseResult.GetValue(format));
            }

            IReportScorer scorer;
            try
            {
                scorer = CreateScorer(schemeName, parseResult.GetValue(rules) ?? [], parseResult.GetValue(options), parseResult.GetValue(holdings),
                    (ruleSet, firstBatch) => backend.Create(parseResult, ruleSet, firstBatch, error));
            }
            catch (Exception exception) when (exception is RuleSetException or ArgumentException or IOException or InvalidOperationException
                or Microsoft.Extensions.Options.OptionsValidationException or BackendUnavailableException)
            {
                error.WriteLine($"scoring score: {exception.Message}");
                return 1;
            }

            Stream stream;
            try
            {
                stream = inputPath == "-" ? Console.OpenStandardInput() : File.OpenRead(inputPath);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"scoring score: cannot read '{inputPath}': {exception.Message}");
                return 1;
            }

            await using (stream)
            {
                await using var ledger = await LedgerOption.OpenAsync(parseResult.GetValue(db)!, cancellationToken);
                using var rejectsFile = parseResult.GetValue(rejects) is { } rejectsPath ? new RejectsFile(rejectsPath) : null;
                var pipeline = new ReportIngestion(Microsoft.Extensions.Options.Options.Create(new IngestionOptions { BatchSize = parseResult.GetValue(batchSize) }));
                IngestionSummary summary;
                try
                {
                    summary = await IngestionProgressView.RunAsync(parseResult, stream.CanSeek ? stream.Length : null, progress =>
                        pipeline.RunAsync(stream, scorer, ledger, rejectsFile, progress, cancellationToken));
                }
                catch (Exception exception) when (exception is IngestionException or BackendUnavailableException)
                {
                    error.WriteLine($"scoring score: {exception.Message}");
                    return 1;
                }

                var boards = new List<(string Scheme, Leaderboard Board)>();
                foreach (string ledgerScheme in LedgerSchemes(schemeName))
                {
                    var query = new LeaderboardQuery { Scheme = ledgerScheme, Top = parseResult.GetValue(top), AsOf = parseResult.GetValue(asOf) };
                    boards.Add((ledgerScheme, await ledger.GetLeaderboardAsync(query, cancellationToken)));
                }
                var ruleSets = RuleSetsOf(scorer);
                if (parseResult.GetValue(format) == OutputFormat.Json)
                {
                    var document = new ScoreDocument(
                        schemeName,
                        ruleSets.Select(r => new RuleSetReference(r.Id, r.Version, r.Hash)).ToArray(),
                        new ScoreCounts(summary.Read, summary.Scored, summary.Duplicates, summary.Rejected, summary.Entries),
                        boards.Select(b => new SchemeLeaderboard(b.Scheme, LeaderboardDocument.From(b.Board))).ToArray());
                    parseResult.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(document, CliJsonContext.Default.ScoreDocument));
                }
                else
                {
                    var console = CliConsole.For(parseResult);
                    console.Write(SummaryTable(schemeName, summary, ruleSets));
                    foreach (var (ledgerScheme, board) in boards)
                    {
                        console.Write(LeaderboardTable.Build(board, $"Leaderboard: {ledgerScheme}"));
                    }
                }
                return 0;
            }
        });
        return command;
    }

    /// <summary>The ledger schemes a scheme writes: one per point currency.</summary>
    public static IReadOnlyList<string> LedgerSchemes(string scheme) => scheme switch
    {
        "swarm" => [SwarmScorer.SchemeName],
        "jobs" => [JobsScorer.LlamaScheme, JobsScorer.WaifuScheme],
        _ => [],
    };

    /// <summary>Builds the scorer of a scheme from its options file and rule documents.</summary>
    public static IReportScorer CreateScorer(string scheme, IReadOnlyList<string> ruleFiles, string? optionsFile, string? holdingsFile,
        Func<CompiledRuleSet, ReportBatch, IBatchEvaluator>? evaluatorFactory)
    {
        switch (scheme)
        {
            case "swarm":
                if (ruleFiles.Count > 0)
                {
                    throw new ArgumentException("the swarm scheme is configured by --options (peer cap, presence timeout, rates), not by --rules.");
                }
                var swarm = SchemeOptionsFile.Load<SwarmOptions>(optionsFile, SwarmOptions.SectionName);
                SwarmOptionsValidator.ThrowIfInvalid(swarm);
                return new SwarmScorer(swarm);
            case "jobs":
                var jobs = SchemeOptionsFile.Load<JobsOptions>(optionsFile, JobsOptions.SectionName);
                var registry = new RuleSetRegistry();
                foreach (string file in ruleFiles)
                {
                    var compiled = RuleSetDocument.CompileFile(file);
                    if (!compiled.Succeeded)
                    {
                        throw new ArgumentException(string.Join(Environment.NewLine,
                            compiled.Diagnostics.Select(d => $"{file}:{d}")));
                    }
                    if (compiled.Compiled!.RuleSet.Id is not (JobsRuleSets.ImageId or JobsRuleSets.LlmId))
                    {
                        throw new ArgumentException($"{file}: rule set id '{compiled.Compiled.RuleSet.Id}' is not one the jobs scheme uses ({JobsRuleSets.ImageId}, {JobsRuleSets.LlmId}).");
                    }
                    registry.Add(compiled.Compiled);
                }
                return new JobsScorer(jobs, registry, LoadHoldings(holdingsFile), evaluatorFactory);
            default:
                throw new ArgumentException($"unknown scheme '{scheme}'.");
        }
    }

    private static WalletSnapshot? LoadHoldings(string? path)
    {
        if (path is null)
        {
            return null;
        }
        using var reader = new StreamReader(path);
        var (snapshot, errors) = WalletSnapshotReader.Read(reader);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"{path}: {string.Join("; ", errors.Select(e => e.ToString()))}");
        }
        return snapshot;
    }

    private static IReadOnlyList<(string Id, string Version, string Hash)> RuleSetsOf(IReportScorer scorer) => scorer switch
    {
        SwarmScorer swarm => [(SwarmScorer.RuleSetId, "options", swarm.RuleSetHash)],
        JobsScorer jobs => jobs.Rules.Ids.Order(StringComparer.Ordinal)
            .SelectMany(id => jobs.Rules.Versions(id))
            .Select(v => (v.RuleSet.Id, v.RuleSet.Version, v.ContentHash))
            .ToArray(),
        _ => [],
    };

    private static Table SummaryTable(string scheme, IngestionSummary summary, IReadOnlyList<(string Id, string Version, string Hash)> ruleSets)
    {
        var table = new Table().Title($"Scored: {scheme}").Border(TableBorder.Rounded).HideHeaders();
        table.AddColumn("what");
        table.AddColumn("value");
        table.AddRow("lines read", summary.Read.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("scored (new)", summary.Scored.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("duplicates", summary.Duplicates.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("rejected", summary.Rejected.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("ledger entries written", summary.Entries.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (id, version, hash) in ruleSets)
        {
            table.AddRow($"rule set {Markup.Escape(id)}@{Markup.Escape(version)}", hash);
        }
        return table;
    }

    private static int ScoreProofOfGpu(ParseResult parseResult, string inputPath, string? optionsFile, string? gpuConfig, WeightSettings settings, OutputFormat format)
    {
        var config = parseResult.InvocationConfiguration;
        if (ProofOfGpuRun.LoadOptions(optionsFile is null ? null : new FileInfo(optionsFile), gpuConfig is null ? null : new FileInfo(gpuConfig), config.Error) is not { } options)
        {
            return ProofOfGpuRun.ConfigurationError;
        }
        try
        {
            if (inputPath == "-")
            {
                return ProofOfGpuRun.Run(Console.In, "<stdin>", options, settings, format, config.Output, config.Error);
            }
            using var reader = new StreamReader(inputPath);
            return ProofOfGpuRun.Run(reader, inputPath, options, settings, format, config.Output, config.Error);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            config.Error.WriteLine($"scoring score: cannot read '{inputPath}': {e.Message}");
            return ProofOfGpuRun.InputError;
        }
    }
}
