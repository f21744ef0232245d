using System.Collections.Concurrent;
using System.Diagnostics;

namespace Scoring.Sdk.Tests.Ledger.Postgres;

/// <summary>A running <c>Scoring.Ledger.Worker</c>: a real, separate process that a test can SIGKILL.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process) => _process = process;

    public ConcurrentQueue<string> Lines { get; } = new();

    public ConcurrentQueue<string> Errors { get; } = new();

    public int BatchesDone => Lines.Count(l => l.StartsWith("batch ", StringComparison.Ordinal));

    public static WorkerProcess Start(params string[] arguments)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Scoring.Ledger.Worker.dll"));
        foreach (string argument in arguments)
            info.ArgumentList.Add(argument);
        var process = new Process { StartInfo = info };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) worker.Lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) worker.Errors.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits until the worker prints a line equal to <paramref name="line"/>.</summary>
    public async Task WaitForLineAsync(string line, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!Lines.Contains(line))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The worker exited ({_process.ExitCode}) before printing '{line}': {string.Join('\n', Errors)}");
            if (clock.Elapsed > limit)
                throw new TimeoutException($"The worker did not print '{line}' within {limit}.");
            await Task.Delay(5);
        }
    }

    /// <summary>Lets a worker started with <c>--hold-before</c> go on.</summary>
    public void Release() => _process.StandardInput.WriteLine();

    /// <summary>SIGKILL: no chance to roll back, flush or say goodbye.</summary>
    public void KillHard()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        _process.WaitForExit();
    }

    /// <summary>Waits for a normal exit and returns the "done" line's numbers.</summary>
    public async Task<(long Appended, long Duplicates)> DoneAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // drains the redirected output
        Assert.True(_process.ExitCode == 0, $"worker exit code {_process.ExitCode}: {string.Join('\n', Errors)}");
        var parts = Lines.Last().Split(' ');
        Assert.True(parts[0] == "done", $"last line was '{Lines.Last()}'");
        return (long.Parse(parts[1]), long.Parse(parts[2]));
    }

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }
}
