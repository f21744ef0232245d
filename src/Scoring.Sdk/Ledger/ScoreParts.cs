namespace Scoring.Ledger;

/// <summary>An account's (or peer's) points split by where they came from. Their sum is the total.</summary>
/// <param name="Compute">Sum of <see cref="EntryKind.Compute"/> entries.</param>
/// <param name="Presence">Sum of <see cref="EntryKind.Presence"/> entries.</param>
/// <param name="Jobs">Sum of <see cref="EntryKind.Job"/> entries.</param>
/// <param name="Boosts">Sum of <see cref="EntryKind.Boost"/> entries.</param>
/// <param name="Adjustments">Sum of <see cref="EntryKind.Slash"/> and <see cref="EntryKind.Adjustment"/> entries (usually negative).</param>
public readonly record struct ScoreParts(Points Compute, Points Presence, Points Jobs, Points Boosts, Points Adjustments);
