using System.Globalization;
using Scoring.Ingestion;

namespace Scoring.Cli.Commands;

/// <summary>What one <c>scoring score</c> run did: the lines' fates, how long it took, and where refused lines went.</summary>
/// <param name="Summary">The pipeline's counts.</param>
/// <param name="Elapsed">Wall time of the ingestion (decoding, scoring, writing, settling).</param>
/// <param name="RejectsPath">The <c>--rejects</c> file, or null when none was given.</param>
internal sealed record ScoreRun(IngestionSummary Summary, TimeSpan Elapsed, string? RejectsPath)
{
    /// <summary>Lines read per second of the run (every line read is one report, accepted or not).</summary>
    public double ReportsPerSecond => Elapsed > TimeSpan.Zero ? Summary.Read / Elapsed.TotalSeconds : 0;

    /// <summary>Lines refused: conflicts, late and rejected.</summary>
    public long Refused => Summary.Conflicts + Summary.Late + Summary.Rejected;

    /// <summary>Where to see the refused lines, or null when there are none.</summary>
    public string? RejectsHint() => Refused == 0 ? null : RejectsPath is { } path
        ? string.Create(CultureInfo.InvariantCulture, $"{Refused:N0} refused lines (line, field, reason, raw) were appended to {path}")
        : string.Create(CultureInfo.InvariantCulture, $"{Refused:N0} lines were refused; give --rejects FILE to keep each with its line, field and reason");
}
