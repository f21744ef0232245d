using System.Text;
using System.Text.Json.Nodes;
using Scoring.Reports;
using Scoring.Rules.Jobs;
using Scoring.Rules.Swarm;

namespace Scoring.Cli.Generation;

/// <summary>
/// The malformed lines that <c>--bad-lines</c> mixes in, one kind after another, each made from a real report of the
/// data set so it looks like what a buggy or hostile producer sends. Every kind is one the decoder must reject.
/// </summary>
internal static class MalformedLines
{
    /// <summary>The kinds, in the order they are used (the k-th bad line is of kind k mod their count).</summary>
    public static IReadOnlyList<string> Kinds { get; } =
    [
        "not JSON", "truncated", "unknown type", "wrong JSON type", "missing field",
        "NaN literal", "negative count", "fractional count", "absurd value", "two objects on one line",
    ];

    /// <summary>The <paramref name="index"/>-th malformed line, made from <paramref name="template"/>.</summary>
    public static byte[] Create(long index, Report template)
    {
        var json = template.ReportType.ToJson(template);
        var fields = Fields.Of(template);
        var text = (index % Kinds.Count) switch
        {
            0 => "<html><body><h1>502 Bad Gateway</h1></body></html>",
            1 => json[..(json.Length / 2)],
            2 => Mutate(json, o => o["type"] = "video"),
            3 => Mutate(json, o => o[fields.Count] = o[fields.Count]!.ToJsonString()),
            4 => Mutate(json, o => o.Remove(fields.Required)),
            5 => Mutate(json, o => o[fields.Count] = "\u0000NaN").Replace("\"\\u0000NaN\"", "NaN", StringComparison.Ordinal),
            6 => Mutate(json, o => o[fields.Count] = -Math.Max(1, o[fields.Count]!.GetValue<double>())),
            7 when fields.Whole is { } whole => Mutate(json, o => o[whole] = o[whole]!.GetValue<double>() + 0.5),
            7 => Mutate(json, o => o[fields.Count] = 1e40), // FLOPs may be fractional: an absurd magnitude instead
            8 => Mutate(json, o => o[fields.Absurd.Name] = fields.Absurd.Value),
            _ => json + json,
        };
        return Encoding.UTF8.GetBytes(text);
    }

    private static string Mutate(string json, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    /// <summary>Which fields of a report kind the mutations aim at.</summary>
    private sealed record Fields(string Count, string Required, string? Whole, (string Name, double Value) Absurd)
    {
        public static Fields Of(Report report) => report switch
        {
            SwarmPeerReport swarm when swarm.FlopsSinceLast is null =>
                new("cumulativeFlops", "account", null, ("timestamp", 99_999_999_999)),
            SwarmPeerReport => new("flopsSinceLast", "account", null, ("timestamp", 99_999_999_999)),
            ImageJobReport => new("steps", "wallet", "width", ("width", 100_000)),
            LlmJobReport => new("outputTokens", "model", "inputTokens", ("inputTokens", 1e9)),
            _ => new("gpuCount", "hotkey", "gpuCount", ("gpuCount", 100_000)),
        };
    }
}
