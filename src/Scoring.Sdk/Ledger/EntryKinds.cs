namespace Scoring.Ledger;

/// <summary>Rules that depend on an entry's kind, shared by every store so they cannot drift apart.</summary>
public static class EntryKinds
{
    /// <summary>
    /// Whether the kind comes from a report of the account's own activity (compute, presence, job, boost).
    /// Only these move an account's first-seen and last-seen times: a slash issued today must not make an
    /// account that left a month ago look online.
    /// </summary>
    public static bool IsActivity(EntryKind kind) => kind is >= EntryKind.Compute and <= EntryKind.Boost;

    /// <summary>Whether the kind is an operator's action (slash or adjustment) that needs a reason and an operator.</summary>
    public static bool IsManual(EntryKind kind) => kind is EntryKind.Slash or EntryKind.Adjustment;

    /// <summary>Whether <paramref name="kind"/> is one of the defined values.</summary>
    public static bool IsDefined(EntryKind kind) => kind is >= EntryKind.Compute and <= EntryKind.Adjustment;
}
