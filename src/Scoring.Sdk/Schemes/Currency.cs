namespace Scoring.Schemes;

/// <summary>
/// One point currency a <see cref="PointsScheme"/> credits: its name in the ledger (the <c>scheme</c> of entries,
/// leaderboards and <c>--scheme</c> of <c>leaderboard</c>/<c>slash</c>), a title for people, and the posting kinds its
/// entries carry (their totals are kept per kind). Different currencies are never added together.
/// </summary>
/// <param name="Name">The ledger name, e.g. <c>swarm</c>, <c>jobs.llama</c>.</param>
/// <param name="Title">For tables, e.g. <c>Llama points</c>.</param>
/// <param name="Kinds">The posting kinds, e.g. <c>compute</c>, <c>presence</c> (slashes and adjustments are always allowed).</param>
public sealed record Currency(string Name, string Title, IReadOnlyList<string> Kinds);
