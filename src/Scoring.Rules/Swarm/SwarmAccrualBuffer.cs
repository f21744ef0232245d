namespace Scoring.Rules.Swarm;

/// <summary>An <see cref="ISwarmAccrualSink"/> that keeps everything in lists, for batch use and tests.</summary>
public sealed class SwarmAccrualBuffer : ISwarmAccrualSink
{
    /// <summary>The settled entries, in settlement order.</summary>
    public List<SwarmAccrualEntry> Entries { get; } = [];

    /// <summary>The released places, in release order.</summary>
    public List<SwarmPlace> Places { get; } = [];

    /// <inheritdoc />
    public void Accrued(in SwarmAccrualEntry entry) => Entries.Add(entry);

    /// <inheritdoc />
    public void PlaceReleased(in SwarmPlace place) => Places.Add(place);

    /// <summary>Empties both lists.</summary>
    public void Clear()
    {
        Entries.Clear();
        Places.Clear();
    }
}
