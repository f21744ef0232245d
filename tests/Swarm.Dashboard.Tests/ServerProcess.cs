using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Swarm.Dashboard.Tests;

/// <summary>
/// The dashboard as a real server process (<c>dotnet Swarm.Dashboard.dll</c>) on a free loopback port, its files in a
/// temporary folder: what its memory costs is then the server's alone, not shared with the test's own client.
/// </summary>
internal sealed partial class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process, string folder)
    {
        _process = process;
        Folder = folder;
    }

    public string Folder { get; }

    public Uri Address { get; private set; } = null!;

    /// <summary>The server's resident memory now (Linux: <c>VmRSS</c>), in bytes.</summary>
    public long ResidentBytes => StatusKilobytes("VmRSS") * 1024;

    /// <summary>The most resident memory the server has had (Linux: <c>VmHWM</c>), in bytes.</summary>
    public long PeakResidentBytes => StatusKilobytes("VmHWM") * 1024;

    public static async Task<ServerProcess> StartAsync(IDictionary<string, string?>? settings = null)
    {
        string folder = DashboardHost.NewFolder();
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Swarm.Dashboard.dll"));
        info.ArgumentList.Add($"--contentRoot={folder}");
        var values = DashboardHost.Settings(folder, settings);
        values["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in values)
            info.ArgumentList.Add($"--{key}={value}");
        var server = new ServerProcess(new Process { StartInfo = info }, folder);
        server._process.OutputDataReceived += (_, e) => { if (e.Data is not null) server._output.Enqueue(e.Data); };
        server._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) server._output.Enqueue(e.Data); };
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();

        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (server._output.Select(l => Listening().Match(l)).FirstOrDefault(m => m.Success) is { } match)
            {
                server.Address = new Uri(match.Groups[1].Value);
                return server;
            }
            if (server._process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                string output = string.Join('\n', server._output);
                server.Dispose();
                throw new InvalidOperationException($"The dashboard did not start: {output}");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>The admin credential the server created at its first start.</summary>
    public string AdminToken => File.ReadAllText(Path.Combine(Folder, "admin.token")).Trim();

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        _process.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private long StatusKilobytes(string field)
    {
        foreach (string line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        throw new InvalidOperationException($"/proc/{_process.Id}/status has no {field}.");
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
