namespace Scoring.Ledger;

/// <summary>
/// How the SQLite ledger stores a report id next to its producer (schema version 4): an id that starts with its
/// producer's name and goes on after it — a swarm id is <c>{peerId}@{timestamp}</c> — keeps only the rest, as a BLOB of
/// its UTF-8 bytes; any other id is stored whole, as TEXT. SQLite orders every TEXT value before every BLOB, so the two
/// forms never compare equal and each id has exactly one stored form. This takes a swarm key from 67 bytes of id to 15.
/// </summary>
internal static class SqliteReportIds
{
    /// <summary>Whether <paramref name="reportId"/> is stored as the rest after <paramref name="producer"/>.</summary>
    public static bool StartsWithProducer(string reportId, string producer) =>
        producer.Length > 0 && reportId.Length > producer.Length && reportId.StartsWith(producer, StringComparison.Ordinal);
}
