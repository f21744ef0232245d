namespace Scoring.Cli.Output;

/// <summary>The JSON result of <c>scoring diff</c> for a weights scheme (schema in docs/cli.md).</summary>
/// <param name="Scheme">The scheme.</param>
/// <param name="Uids">Every uid of either side, largest weight change first.</param>
internal sealed record WeightsDiffDocument(string Scheme, IReadOnlyList<UidDiff> Uids);

/// <summary>
/// One uid before and after: its score (IEEE double), its float32 weight and its u16 emission; null where the uid
/// is absent from that side (no result, or no weights: the round was empty) or, for the u16, dropped from the emission.
/// </summary>
internal sealed record UidDiff(int Uid, double? ScoreBefore, double? ScoreAfter, float? WeightBefore, float? WeightAfter, int? U16Before, int? U16After);
