using Scoring.Reports;
using Scoring.Rules.Jobs;
using Scoring.Rules.ProofOfGpu;
using Scoring.Rules.Swarm;

namespace Scoring.Cli.Generation;

/// <summary>
/// Writes a synthetic data set of one scheme as JSON Lines: <c>count</c> valid reports with <c>badLines</c>
/// malformed lines at seeded positions among them. Reports are produced and written one at a time, so memory does
/// not grow with the count. The valid lines are the same whatever <c>badLines</c> is: positions come from their own
/// random stream.
/// </summary>
internal static class SyntheticDataSet
{
    // The data sets this generator can make, by the name of the built-in scheme whose reports they are.
    private static readonly Dictionary<string, Func<long, ulong, IEnumerable<Report>>> DataSets = new(StringComparer.Ordinal)
    {
        [SwarmScheme.SchemeName] = SwarmDataSet.Generate,
        [JobsScheme.SchemeName] = JobsDataSet.Generate,
        [ProofOfGpuScheme.SchemeName] = ProofOfGpuDataSet.Generate,
    };

    /// <summary>The scheme names <c>scoring generate --scheme</c> accepts.</summary>
    public static IReadOnlyList<string> Schemes { get; } = [.. DataSets.Keys];

    /// <summary>The valid reports of <paramref name="scheme"/>, lazily.</summary>
    public static IEnumerable<Report> Reports(string scheme, long count, ulong seed) =>
        DataSets.TryGetValue(scheme, out var generate)
            ? generate(count, seed)
            : throw new ArgumentException($"Unknown data set '{scheme}'; expected {string.Join(", ", DataSets.Keys)}.", nameof(scheme));

    /// <summary>Writes the data set to <paramref name="output"/> (left open).</summary>
    public static void Write(Stream output, string scheme, long count, ulong seed, long badLines)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(badLines);
        var placement = new Xoshiro256StarStar(seed ^ 0x6A09E667F3BCC909UL);
        using var reports = Reports(scheme, count, seed).GetEnumerator();
        using var writer = new ReportWriter(output, leaveOpen: true);

        Report? previous = null;
        Report? pending = null;
        var total = count + badLines;
        var badLeft = badLines;
        for (long slot = 0; slot < total; slot++)
        {
            // Selection sampling (Knuth's algorithm S): exactly badLines slots, uniformly placed, in O(1) memory.
            if (badLeft > 0 && placement.NextDouble() * (total - slot) < badLeft)
            {
                // Made from the report before it, or the one after it at the start; with no valid reports at all,
                // from the first report the same seed would give.
                var template = previous ?? (count == 0 ? Reports(scheme, 1, seed).First() : pending ??= Next(reports));
                writer.WriteRawLine(MalformedLines.Create(badLines - badLeft, template));
                badLeft--;
            }
            else
            {
                var report = pending ?? Next(reports);
                pending = null;
                writer.Write(report);
                previous = report;
            }
        }
    }

    private static Report Next(IEnumerator<Report> reports) =>
        reports.MoveNext() ? reports.Current : throw new InvalidOperationException("the data set ended before its count");
}
