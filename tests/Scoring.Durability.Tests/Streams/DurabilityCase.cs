using FsCheck;
using FsCheck.Fluent;
using Scoring.Durability.Tests.Harness;
using Scoring.Reports;

namespace Scoring.Durability.Tests.Streams;

/// <summary>
/// One generated input of one scheme, in arrival order, and a seed for the choices a property makes over it (batch
/// sizes, cut points, interleavings). Shrinks by dropping reports, so a failure comes down to a few lines.
/// </summary>
internal sealed record DurabilityCase(SchemeSetup Setup, Report[] Reports, int Seed)
{
    public static Arbitrary<DurabilityCase> Arbitrary(Gen<DurabilityCase> cases) => Arb.From(cases, Shrink);

    public override string ToString() => $"{Setup}, seed {Seed}, {Reports.Length} lines:\n{ReportLines.Text(Reports)}";

    private static IEnumerable<DurabilityCase> Shrink(DurabilityCase c)
    {
        int n = c.Reports.Length;
        // Large cuts first (halves, quarters, …), then single lines; the seed last.
        for (int size = Math.Max(1, n / 2); size >= 1; size /= 2)
        {
            for (int at = 0; at + size <= n; at += size)
                yield return c with { Reports = [.. c.Reports[..at], .. c.Reports[(at + size)..]] };
        }
        if (c.Seed != 0)
            yield return c with { Seed = 0 };
    }
}
