using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Scoring.Samples;

/// <summary>A background worker that records why it stopped, so the host can exit with that reason.</summary>
internal interface IStoppableWorker
{
    /// <summary>The error that stopped the worker, or null.</summary>
    Exception? Failure { get; }
}

/// <summary>Runs a worker host the way every sample host does: settings checked first, failures as one line and exit code 1.</summary>
internal static class WorkerHost
{
    /// <summary>
    /// Runs <paramref name="build"/>'s host until it is stopped. A setting, file or rule set that keeps it from starting
    /// (checked before the host would log a failed start with its stack trace), or a failure that stops the worker, is
    /// one line on <paramref name="error"/> and exit code 1.
    /// </summary>
    public static async Task<int> RunAsync<TWorker>(Func<IHost> build, TextWriter error, CancellationToken cancellationToken)
        where TWorker : IHostedService, IStoppableWorker
    {
        try
        {
            using var host = build();
            host.Services.GetRequiredService<IStartupValidator>().Validate();
            var worker = host.Services.GetServices<IHostedService>().OfType<TWorker>().Single();
            await host.RunAsync(cancellationToken);
            if (worker.Failure is { } failure)
            {
                await error.WriteLineAsync($"error: {StartFailure.Describe(failure)}");
                return 1;
            }
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped while starting (the host's start honours the stop token): a stop asked for, not a failure.
            return 0;
        }
        catch (Exception exception)
        {
            await error.WriteLineAsync($"error: {StartFailure.Describe(exception)}");
            return 1;
        }
    }
}
