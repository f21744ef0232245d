using System.Collections.Concurrent;
using System.Diagnostics;
using Scoring.Ingestion;

namespace Scoring.Durability.Tests.Processes;

/// <summary>A running <c>Scoring.Durability.Host</c>: the real pipeline in a child process the test can kill hard.</summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(Process process) => _process = process;

    /// <summary>Completes when the child has opened the ledger.</summary>
    public Task Ready => _ready.Task;

    public ConcurrentQueue<string> Lines { get; } = new();

    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>How many batches the child has committed (it prints a line after each commit).</summary>
    public int BatchesDone => Lines.Count(l => l.StartsWith("batch ", StringComparison.Ordinal));

    public bool Finished => Lines.Any(l => l.StartsWith("done ", StringComparison.Ordinal));

    /// <summary>Starts the child on <paramref name="input"/> (a JSON Lines file) into <paramref name="ledger"/> (a SQLite path or postgres:// URL).</summary>
    /// <param name="wait">The child waits for <see cref="Go"/> after opening the ledger.</param>
    public static HostProcess Start(string ledger, string scheme, string input, int batchSize, int pauseMs = 0, int gapMs = 0, bool wait = false)
    {
        string host = Path.Combine(AppContext.BaseDirectory, "Scoring.Durability.Host.dll");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = wait,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { host, "--ledger", ledger, "--scheme", scheme, "--input", input, "--batch-size", $"{batchSize}", "--pause-ms", $"{pauseMs}", "--gap-ms", $"{gapMs}", "--wait", wait ? "1" : "0" })
            info.ArgumentList.Add(arg);
        var process = new Process { StartInfo = info };
        var child = new HostProcess(process);
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

    /// <summary>Lets a child started with <c>wait</c> begin scoring.</summary>
    public void Go()
    {
        _process.StandardInput.WriteLine("go");
        _process.StandardInput.Flush();
    }

    /// <summary>Waits until the child has committed <paramref name="batches"/> batches (or has exited).</summary>
    public async Task WaitForBatchesAsync(int batches, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (BatchesDone < batches && !_process.HasExited)
        {
            if (clock.Elapsed > limit)
                throw new TimeoutException($"The child did not commit {batches} batches within {limit}; stderr: {string.Join('\n', Errors)}");
            await Task.Delay(1);
        }
    }

    /// <summary>Kills the child with SIGKILL: no chance to roll back, flush or clean up.</summary>
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

    /// <summary>Waits for the child to end and returns its counts; fails with its error line when it did not finish.</summary>
    public async Task<IngestionSummary> DoneAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // drains the redirected output
        Assert.True(_process.ExitCode == 0 && Finished, $"the child exited with {_process.ExitCode}: {string.Join('\n', Errors)}");
        var n = Lines.Last(l => l.StartsWith("done ", StringComparison.Ordinal)).Split(' ').Skip(1).Select(long.Parse).ToArray();
        return new IngestionSummary(n[0], n[1], n[2], n[3], n[4], n[5], n[6]);
    }

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }
}
