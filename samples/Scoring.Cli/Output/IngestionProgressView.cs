using System.CommandLine;
using System.Globalization;
using Scoring.Ingestion;
using Spectre.Console;

namespace Scoring.Cli.Output;

/// <summary>
/// Shows an ingestion's progress: a Spectre.Console progress bar on a terminal, and a plain line on standard error every
/// few seconds when output is redirected (logs stay readable, nothing is drawn over).
/// </summary>
internal static class IngestionProgressView
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    public static async Task<IngestionSummary> RunAsync(ParseResult parseResult, long? totalBytes, Func<IProgress<IngestionProgress>, Task<IngestionSummary>> run)
    {
        if (!CliConsole.IsInteractive(parseResult))
        {
            var error = parseResult.InvocationConfiguration.Error;
            var last = TimeSpan.Zero;
            return await run(new SynchronousProgress(p =>
            {
                if (p.Elapsed - last >= PlainInterval)
                {
                    last = p.Elapsed;
                    error.WriteLine(Describe(p));
                }
            }));
        }

        IngestionSummary summary = IngestionSummary.Empty;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("scoring", maxValue: totalBytes is > 0 ? totalBytes.Value : 1);
                task.IsIndeterminate = totalBytes is not > 0;
                summary = await run(new SynchronousProgress(p =>
                {
                    task.Description = Describe(p);
                    if (totalBytes is > 0)
                    {
                        task.Value = Math.Min(p.BytesRead, totalBytes.Value);
                    }
                }));
                task.Value = task.MaxValue;
            });
        return summary;
    }

    private static string Describe(IngestionProgress p)
    {
        double rate = p.Elapsed.TotalSeconds > 0 ? p.Summary.Read / p.Elapsed.TotalSeconds : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"read {p.Summary.Read:N0} · scored {p.Summary.Scored:N0} · duplicates {p.Summary.Duplicates:N0} · rejected {p.Summary.Rejected:N0} · {rate:N0} lines/s");
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to a thread-pool context and reorder).</summary>
    private sealed class SynchronousProgress(Action<IngestionProgress> report) : IProgress<IngestionProgress>
    {
        public void Report(IngestionProgress value) => report(value);
    }
}
