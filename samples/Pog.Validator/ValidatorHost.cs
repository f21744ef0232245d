using Microsoft.Extensions.Options;
using Scoring;

namespace Pog.Validator;

/// <summary>Builds the validator host: options, the Proof-of-GPU scheme, the result feed and the worker.</summary>
public static class ValidatorHost
{
    /// <summary>Builds the host.</summary>
    /// <param name="args">Command-line arguments (configuration overrides, e.g. <c>--Validator:BurnUid=0</c>).</param>
    /// <param name="configure">Changes the builder before the host is built (tests: a clock, a feed, an output).</param>
    public static IHost Build(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // Logs go to standard error so standard output carries only the weight sets.
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton<IValidateOptions<ValidatorOptions>>(new ConfigurationSectionValidator<ValidatorOptions>(ValidatorOptions.SectionName));
        builder.Services.AddOptions<ValidatorOptions>().BindConfiguration(ValidatorOptions.SectionName).ValidateOnStart();
        builder.Services.AddScoring(scoring => scoring.UseInMemoryLedger().AddProofOfGpu());
        builder.Services.AddSingleton<TextWriter>(Console.Out);
        builder.Services.AddSingleton<IResultFeed>(provider =>
            provider.GetRequiredService<IOptions<ValidatorOptions>>().Value.InputFolder is { Length: > 0 } folder
                ? new FolderResultFeed(Path.GetFullPath(folder, Environment.CurrentDirectory))
                : new ReaderResultFeed(Console.In));
        builder.Services.AddHostedService<ValidatorWorker>();
        configure?.Invoke(builder);
        return builder.Build();
    }
}
