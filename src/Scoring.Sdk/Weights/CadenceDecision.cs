namespace Scoring.Weights;

/// <summary>The answer of <see cref="WeightCadence.Check"/>.</summary>
/// <param name="IsTime">Whether weights may be set now.</param>
/// <param name="NextEligibleBlock">The first block at which setting weights is allowed (the current block when it is time).</param>
/// <param name="Reason">A sentence that says why.</param>
public readonly record struct CadenceDecision(bool IsTime, long NextEligibleBlock, string Reason);
