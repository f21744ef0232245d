namespace Scoring.Ledger;

/// <summary>What a store holds for one report key: whether it is recorded, and its content hash (null: unknown, as migrated from schema version 2).</summary>
internal readonly record struct StoredKey(bool Found, long? ContentHash)
{
    public static StoredKey Absent => default;
}
