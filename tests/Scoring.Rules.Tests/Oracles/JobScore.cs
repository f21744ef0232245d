namespace Scoring.Rules.Tests.Oracles;

/// <summary>What a job earned: points, or 0 with the reason it was not eligible, or a rejection.</summary>
/// <param name="Outcome">Scored, ineligible (0 points) or rejected (no points: the job is void).</param>
/// <param name="Points">The base points (0 unless scored).</param>
/// <param name="Reason">Why the job is ineligible or rejected; null when scored.</param>
public readonly record struct JobScore(JobOutcome Outcome, Points Points, string? Reason)
{
    internal static JobScore Scored(Points points) => new(JobOutcome.Scored, points, null);

    internal static JobScore Ineligible(string reason) => new(JobOutcome.Ineligible, Points.Zero, reason);

    internal static JobScore Rejected(string reason) => new(JobOutcome.Rejected, Points.Zero, reason);
}

/// <summary>How a job was judged.</summary>
public enum JobOutcome
{
    /// <summary>The job earned its formula's points.</summary>
    Scored,

    /// <summary>The job is valid but earns 0: its GPU is below the minimum or it missed the deadline.</summary>
    Ineligible,

    /// <summary>The job is void: an unknown category or model, or an impossible value.</summary>
    Rejected,
}
