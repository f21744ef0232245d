using FsCheck;
using Scoring.Durability.Tests.Streams;

namespace Scoring.Durability.Tests.Properties;

/// <summary>The jobs scheme's ledger is a function of its accepted reports (see <see cref="DurabilityProperties"/>).</summary>
public sealed class JobsDurabilityProperties : SchemeDurabilityProperties
{
    private protected override Gen<DurabilityCase> Cases => JobsStreams.Cases();
}
