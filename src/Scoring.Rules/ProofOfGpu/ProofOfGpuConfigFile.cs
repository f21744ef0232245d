using System.Globalization;
using System.Text.Json;
using Scoring.RuleSets;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Scoring.Rules.ProofOfGpu;

/// <summary>
/// Makes a version of the <c>pog-score</c> rule set from a validator's files: the SN27 validator's own
/// <c>config.yaml</c> (<c>gpu_performance.gpu_scores</c>, in YAML order) or a JSON file of
/// <c>gpuScores</c>/<c>allocationMultiplier</c>/<c>maxGpus</c>. The result replaces the built-in table (and
/// parameters) and keeps the formula. Errors name the file, line and key.
/// </summary>
public static class ProofOfGpuConfigFile
{
    /// <summary>
    /// Reads <c>gpu_performance.gpu_scores</c> from a validator <c>config.yaml</c>; every other section is ignored.
    /// Scores must be plain YAML numbers (a quoted value is a string to the validator and breaks its scoring).
    /// </summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="sourceName">The file name used in error messages.</param>
    /// <exception cref="ProofOfGpuConfigurationException">The YAML is malformed, the section is missing, or the table is invalid.</exception>
    public static RuleSet LoadValidatorConfig(TextReader yaml, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(yaml);
        }
        catch (YamlException e)
        {
            throw new ProofOfGpuConfigurationException($"{sourceName}:{e.Start.Line}: not valid YAML: {e.Message}", e);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ProofOfGpuConfigurationException($"{sourceName}: expected a YAML mapping with a 'gpu_performance' section.");
        }
        var performance = Child(root, "gpu_performance", sourceName, "the top level");
        var scores = Child(performance, "gpu_scores", sourceName, "'gpu_performance'");

        // A repeated key is already a load error in YamlDotNet ("Duplicate key"), with its line.
        var rows = new List<GpuScore>();
        foreach (var (keyNode, valueNode) in scores.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } name })
            {
                throw new ProofOfGpuConfigurationException($"{sourceName}:{keyNode.Start.Line}: a gpu_scores key must be a GPU name.");
            }
            if (valueNode is not YamlScalarNode { Style: ScalarStyle.Plain, Value: { } text }
                || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double score))
            {
                throw new ProofOfGpuConfigurationException(
                    $"{sourceName}:{valueNode.Start.Line}: the score of '{name}' must be a plain number, got {Describe(valueNode)}.");
            }
            rows.Add(new GpuScore(name, score));
        }
        return Derive(rows, null, null, sourceName);
    }

    /// <summary>
    /// Reads a JSON options file: <c>{ "gpuScores": { "NVIDIA B200": 5.0, … } | [ { "name": …, "score": … } ],
    /// "allocationMultiplier": 1, "maxGpus": 8 }</c> (property names case-insensitive; object order is table order;
    /// a missing <c>gpuScores</c> means the default table).
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="sourceName">The file name used in error messages.</param>
    /// <exception cref="ProofOfGpuConfigurationException">The JSON is malformed or a value is invalid.</exception>
    public static RuleSet LoadJson(TextReader json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ReadToEnd(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ProofOfGpuConfigurationException($"{sourceName}:{e.LineNumber + 1}: not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ProofOfGpuConfigurationException($"{sourceName}: expected a JSON object of Proof-of-GPU options.");
            }
            List<GpuScore>? table = null;
            double? allocationMultiplier = null;
            int? maxGpus = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name.ToLowerInvariant())
                {
                    case "gpuscores":
                        table = ReadJsonTable(property.Value, sourceName);
                        break;
                    case "allocationmultiplier":
                        allocationMultiplier = Number(property.Value, sourceName, "allocationMultiplier");
                        break;
                    case "maxgpus":
                        maxGpus = property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out int max)
                            ? max
                            : throw new ProofOfGpuConfigurationException($"{sourceName}: 'maxGpus' must be an integer, got {property.Value.GetRawText()}.");
                        break;
                    default:
                        throw new ProofOfGpuConfigurationException(
                            $"{sourceName}: unknown option '{property.Name}' (expected gpuScores, allocationMultiplier, maxGpus).");
                }
            }
            return Derive(table, allocationMultiplier, maxGpus, sourceName);
        }
    }

    private static List<GpuScore> ReadJsonTable(JsonElement table, string sourceName)
    {
        var rows = new List<GpuScore>();
        if (table.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in table.EnumerateObject())
            {
                if (!seen.Add(row.Name))
                {
                    throw new ProofOfGpuConfigurationException($"{sourceName}: GPU '{row.Name}' appears more than once in gpuScores.");
                }
                rows.Add(new GpuScore(row.Name, Number(row.Value, sourceName, $"gpuScores['{row.Name}']")));
            }
            return rows;
        }
        if (table.ValueKind == JsonValueKind.Array)
        {
            int index = 0;
            foreach (var row in table.EnumerateArray())
            {
                string where = $"gpuScores[{index++}]";
                if (row.ValueKind != JsonValueKind.Object
                    || !TryGetProperty(row, "name", out var name) || name.ValueKind != JsonValueKind.String
                    || !TryGetProperty(row, "score", out var score))
                {
                    throw new ProofOfGpuConfigurationException($"{sourceName}: {where} must be {{ \"name\": string, \"score\": number }}.");
                }
                rows.Add(new GpuScore(name.GetString()!, Number(score, sourceName, where + ".score")));
            }
            return rows;
        }
        throw new ProofOfGpuConfigurationException($"{sourceName}: 'gpuScores' must be an object (name → score) or an array of rows.");
    }

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    private static double Number(JsonElement value, string sourceName, string where) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number)
            ? number
            : throw new ProofOfGpuConfigurationException($"{sourceName}: {where} must be a number, got {value.GetRawText()}.");

    /// <summary>
    /// The built-in <c>pog-score</c> rule set with <paramref name="table"/> (validated: names unique and non-empty,
    /// scores finite and at least 0, not all 0) and the given parameters; its version says where it came from.
    /// </summary>
    private static RuleSet Derive(List<GpuScore>? table, double? allocationMultiplier, int? maxGpus, string sourceName)
    {
        if (allocationMultiplier is { } m && !(double.IsFinite(m) && m >= 0 && m <= 1000))
            throw new ProofOfGpuConfigurationException($"{sourceName}: allocationMultiplier must be a number from 0 to 1000 (got {m.ToString(CultureInfo.InvariantCulture)}).");
        if (maxGpus is < 1 or > ProofOfGpuReportType.MaxGpuCount)
            throw new ProofOfGpuConfigurationException($"{sourceName}: maxGpus must be from 1 to {ProofOfGpuReportType.MaxGpuCount} (got {maxGpus}).");
        var builtIn = ProofOfGpuScheme.BuiltInScore;
        var tables = builtIn.Tables;
        if (table is not null)
        {
            GpuScoreTable.Create(table.Select(r => KeyValuePair.Create(r.Name, r.Score)), sourceName);
            tables = builtIn.Tables.Select(t => t.Name != ProofOfGpuScheme.GpuTable ? t
                : new LookupTable(t.Name, ScalarType.String, table.Select(r => KeyValuePair.Create(ScalarValue.FromString(r.Name), r.Score)))).ToArray();
        }
        var parameters = builtIn.Parameters.Select(p => p.Name switch
        {
            "allocationMultiplier" when allocationMultiplier is { } value => new RuleParameter(p.Name, ScalarValue.FromDouble(value)),
            "maxGpus" when maxGpus is { } value => new RuleParameter(p.Name, ScalarValue.FromInt(value)),
            _ => p,
        }).ToArray();
        return new RuleSet(builtIn.Id, $"{builtIn.Version}+{Path.GetFileName(sourceName)}",
            $"{builtIn.Description} GPU table and parameters from {Path.GetFileName(sourceName)}.",
            builtIn.EffectiveFrom, builtIn.Inputs, parameters, tables, builtIn.Tiers, builtIn.Rules, builtIn.Outputs);
    }

    private static YamlMappingNode Child(YamlMappingNode parent, string key, string sourceName, string where)
    {
        if (!parent.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            throw new ProofOfGpuConfigurationException($"{sourceName}: '{key}' is missing under {where}.");
        }
        return node as YamlMappingNode
            ?? throw new ProofOfGpuConfigurationException($"{sourceName}:{node.Start.Line}: '{key}' must be a mapping.");
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Style: not ScalarStyle.Plain } s => $"the quoted string \"{s.Value}\"",
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        _ => "a mapping",
    };
}
