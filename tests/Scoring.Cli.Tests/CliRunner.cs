using System.CommandLine;

namespace Scoring.Cli.Tests;

/// <summary>Runs the <c>scoring</c> command line in-process with captured output.</summary>
internal static class CliRunner
{
    public static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = ScoringCommandLine.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

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
        string path = Path.Combine(Folder.Value, $"{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, content);
        return path;
    }
}
