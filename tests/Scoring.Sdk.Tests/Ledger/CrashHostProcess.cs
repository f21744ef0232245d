using System.Collections.Concurrent;
using System.Diagnostics;

namespace Scoring.Sdk.Tests.Ledger;

/// <summary>A running <c>Scoring.Ledger.CrashHost</c> child process: a real process the test can kill hard.</summary>
internal sealed class CrashHostProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CrashHostProcess(Process process) => _process = process;

    public ConcurrentQueue<string> Lines { get; } = new();

    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>Completes when the child has opened the ledger.</summary>
    public Task Ready => _ready.Task;

    public int BatchesDone => Lines.Count(l => l.StartsWith("batch ", StringComparison.Ordinal));

    public static CrashHostProcess Start(string db, long first, long count, int batchSize, int pauseMs)
    {
        string host = Path.Combine(AppContext.BaseDirectory, "Scoring.Ledger.CrashHost.dll");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { host, "--db", db, "--first", $"{first}", "--count", $"{count}", "--batch-size", $"{batchSize}", "--pause-ms", $"{pauseMs}" })
            info.ArgumentList.Add(arg);
        var process = new Process { StartInfo = info };
        var child = new CrashHostProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            child.Lines.Enqueue(e.Data);
            if (e.Data == "ready") child._ready.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) child.Errors.Enqueue(e.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until the child has committed <paramref name="batches"/> batches (or has exited).</summary>
    public async Task WaitForBatchesAsync(int batches, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (BatchesDone < batches && !_process.HasExited)
        {
            if (clock.Elapsed > limit)
                throw new TimeoutException($"The child did not commit {batches} batches within {limit}.");
            await Task.Delay(1);
        }
    }

    /// <summary>Kills the child and everything it started, without any chance to clean up.</summary>
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

    /// <summary>Waits for a normal exit and returns the exit code.</summary>
    public async Task<int> WaitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>The "done APPENDED DUPLICATES" line's numbers.</summary>
    public (long Appended, long Duplicates) Done()
    {
        var parts = Lines.Last().Split(' ');
        Assert.True(parts[0] == "done", $"last line was '{Lines.Last()}'; stderr: {string.Join('\n', Errors)}");
        return (long.Parse(parts[1]), long.Parse(parts[2]));
    }

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }
}
