using System.CommandLine;
using System.Globalization;
using Scoring.Ingestion;
using Spectre.Console;

namespace Scoring.Cli.Output;

/// <summary>
/// Shows an ingestion's progress: on a terminal, a Spectre.Console progress bar on standard error with the counts, the
/// rate (reports/s) and, when the input's size is known, the percentage and the time left; otherwise (redirected
/// output, a test's writers) a plain line on standard error every few seconds, so logs stay readable and nothing is
/// drawn over.
/// </summary>
internal static class IngestionProgressView
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="run"/>, showing its progress.</summary>
    /// <param name="parseResult">The command line (its writers decide whether a terminal is there).</param>
    /// <param name="scheme">The scheme scored, for the bar's label.</param>
    /// <param name="totalBytes">The input's size, when known: the bar's end and the time left; null for standard input.</param>
    /// <param name="run">The ingestion, reporting to the progress it is given.</param>
    public static async Task<IngestionSummary> RunAsync(ParseResult parseResult, string scheme, long? totalBytes, Func<IProgress<IngestionProgress>, Task<IngestionSummary>> run)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        if (!CliConsole.IsInteractive(parseResult))
        {
            var error = parseResult.InvocationConfiguration.Error;
            var last = TimeSpan.Zero;
            return await run(new SynchronousProgress(p =>
            {
                if (p.Elapsed - last >= PlainInterval)
                {
                    last = p.Elapsed;
                    error.WriteLine($"scoring score: {Describe(p)}");
                }
            }));
        }

        bool sized = totalBytes is > 0;
        var columns = new List<ProgressColumn> { new TaskDescriptionColumn() };
        columns.AddRange(sized
            ? [new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn()]
            : [new SpinnerColumn(), new ElapsedTimeColumn()]);
        IngestionSummary summary = IngestionSummary.Empty;
        await CliConsole.ForError().Progress()
            .AutoClear(true)
            .Columns([.. columns])
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(scheme), maxValue: sized ? totalBytes!.Value : 1);
                task.IsIndeterminate = !sized;
                summary = await run(new SynchronousProgress(p =>
                {
                    task.Description = Markup.Escape($"{scheme}: {Describe(p)}");
                    if (sized)
                        task.Value = Math.Min(p.BytesRead, totalBytes!.Value);
                }));
                task.Value = task.MaxValue;
            });
        return summary;
    }

    private static string Describe(IngestionProgress p)
    {
        double rate = p.Elapsed.TotalSeconds > 0 ? p.Summary.Read / p.Elapsed.TotalSeconds : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"read {p.Summary.Read:N0} · scored {p.Summary.Scored:N0} · duplicates {p.Summary.Duplicates:N0} · refused {p.Summary.Conflicts + p.Summary.Late + p.Summary.Rejected:N0} · {rate:N0} reports/s");
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to a thread-pool context and reorder).</summary>
    private sealed class SynchronousProgress(Action<IngestionProgress> report) : IProgress<IngestionProgress>
    {
        public void Report(IngestionProgress value) => report(value);
    }
}
