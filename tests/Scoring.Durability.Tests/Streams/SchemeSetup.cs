using Scoring.Durability.Tests.Harness;
using Scoring.Reports;

namespace Scoring.Durability.Tests.Streams;

/// <summary>How one generated case configures its scheme (options, rule-set history), and how a producer re-sends a report with other content.</summary>
internal abstract class SchemeSetup
{
    private readonly Lazy<SchemeHarness> _harness;

    protected SchemeSetup() => _harness = new Lazy<SchemeHarness>(CreateHarness);

    /// <summary>The harness of this setup, made once (compiling rule sets is the costly part).</summary>
    public SchemeHarness Harness => _harness.Value;

    /// <summary>The same report id from the same producer with other content (a conflicting re-send).</summary>
    public abstract Report Alter(Report report);

    protected abstract SchemeHarness CreateHarness();
}
