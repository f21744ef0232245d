using System.Collections.Concurrent;
using System.Diagnostics;

namespace Scoring.Testing.Processes;

/// <summary>
/// A test host run as a real child process (<c>dotnet Some.Host.dll …</c>) that a test can SIGKILL. It speaks in
/// lines: <c>ready</c> once its ledger is open, <c>batch …</c> after each commit, <c>done …</c> with its counts at
/// the end. Shared by the crash, worker and durability tests (linked into each test project).
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process) => _process = process;

    /// <summary>Every line the child printed on stdout, in order.</summary>
    public ConcurrentQueue<string> Lines { get; } = new();

    /// <summary>Every line the child printed on stderr.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>Completes when the child printed <c>ready</c>.</summary>
    public Task Ready => _ready.Task;

    /// <summary>How many batches the child has committed (it prints a <c>batch …</c> line after each commit).</summary>
    public int BatchesDone => Lines.Count(l => l.StartsWith("batch ", StringComparison.Ordinal));

    /// <summary>Whether the child printed its <c>done …</c> line.</summary>
    public bool Finished => Lines.Any(l => l.StartsWith("done ", StringComparison.Ordinal));

    /// <summary>Starts <paramref name="assembly"/> (next to the tests) with <paramref name="arguments"/>.</summary>
    /// <param name="input">Redirect stdin, for <see cref="WriteLine"/>.</param>
    public static ChildProcess Start(string assembly, IEnumerable<string> arguments, bool input = false)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = input,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assembly));
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process);
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

    /// <summary>Writes <paramref name="line"/> to the child's stdin (started with <c>input</c>).</summary>
    public void WriteLine(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>Waits until the child prints a line equal to <paramref name="line"/>; fails if it exits first.</summary>
    public async Task WaitForLineAsync(string line, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!Lines.Contains(line))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The child exited ({_process.ExitCode}) before printing '{line}': {StandardError}");
            if (clock.Elapsed > limit)
                throw new TimeoutException($"The child did not print '{line}' within {limit}.");
            await Task.Delay(5);
        }
    }

    /// <summary>Waits until the child has committed <paramref name="batches"/> batches (or has exited).</summary>
    public async Task WaitForBatchesAsync(int batches, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (BatchesDone < batches && !_process.HasExited)
        {
            if (clock.Elapsed > limit)
                throw new TimeoutException($"The child did not commit {batches} batches within {limit}; stderr: {StandardError}");
            await Task.Delay(1);
        }
    }

    /// <summary>SIGKILL, to the whole process tree: no chance to roll back, flush or clean up.</summary>
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

    /// <summary>Waits for the child to exit and returns its exit code.</summary>
    public async Task<int> WaitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>
    /// Waits for a clean exit and returns the leading whole numbers of the <c>done …</c> line (its counts; what follows,
    /// such as a duration, is left out); fails with stderr otherwise.
    /// </summary>
    public async Task<long[]> DoneAsync(TimeSpan limit)
    {
        int exitCode = await WaitAsync(limit);
        Assert.True(exitCode == 0 && Finished, $"the child exited with {exitCode}; last line '{Lines.LastOrDefault()}'; stderr: {StandardError}");
        return Lines.Last(l => l.StartsWith("done ", StringComparison.Ordinal)).Split(' ').Skip(1)
            .TakeWhile(field => long.TryParse(field, out _)).Select(long.Parse).ToArray();
    }

    /// <summary>The child's stderr, for failure messages.</summary>
    public string StandardError => string.Join('\n', Errors);

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }
}
