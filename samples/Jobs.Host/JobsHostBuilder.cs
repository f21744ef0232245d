using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;
using Scoring;
using Scoring.RuleSets;

namespace Jobs.Host;

/// <summary>Builds and runs the jobs host: options, the ledger, the jobs scheme (holdings from <c>Scoring:Jobs:HoldingsPath</c>) and the worker.</summary>
public static class JobsHostBuilder
{
    /// <summary>The ledger file when no setting names one: <c>jobs-ledger.db</c> in the content root.</summary>
    public const string DefaultLedgerPath = "jobs-ledger.db";

    private const string DefaultLedgerKey = "Scoring:Ledger:Path";

    /// <summary>
    /// Builds and runs the host until it is stopped. A setting, file or rule set that keeps it from starting, or a
    /// failure that stops the worker, is one line on <paramref name="error"/> and exit code 1.
    /// </summary>
    /// <param name="args">Command-line arguments (configuration overrides).</param>
    /// <param name="error">Where a failure is written (standard error).</param>
    /// <param name="configure">Changes the builder before the host is built (tests).</param>
    /// <param name="cancellationToken">Stops the host, like Ctrl+C.</param>
    /// <returns>The process exit code.</returns>
    public static Task<int> RunAsync(string[] args, TextWriter error, Action<HostApplicationBuilder>? configure = null, CancellationToken cancellationToken = default) =>
        WorkerHost.RunAsync<JobsWorker>(() => Build(args, configure), error, cancellationToken);

    /// <summary>Builds the host.</summary>
    /// <param name="args">Command-line arguments (configuration overrides, e.g. <c>--JobsHost:JobsPath=jobs.jsonl</c>).</param>
    /// <param name="configure">Changes the builder before the host is built (tests: a clock, an output).</param>
    /// <remarks>
    /// The content root is the working directory (<c>dotnet run --project samples/Jobs.Host</c> runs in the project
    /// folder): <c>appsettings.json</c> is read from there, and relative file settings — the jobs file, the ledger, the
    /// holdings snapshot, rule-set documents — are relative to it.
    /// </remarks>
    public static IHost Build(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(args);
        string root = builder.Environment.ContentRootPath;
        // The shipped appsettings.json's ledger file, also when the content root has none: a host started from another
        // folder writes the same file there, never the SDK's generic scoring-ledger.db.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = [new(DefaultLedgerKey, DefaultLedgerPath)] });
        // Logs go to standard error so standard output carries only the leaderboards.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // The generic host logs a failed start with its stack trace; RunAsync prints it as one line instead.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Services.AddSingleton<IValidateOptions<JobsHostOptions>>(new ConfigurationSectionValidator<JobsHostOptions>(JobsHostOptions.SectionName));
        var configuration = builder.Configuration;
        builder.Services.AddOptions<JobsHostOptions>().BindConfiguration(JobsHostOptions.SectionName).ValidateOnStart()
            .PostConfigure(o => o.JobsPath = StartFailure.InContentRoot(o.JobsPath, root)!)
            .Validate(o => !Directory.Exists(o.JobsPath), "JobsHost:JobsPath: is a folder; give the jobs file (JSON Lines) to tail.")
            // An operator's old setting must not be dropped silently: boosts would quietly stop.
            .Validate(_ => string.IsNullOrEmpty(configuration[JobsHostOptions.SectionName + ":HoldingsPath"]),
                "JobsHost:HoldingsPath: moved to Scoring:Jobs:HoldingsPath (the jobs scheme reads the holdings snapshot itself).");
        // An empty holdings setting (a JSON null, "--Scoring:Jobs:HoldingsPath=") means none, like an absent one.
        builder.Services.AddScoring(scoring => scoring.AddSqliteLedger().AddPostgresLedger().AddJobs(o => o.HoldingsPath = string.IsNullOrWhiteSpace(o.HoldingsPath) ? null : StartFailure.InContentRoot(o.HoldingsPath, root)));
        builder.Services.PostConfigure<LedgerOptions>(o => o.Path = StartFailure.InContentRoot(o.Path, root));
        builder.Services.PostConfigure<RuleSetFileOptions>(o =>
        {
            for (int i = 0; i < o.Files.Count; i++)
                o.Files[i] = StartFailure.InContentRoot(o.Files[i], root)!;
        });
        builder.Services.AddSingleton<TextWriter>(Console.Out);
        builder.Services.AddHostedService<JobsWorker>();
        configure?.Invoke(builder);
        return builder.Build();
    }
}
