namespace Scoring.Rules.Swarm;

/// <summary>Receives what <see cref="SwarmAccrual"/> produces as reports are settled.</summary>
public interface ISwarmAccrualSink
{
    /// <summary>An accepted report has been settled: its points are final.</summary>
    void Accrued(in SwarmAccrualEntry entry);

    /// <summary>A peer gave up a place (its interval timed out, or the cap went down).</summary>
    void PlaceReleased(in SwarmPlace place);
}
