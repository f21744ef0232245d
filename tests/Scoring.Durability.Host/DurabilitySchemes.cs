using Scoring.Rules.Jobs;
using Scoring.Rules.Swarm;
using Scoring.Schemes;

namespace Scoring.Durability.Host;

/// <summary>The scheme configurations the child process scores with; the tests build their reference runs from the same ones.</summary>
public static class DurabilitySchemes
{
    /// <summary>The start of epoch 0 of the jobs scheme: 2026-01-01T00:00:00Z.</summary>
    public const double JobsOrigin = 1_767_225_600;

    /// <summary>The swarm scheme with a peer cap of 2 that becomes 1 ten minutes in, and a 30-second reorder window.</summary>
    public static SwarmScheme Swarm()
    {
        var options = new SwarmOptions { PeerCap = 2, ReorderWindow = TimeSpan.FromSeconds(30) };
        options.PeerCapChanges.Add(new PeerCapChange { From = JobsOrigin + 600, PeerCap = 1 });
        return new SwarmScheme(options);
    }

    /// <summary>The jobs scheme with 10-minute epochs, a 1-minute grace, and one wallet holding NFTs and stake.</summary>
    public static JobsScheme Jobs() => new(
        new JobsOptions { EpochLength = TimeSpan.FromMinutes(10), EpochOrigin = JobsOrigin, EpochGrace = TimeSpan.FromMinutes(1) },
        new WalletSnapshot(Enumerable.Range(0, 24).Select(epoch => new WalletHoldings(epoch, "5Grw-alice", 1 + epoch % 3, 2500))));

    /// <summary>The scheme named <paramref name="name"/> (swarm or jobs).</summary>
    public static PointsScheme Named(string name) => name switch
    {
        "swarm" => Swarm(),
        "jobs" => Jobs(),
        _ => throw new ArgumentException($"unknown scheme '{name}': swarm or jobs"),
    };
}
