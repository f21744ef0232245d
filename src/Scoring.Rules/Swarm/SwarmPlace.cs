namespace Scoring.Rules.Swarm;

/// <summary>
/// A period during which a peer held one of its account's places (at most the peer cap of them at any instant).
/// Only time inside places is counted; the audit trail of who held a place when.
/// </summary>
/// <param name="Account">The account.</param>
/// <param name="PeerId">The peer that held the place.</param>
/// <param name="FromMicroseconds">Start, unix microseconds (inclusive).</param>
/// <param name="ToMicroseconds">End, unix microseconds (exclusive).</param>
public readonly record struct SwarmPlace(string Account, string PeerId, long FromMicroseconds, long ToMicroseconds);
