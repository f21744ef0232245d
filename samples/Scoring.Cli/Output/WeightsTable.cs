using System.Globalization;
using System.Text.Json;
using Scoring.Weights;

namespace Scoring.Cli.Output;

/// <summary>
/// One row per uid: its float32 weight and u16 emission value (<c>-</c> when dropped from the emission) and, for a
/// weights scheme's round, the scheme's own fields of that uid (<see cref="Scoring.Schemes.WeightsRound.WriteRowsJson"/>),
/// exactly as the JSON output writes them — pog scores as scores, not on the validator's 0–100 display scale. The
/// scheme lists its fields most telling first; a narrow console leaves out the last ones first.
/// </summary>
internal static class WeightsTable
{
    /// <summary>Builds the table.</summary>
    /// <param name="weights">The weights, or null when the round has none.</param>
    /// <param name="rows">The round's rows (a JSON array of objects with a <c>uid</c>), or null for bare weights.</param>
    /// <param name="title">The table's title.</param>
    public static FittedTable Build(SubnetWeights? weights, JsonElement? rows, string title)
    {
        var byUid = new SortedDictionary<int, JsonElement?>();
        var fields = new List<string>();
        if (rows is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (var row in array.EnumerateArray())
            {
                if (row.ValueKind != JsonValueKind.Object || !row.TryGetProperty("uid", out var uid) || !uid.TryGetInt32(out int id))
                    continue;
                byUid[id] = row;
                foreach (var field in row.EnumerateObject())
                {
                    if (field.Name != "uid" && !fields.Contains(field.Name))
                        fields.Add(field.Name);
                }
            }
        }
        var weightOf = new Dictionary<int, float>();
        var u16Of = new Dictionary<int, ushort>();
        if (weights is not null)
        {
            for (int i = 0; i < weights.Uids.Count; i++)
            {
                weightOf[weights.Uids[i]] = weights.Weights[i];
                byUid.TryAdd(weights.Uids[i], null);
            }
            for (int i = 0; i < weights.Emission.Uids.Count; i++)
                u16Of[weights.Emission.Uids[i]] = weights.Emission.Values[i];
        }

        // A field that no uid has a value for (an empty reason everywhere) is left out.
        fields.RemoveAll(f => byUid.Values.All(r => Cell(r, f) is "" or "-"));
        var table = new FittedTable(title).Number("UID");
        if (weights is not null)
            table.Number("Weight").Number("U16");
        for (int i = 0; i < fields.Count; i++)
        {
            var importance = i == 0 ? ColumnImportance.High : i < 3 ? ColumnImportance.Medium : ColumnImportance.Low;
            bool numbers = byUid.Values.All(r => r is not { } row || !row.TryGetProperty(fields[i], out var v) || v.ValueKind is JsonValueKind.Number or JsonValueKind.Null);
            if (numbers)
                table.Number(fields[i], importance);
            else
                table.Text(fields[i], importance);
        }
        foreach (var (uid, row) in byUid)
        {
            var cells = new List<string> { uid.ToString(CultureInfo.InvariantCulture) };
            if (weights is not null)
            {
                cells.Add(weightOf.TryGetValue(uid, out float w) ? w.ToString("R", CultureInfo.InvariantCulture) : "-");
                cells.Add(u16Of.TryGetValue(uid, out ushort u) ? u.ToString(CultureInfo.InvariantCulture) : "-");
            }
            cells.AddRange(fields.Select(f => Cell(row, f)));
            table.AddRow([.. cells]);
        }
        return table;
    }

    /// <summary>A field's value as the JSON output writes it: numbers shortest round-trip, strings as they are.</summary>
    private static string Cell(JsonElement? row, string field)
    {
        if (row is not { } r || !r.TryGetProperty(field, out var value))
            return "-";
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.True => "yes",
            JsonValueKind.False => "no",
            JsonValueKind.Null => "-",
            _ => value.GetRawText(),
        };
    }
}
