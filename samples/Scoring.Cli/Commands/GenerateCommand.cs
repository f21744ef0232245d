using System.CommandLine;
using Scoring.Cli.Generation;

namespace Scoring.Cli.Commands;

/// <summary>
/// <c>scoring generate</c>: writes a deterministic synthetic data set of one scheme as JSON Lines, to a file or to
/// standard output. The same arguments give the same bytes.
/// </summary>
internal static class GenerateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var scheme = new Option<string>("--scheme")
        {
            Description = "Which scheme's reports to generate: swarm (peer FLOP heartbeats), jobs (image and LLM jobs) or pog (Proof-of-GPU results).",
            Required = true,
        };
        scheme.AcceptOnlyFromAmong([.. SyntheticDataSet.Schemes]);

        var count = new Option<long>("--count")
        {
            Description = "How many valid reports to write.",
            Required = true,
        };
        count.Require(n => n >= 0, "--count must not be negative.");

        var seed = new Option<ulong>("--seed")
        {
            Description = "The random seed; the same seed gives the same bytes.",
            Required = true,
        };

        var output = new Option<FileInfo?>("--output")
        {
            Description = "The file to write (replaced if it exists); standard output when left out.",
        };

        var badLines = new Option<long>("--bad-lines")
        {
            Description = "How many malformed lines of different kinds to mix in, at seeded positions (in addition to --count).",
            DefaultValueFactory = _ => 0,
        };
        badLines.Require(n => n >= 0, "--bad-lines must not be negative.");

        var command = new Command("generate", "Write a deterministic synthetic data set of reports (JSON Lines) for a scheme.")
        {
            scheme, count, seed, output, badLines,
        };
        command.SetGuardedAction(parseResult =>
        {
            var file = parseResult.GetValue(output);
            var schemeName = parseResult.GetValue(scheme)!;
            var reports = parseResult.GetValue(count);
            var malformed = parseResult.GetValue(badLines);
            try
            {
                using var stream = file is null ? Console.OpenStandardOutput() : file.Create();
                SyntheticDataSet.Write(stream, schemeName, reports, parseResult.GetValue(seed), malformed);
            }
            catch (IOException exception)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"scoring generate: cannot write {file?.FullName ?? "standard output"}: {exception.Message}");
                return 1;
            }
            catch (UnauthorizedAccessException exception)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"scoring generate: cannot write {file?.FullName}: {exception.Message}");
                return 1;
            }

            if (file is not null)
            {
                parseResult.InvocationConfiguration.Error.WriteLine(
                    $"wrote {reports} {schemeName} reports and {malformed} malformed lines to {file.FullName}");
            }

            return 0;
        });
        return command;
    }
}
