using System.Diagnostics;

namespace Storage.Proofs.Tests;

/// <summary>
/// Runs the built <c>scoring</c> command line (samples/Scoring.Cli) as its own process, the way an operator runs it,
/// with the storage-proofs plug-in built by samples/Storage.Proofs.
/// </summary>
internal static class ScoringCli
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    /// <summary>The repository root: the folder holding Scoring.sln above the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built with (the CLI and the plug-in are used from the same one).</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The built CLI.</summary>
    public static string Cli => Path.Combine(Root, "samples", "Scoring.Cli", "bin", Configuration, "net10.0", "scoring.dll");

    /// <summary>The built plug-in, in its own output folder (not the test's), as an operator would point at it.</summary>
    public static string Plugin => Path.Combine(Root, "samples", "Storage.Proofs", "bin", Configuration, "net10.0", "Storage.Proofs.dll");

    /// <summary>Runs <c>dotnet scoring.dll ARGS</c> in <paramref name="workingDirectory"/> and returns its exit code and output.</summary>
    public static (int Exit, string Output, string Error) Run(string workingDirectory, params string[] args)
    {
        Assert.True(File.Exists(Cli), $"The CLI is not built at {Cli}: run `dotnet build samples/Scoring.Cli -c {Configuration}` first.");
        Assert.True(File.Exists(Plugin), $"The plug-in is not built at {Plugin}: run `dotnet build samples/Storage.Proofs -c {Configuration}` first.");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        info.ArgumentList.Add(Cli);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        // Plain output: no colours or progress bars to strip.
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"scoring {string.Join(' ', args)} did not finish within {Limit}.");
        }
        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Scoring.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"No Scoring.sln above {AppContext.BaseDirectory}.");
    }
}
