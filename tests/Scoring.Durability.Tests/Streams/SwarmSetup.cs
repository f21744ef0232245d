using System.Globalization;
using Scoring.Durability.Tests.Harness;
using Scoring.Evaluation;
using Scoring.Reports;
using Scoring.Rules.Swarm;
using Scoring.RuleSets;

namespace Scoring.Durability.Tests.Streams;

/// <summary>
/// A swarm scheme configuration: the peer cap and an optional change of it, the reorder window, and optionally a
/// second version of <c>swarm-points</c> taking effect in the middle of the stream (other rates, a tighter FLOP credit cap).
/// </summary>
internal sealed class SwarmSetup(int cap, (double From, int Cap)? capChange, int reorderSeconds, double? pointsV2From) : SchemeSetup
{
    public int Cap => cap;

    public (double From, int Cap)? CapChange => capChange;

    public int ReorderSeconds => reorderSeconds;

    public SwarmOptions Options()
    {
        var options = new SwarmOptions { PeerCap = cap, ReorderWindow = TimeSpan.FromSeconds(reorderSeconds) };
        if (capChange is { } change)
            options.PeerCapChanges.Add(new PeerCapChange { From = change.From, PeerCap = change.Cap });
        return options;
    }

    public override Report Alter(Report report)
    {
        var r = (SwarmPeerReport)report;
        // Other work under the same id: a counter or a FLOPs-since-last value that differs.
        return r.CumulativeFlops is double cumulative
            ? r with { CumulativeFlops = cumulative + 1e12 }
            : r with { FlopsSinceLast = (r.FlopsSinceLast ?? 0) + 1e12 };
    }

    public override string ToString() =>
        $"swarm: cap {cap}{(capChange is { } c ? $" ({c.Cap} from {c.From:R})" : "")}, reorder window {reorderSeconds} s" +
        (pointsV2From is { } v2 ? $", swarm-points v2 from {v2:R}" : "");

    protected override SchemeHarness CreateHarness()
    {
        var scheme = new SwarmScheme(Options());
        if (pointsV2From is not { } from)
            return new SchemeHarness(scheme);
        var v1 = scheme.RuleSets.Single(r => r.Id == SwarmPointsInputs.RuleSetId);
        var v2 = RuleSetDocument.Read(PointsV2(from)).RuleSet ?? throw new InvalidOperationException("the swarm-points v2 document does not read");
        return new SchemeHarness(scheme, [RuleSetCompiler.CompileOrThrow(v1), RuleSetCompiler.CompileOrThrow(v2)]);
    }

    /// <summary>Twice the compute and presence rates (totals never go down at the switch), and a credit cap a counter jump hits.</summary>
    private static string PointsV2(double from) =>
        $$"""
        {
          "id": "swarm-points",
          "version": "2",
          "description": "Durability tests: a later version with other rates and a tighter FLOP credit cap.",
          "effectiveFrom": "{{DateTimeOffset.FromUnixTimeMilliseconds((long)(from * 1000)).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)}}",
          "inputs": { "totalCountedFlops": "double", "totalCountedMicroseconds": "double" },
          "parameters": { "flopsPerPoint": 5e14, "presencePointsPerHour": 2.0, "maxFlopsPerSecond": 2e13 },
          "rules": [
            { "name": "compute", "set": { "compute": "totalCountedFlops / flopsPerPoint" } },
            { "name": "presence", "set": { "presence": "totalCountedMicroseconds / 3600000000.0 * presencePointsPerHour" } }
          ],
          "outputs": { "compute": "points", "presence": "points" }
        }
        """;
}
