using System.Collections.Concurrent;

namespace Pog.Validator;

/// <summary>Reads lines from a text stream (standard input) on a background task as they arrive.</summary>
public sealed class ReaderResultFeed : IResultFeed
{
    private readonly ConcurrentQueue<(string, string)> _lines = new();

    /// <summary>Starts reading <paramref name="reader"/> until it ends.</summary>
    public ReaderResultFeed(TextReader reader, string name = "stdin")
    {
        Completion = Task.Run(async () =>
        {
            long number = 0;
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
                _lines.Enqueue(($"{name}:{++number}", line));
        });
    }

    /// <summary>Completes when the input ends.</summary>
    public Task Completion { get; }

    /// <inheritdoc />
    public IReadOnlyList<(string Origin, string Line)> ReadNew()
    {
        var lines = new List<(string, string)>();
        while (_lines.TryDequeue(out var line))
            lines.Add(line);
        return lines;
    }
}
