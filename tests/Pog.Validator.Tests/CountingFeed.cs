namespace Pog.Validator.Tests;

/// <summary>Counts the worker's reads: it reads the feed once per block, so the count says which block it has reached.</summary>
internal sealed class CountingFeed(IResultFeed inner) : IResultFeed
{
    private int _reads;

    public int Reads => Volatile.Read(ref _reads);

    public IReadOnlyList<(string Origin, string Line)> ReadNew()
    {
        var lines = inner.ReadNew();
        Interlocked.Increment(ref _reads);
        return lines;
    }

    public async Task WaitForReadsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Reads < count)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the worker read the feed {Reads} times, expected {count}.");
            await Task.Delay(5);
        }
    }
}
