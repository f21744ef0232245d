using System.Text.RegularExpressions;

namespace Scoring.Ledger.Postgres;

/// <summary>Checks and quotes the schema name that every statement is qualified with.</summary>
internal static partial class PostgresNames
{
    /// <summary>Whether <paramref name="schema"/> is a plain lower-case identifier PostgreSQL would not fold or truncate.</summary>
    public static bool IsValidSchema(string? schema) => schema is not null && SchemaPattern().IsMatch(schema);

    public static string Quote(string schema) => IsValidSchema(schema)
        ? "\"" + schema + "\""
        : throw new ArgumentException($"'{schema}' is not a valid ledger schema name: use 1 to 63 of a-z, 0-9 and _, starting with a letter or _.", nameof(schema));

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaPattern();
}
