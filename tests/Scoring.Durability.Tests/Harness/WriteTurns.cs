namespace Scoring.Durability.Tests.Harness;

/// <summary>
/// Decides which of several writers commits its next write transaction, following a generated order of writer numbers
/// (a writer that has finished is skipped; once the order is used up, whoever asks goes), so an interleaving of
/// concurrent pipelines is chosen by the test and can be replayed and shrunk instead of being left to the scheduler.
/// </summary>
internal sealed class WriteTurns(IReadOnlyList<int> order, int writers)
{
    private readonly Lock _gate = new();
    private readonly bool[] _finished = new bool[writers];
    private readonly TaskCompletionSource?[] _waiting = new TaskCompletionSource?[writers];
    private int _next;
    private bool _busy;

    /// <summary>Waits until it is <paramref name="writer"/>'s turn; dispose the result when its transaction is over.</summary>
    public async Task<IDisposable> TakeAsync(int writer)
    {
        TaskCompletionSource turn;
        lock (_gate)
        {
            if (!_busy && IsTurnOf(writer))
            {
                _busy = true;
                return new Turn(this);
            }
            _waiting[writer] = turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        await turn.Task.ConfigureAwait(false);
        return new Turn(this);
    }

    /// <summary>The writer will write no more: its turns pass to the others.</summary>
    public void Finish(int writer)
    {
        lock (_gate)
        {
            _finished[writer] = true;
            GrantNext();
        }
    }

    private void Release()
    {
        lock (_gate)
        {
            _busy = false;
            _next++;
            GrantNext();
        }
    }

    private bool IsTurnOf(int writer)
    {
        while (_next < order.Count && _finished[order[_next]])
            _next++;
        return _next >= order.Count || order[_next] == writer;
    }

    private void GrantNext()
    {
        if (_busy)
            return;
        for (int w = 0; w < _waiting.Length; w++)
        {
            if (_waiting[w] is { } waiting && IsTurnOf(w))
            {
                _waiting[w] = null;
                _busy = true;
                waiting.SetResult();
                return;
            }
        }
    }

    private sealed class Turn(WriteTurns turns) : IDisposable
    {
        private bool _released;

        public void Dispose()
        {
            if (_released)
                return;
            _released = true;
            turns.Release();
        }
    }
}
