using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Scoring.RuleSets;

/// <summary>
/// The canonical form of a rule set that its content hash is taken over: compact UTF-8 JSON with fixed member
/// order; inputs and rules in declared order (order is meaning), parameters, tables and tiers sorted by name,
/// table entries sorted by key (ordinal for strings, numeric for ints), tier steps by threshold; doubles in
/// round-trip form; expression text trimmed of surrounding white space; times as UTC ISO-8601. Outputs come last:
/// a rule set with one points output as <c>"output": name</c> (the form every hash before several outputs existed
/// was taken over, so those hashes stay valid), any other as <c>"outputs": [[name, type], …]</c> in output order.
/// </summary>
internal static class RuleSetCanonicalForm
{
    /// <summary>Writes the canonical form of <paramref name="ruleSet"/>.</summary>
    public static byte[] ToUtf8(RuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, SkipValidation = false }))
        {
            w.WriteStartObject();
            w.WriteString("id", ruleSet.Id);
            w.WriteString("version", ruleSet.Version);
            w.WriteString("description", ruleSet.Description);
            w.WriteString("effectiveFrom", ruleSet.EffectiveFrom.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture));
            w.WriteStartArray("inputs");
            foreach (var input in ruleSet.Inputs)
            {
                w.WriteStartArray();
                w.WriteStringValue(input.Name);
                w.WriteStringValue(input.Type.ToName());
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteStartArray("parameters");
            foreach (var p in ruleSet.Parameters.OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                w.WriteStartArray();
                w.WriteStringValue(p.Name);
                w.WriteStringValue(p.Value.Type.ToName());
                w.WriteStringValue(p.Value.Type == ScalarType.String ? p.Value.AsString : p.Value.ToString());
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteStartArray("tables");
            foreach (var t in ruleSet.Tables.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("name", t.Name);
                w.WriteString("keyType", t.KeyType.ToName());
                w.WriteStartArray("entries");
                foreach (var e in t.Entries.OrderBy(e => e.Key, KeyOrder.Instance))
                {
                    w.WriteStartArray();
                    w.WriteStringValue(e.Key.Type == ScalarType.String ? e.Key.AsString : e.Key.ToString());
                    w.WriteStringValue(ScalarValue.FormatDouble(e.Value));
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                WriteDefault(w, t.Default);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("tiers");
            foreach (var t in ruleSet.Tiers.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("name", t.Name);
                w.WriteStartArray("steps");
                foreach (var s in t.Steps.OrderBy(s => s.Key))
                {
                    w.WriteStartArray();
                    w.WriteStringValue(ScalarValue.FormatDouble(s.Key));
                    w.WriteStringValue(ScalarValue.FormatDouble(s.Value));
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                WriteDefault(w, t.Default);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("rules");
            foreach (var r in ruleSet.Rules)
            {
                w.WriteStartObject();
                w.WriteString("name", r.Name);
                if (r.When is null) w.WriteNull("when");
                else w.WriteString("when", r.When.Trim());
                w.WriteStartArray("set");
                foreach (var a in r.Assignments)
                {
                    w.WriteStartArray();
                    w.WriteStringValue(a.Variable);
                    w.WriteStringValue(a.Expression.Trim());
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (ruleSet.HasSinglePointsOutput)
            {
                w.WriteString("output", ruleSet.Output);
            }
            else
            {
                w.WriteStartArray("outputs");
                foreach (var o in ruleSet.Outputs)
                {
                    w.WriteStartArray();
                    w.WriteStringValue(o.Name);
                    w.WriteStringValue(o.Type.ToName());
                    w.WriteEndArray();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>Lower-case hex SHA-256 of the canonical form.</summary>
    public static string Hash(RuleSet ruleSet) => Convert.ToHexStringLower(SHA256.HashData(ToUtf8(ruleSet)));

    private static void WriteDefault(Utf8JsonWriter w, double? value)
    {
        if (value is { } d) w.WriteString("default", ScalarValue.FormatDouble(d));
        else w.WriteNull("default");
    }

    private sealed class KeyOrder : IComparer<ScalarValue>
    {
        public static readonly KeyOrder Instance = new();

        public int Compare(ScalarValue x, ScalarValue y)
        {
            if (x.Type != y.Type) return x.Type.CompareTo(y.Type);
            return x.Type switch
            {
                ScalarType.Int => x.AsInt.CompareTo(y.AsInt),
                ScalarType.String => string.CompareOrdinal(x.AsString, y.AsString),
                _ => string.CompareOrdinal(x.ToString(), y.ToString()),
            };
        }
    }
}
