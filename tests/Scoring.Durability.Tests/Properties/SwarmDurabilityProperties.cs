using FsCheck;
using Scoring.Durability.Tests.Streams;

namespace Scoring.Durability.Tests.Properties;

/// <summary>The swarm scheme's ledger is a function of its accepted reports (see <see cref="DurabilityProperties"/>).</summary>
public sealed class SwarmDurabilityProperties : SchemeDurabilityProperties
{
    private protected override Gen<DurabilityCase> Cases => SwarmStreams.Cases();
}
