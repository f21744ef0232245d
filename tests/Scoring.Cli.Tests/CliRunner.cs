using System.CommandLine;
using System.Text.Json;

namespace Scoring.Cli.Tests;

/// <summary>Runs the <c>scoring</c> command line in-process with captured output, and finds the bundled data.</summary>
internal static class CliRunner
{
    public static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = ScoringCommandLine.Run(args, new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command that must succeed and parses its JSON output.</summary>
    public static JsonElement Json(params string[] args)
    {
        var (exit, output, error) = Run([.. args, "--format", "json"]);
        Assert.True(exit == 0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    /// <summary>The leaderboard rows of <paramref name="currency"/> in a <c>score --format json</c> document.</summary>
    public static JsonElement Rows(JsonElement score, string currency) =>
        score.GetProperty("leaderboards").EnumerateArray().Single(b => b.GetProperty("currency").GetString() == currency)
            .GetProperty("leaderboard").GetProperty("rows");

    /// <summary>Each account's score in leaderboard rows, as the JSON wrote it (exact decimal text).</summary>
    public static Dictionary<string, string> Scores(JsonElement rows) =>
        rows.EnumerateArray().ToDictionary(r => r.GetProperty("account").GetString()!, r => r.GetProperty("score").GetRawText());

    // One folder per test process, removed when the process exits.
    private static readonly Lazy<string> Folder = new(() =>
    {
        string folder = Path.Combine(Path.GetTempPath(), $"scoring-cli-tests-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return folder;
    });

    /// <summary>Writes <paramref name="content"/> to a new temporary file and returns its path.</summary>
    public static string TempFile(string content, string extension = ".json")
    {
        string path = TempPath(extension);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A new temporary path (no file yet).</summary>
    public static string TempPath(string extension) => Path.Combine(Folder.Value, $"{Guid.NewGuid():N}{extension}");

    /// <summary>A file of samples/data, found from the test binary's folder up to the repository root.</summary>
    public static string Data(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "samples", "data", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"samples/data/{name} not found above {AppContext.BaseDirectory}");
    }

    /// <summary>A worked example of the README (samples/data/examples).</summary>
    public static string Example(string name) => Data(Path.Combine("examples", name));

    /// <summary>The test plug-in (an "uptime" scheme), copied beside the tests but never referenced by them.</summary>
    public static string TestPlugin => Path.Combine(AppContext.BaseDirectory, "plugins", "Scoring.Cli.TestPlugin.dll");
}
