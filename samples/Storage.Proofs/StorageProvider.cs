namespace Storage.Proofs;

/// <summary>
/// A provider's durable state, kept in the ledger under the provider's id: its account and its latest
/// accepted proof, which starts the next interval and is the provider's watermark (a proof at or before it is late).
/// </summary>
/// <param name="Account">The account of the provider's first proof; a provider cannot move to another account.</param>
/// <param name="Timestamp">The latest proof's time, unix seconds as reported.</param>
/// <param name="Microseconds">That time in unix microseconds (rounded half to even): what intervals are measured in.</param>
/// <param name="Bytes">The latest proof's bytes.</param>
internal sealed record StorageProvider(string Account, double Timestamp, long Microseconds, long Bytes);
