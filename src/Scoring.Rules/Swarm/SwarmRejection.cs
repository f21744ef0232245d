namespace Scoring.Rules.Swarm;

/// <summary>Why the accrual refused a report (nothing changed).</summary>
/// <param name="Kind">Late, or otherwise invalid.</param>
/// <param name="Reason">The plain reason.</param>
public sealed record SwarmRejection(SwarmRejectionKind Kind, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => Reason;
}

/// <summary>The kinds of <see cref="SwarmRejection"/>.</summary>
public enum SwarmRejectionKind
{
    /// <summary>A missing id, or a bad timestamp or FLOP value.</summary>
    Invalid,

    /// <summary>A peer reporting under another account than the one it first reported under.</summary>
    AnotherAccount,

    /// <summary>The report is at or before its account's watermark (the latest settled instant).</summary>
    Late,
}
