using Microsoft.Extensions.Options;
using Scoring;
using Scoring.RuleSets;

namespace Pog.Validator;

/// <summary>Builds and runs the validator host: options, the Proof-of-GPU scheme, the result feed and the worker.</summary>
public static class ValidatorHost
{
    /// <summary>
    /// Builds and runs the validator until it is stopped. A setting, file or rule set that keeps it from starting, or a
    /// failure that stops the worker, is one line on <paramref name="error"/> and exit code 1.
    /// </summary>
    /// <param name="args">Command-line arguments (configuration overrides).</param>
    /// <param name="error">Where a failure is written (standard error).</param>
    /// <param name="configure">Changes the builder before the host is built (tests).</param>
    /// <param name="cancellationToken">Stops the host, like Ctrl+C.</param>
    /// <returns>The process exit code.</returns>
    public static Task<int> RunAsync(string[] args, TextWriter error, Action<HostApplicationBuilder>? configure = null, CancellationToken cancellationToken = default) =>
        WorkerHost.RunAsync<ValidatorWorker>(() => Build(args, configure), error, cancellationToken);

    /// <summary>Builds the host.</summary>
    /// <param name="args">Command-line arguments (configuration overrides, e.g. <c>--Validator:BurnUid=0</c>).</param>
    /// <param name="configure">Changes the builder before the host is built (tests: a clock, a feed, an output).</param>
    /// <remarks>
    /// The content root is the working directory (<c>dotnet run --project samples/Pog.Validator</c> runs in the project
    /// folder): <c>appsettings.json</c> is read from there, and relative file settings — the input folder, the weights
    /// file, the GPU config, rule-set documents — are relative to it.
    /// </remarks>
    public static IHost Build(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(args);
        string root = builder.Environment.ContentRootPath;
        // Logs go to standard error so standard output carries only the weight sets.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // The generic host logs a failed start with its stack trace; RunAsync prints it as one line instead.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.Services.AddSingleton<IValidateOptions<ValidatorOptions>>(new ConfigurationSectionValidator<ValidatorOptions>(ValidatorOptions.SectionName));
        builder.Services.AddOptions<ValidatorOptions>().BindConfiguration(ValidatorOptions.SectionName).ValidateOnStart().PostConfigure(o =>
        {
            o.InputFolder = StartFailure.InContentRoot(o.InputFolder, root);
            o.OutputPath = StartFailure.InContentRoot(o.OutputPath, root);
            o.GpuConfig = StartFailure.InContentRoot(o.GpuConfig, root);
        })
            // Paths are checked at start: a wrong one would otherwise show only as silence, or as a failure after the first weight set.
            .Validate(o => string.IsNullOrEmpty(o.InputFolder) || !File.Exists(o.InputFolder), "Validator:InputFolder: is a file; give the folder whose *.jsonl files hold the results.")
            .Validate(o => string.IsNullOrEmpty(o.OutputPath) || !Directory.Exists(o.OutputPath), "Validator:OutputPath: is a folder; give the file weight sets are appended to.")
            .Validate(o => string.IsNullOrEmpty(o.OutputPath) || Directory.Exists(Path.GetDirectoryName(o.OutputPath)),
                "Validator:OutputPath: its folder does not exist; create it or give another path.");
        // The validator keeps no ledger: weights are computed from the latest results at each round.
        builder.Services.AddScoring(scoring => scoring.UseInMemoryLedger().AddProofOfGpu());
        builder.Services.PostConfigure<RuleSetFileOptions>(o =>
        {
            for (int i = 0; i < o.Files.Count; i++)
                o.Files[i] = StartFailure.InContentRoot(o.Files[i], root)!;
        });
        builder.Services.AddSingleton<TextWriter>(Console.Out);
        builder.Services.AddSingleton<IResultFeed>(provider =>
            provider.GetRequiredService<IOptions<ValidatorOptions>>().Value.InputFolder is { Length: > 0 } folder
                ? new FolderResultFeed(folder)
                : new ReaderResultFeed(Console.In));
        builder.Services.AddHostedService<ValidatorWorker>();
        configure?.Invoke(builder);
        return builder.Build();
    }
}
