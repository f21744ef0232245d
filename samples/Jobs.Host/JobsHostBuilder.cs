using Microsoft.Extensions.Options;
using Scoring;
using Scoring.Rules.Jobs;

namespace Jobs.Host;

/// <summary>Builds the jobs host: options, the ledger, the jobs scheme with the holdings snapshot, and the worker.</summary>
public static class JobsHostBuilder
{
    /// <summary>Builds the host.</summary>
    /// <param name="args">Command-line arguments (configuration overrides, e.g. <c>--JobsHost:JobsPath=jobs.jsonl</c>).</param>
    /// <param name="configure">Changes the builder before the host is built (tests: a clock, an output).</param>
    public static IHost Build(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton<IValidateOptions<JobsHostOptions>>(new ConfigurationSectionValidator<JobsHostOptions>(JobsHostOptions.SectionName));
        builder.Services.AddOptions<JobsHostOptions>().BindConfiguration(JobsHostOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton(provider => ReadHoldings(provider.GetRequiredService<IOptions<JobsHostOptions>>().Value.HoldingsPath,
            provider.GetRequiredService<ILogger<JobsWorker>>()));
        builder.Services.AddScoring(scoring => scoring.AddJobs());
        builder.Services.AddSingleton<TextWriter>(Console.Out);
        builder.Services.AddHostedService<JobsWorker>();
        configure?.Invoke(builder);
        return builder.Build();
    }

    private static WalletSnapshot ReadHoldings(string? path, ILogger logger)
    {
        if (string.IsNullOrEmpty(path))
            return WalletSnapshot.Empty;
        using var reader = File.OpenText(path);
        var (snapshot, errors) = WalletSnapshotReader.Read(reader);
        foreach (var error in errors)
            logger.LogWarning("{Path}: {Error}", path, error);
        logger.LogInformation("Holdings: {Count} wallet-epochs from {Path}.", snapshot.Count, path);
        return snapshot;
    }
}
