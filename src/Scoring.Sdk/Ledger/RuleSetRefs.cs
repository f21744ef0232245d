using Microsoft.Data.Sqlite;

namespace Scoring.Ledger;

/// <summary>Maps (rule-set id, hash) to its row in <c>rule_sets</c> within one append transaction, adding new ones.</summary>
internal sealed class RuleSetRefs(SqliteConnection connection)
{
    private readonly Dictionary<(string, string), long> _known = [];

    public long Get(string id, string hash)
    {
        if (_known.TryGetValue((id, hash), out long known))
            return known;
        using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO rule_sets(rule_set_id, rule_set_hash) VALUES ($id, $hash) ON CONFLICT DO NOTHING; " +
            "SELECT ref FROM rule_sets WHERE rule_set_id = $id AND rule_set_hash = $hash;";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$hash", hash);
        long reference = (long)command.ExecuteScalar()!;
        _known[(id, hash)] = reference;
        return reference;
    }
}
