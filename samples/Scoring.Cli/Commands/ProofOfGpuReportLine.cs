using System.Text.Json;
using Scoring.Rules.ProofOfGpu;

namespace Scoring.Cli.Commands;

/// <summary>
/// Decodes one JSON Lines Proof-of-GPU report into a <see cref="MinerResult"/>:
/// <c>{"type":"pog","id":…,"uid":12,"hotkey":"5F…","gpuName":"NVIDIA H100","gpuCount":8,"queryable":true,
/// "penalized":false,"allocated":false,"source":"local"|"external","score":0.42,"ts":…}</c>.
/// A line that cannot name a miner is an error; a miner with bad values is decoded and rejected by the scorer.
/// </summary>
internal static class ProofOfGpuReportLine
{
    /// <summary>Decodes a line, or returns a message that says which field is wrong and why.</summary>
    public static bool TryParse(string line, out MinerResult? result, out string? error)
    {
        result = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            error = $"not valid JSON: {e.Message}";
            return false;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "expected a JSON object per line.";
                return false;
            }
            if (root.TryGetProperty("type", out var type) && !(type.ValueKind == JsonValueKind.String && type.GetString() == "pog"))
            {
                error = $"'type' is {type.GetRawText()}, not \"pog\": not a Proof-of-GPU report.";
                return false;
            }
            if (!root.TryGetProperty("uid", out var uidElement) || uidElement.ValueKind != JsonValueKind.Number || !uidElement.TryGetInt32(out int uid))
            {
                error = "'uid' must be an integer.";
                return false;
            }
            if (!root.TryGetProperty("hotkey", out var hotkeyElement) || hotkeyElement.ValueKind != JsonValueKind.String
                || hotkeyElement.GetString() is not { Length: > 0 } hotkey)
            {
                error = "'hotkey' must be a non-empty string.";
                return false;
            }
            var source = MinerResultSource.Local;
            if (root.TryGetProperty("source", out var sourceElement))
            {
                switch (sourceElement.ValueKind == JsonValueKind.String ? sourceElement.GetString() : null)
                {
                    case "local":
                        break;
                    case "external":
                        source = MinerResultSource.External;
                        break;
                    default:
                        error = $"'source' is {sourceElement.GetRawText()}; expected \"local\" or \"external\".";
                        return false;
                }
            }
            if (!OptionalString(root, "gpuName", out string? gpuName, out error)
                || !OptionalNumber(root, "gpuCount", out double? gpuCount, out error)
                || !OptionalNumber(root, "score", out double? score, out error)
                || !OptionalBool(root, "queryable", true, out bool queryable, out error)
                || !OptionalBool(root, "penalized", false, out bool penalized, out error)
                || !OptionalBool(root, "allocated", false, out bool allocated, out error))
            {
                return false;
            }
            if (source == MinerResultSource.Local && gpuCount is null)
            {
                error = "'gpuCount' is missing; a local result needs the GPU count.";
                return false;
            }
            // An external result may omit its GPUs: it is displayed as "N/A" (no name) with count 0.
            result = new MinerResult(uid, hotkey, gpuName, gpuCount ?? 0, queryable, penalized, allocated, source,
                source == MinerResultSource.External ? score : null);
            error = null;
            return true;
        }
    }

    private static bool OptionalString(JsonElement root, string name, out string? value, out string? error)
    {
        value = null;
        error = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            error = $"'{name}' must be a string, got {element.GetRawText()}.";
            return false;
        }
        value = element.GetString();
        return true;
    }

    /// <summary>A number, or the strings "NaN", "Infinity", "-Infinity" (so such values reach the scorer and are rejected with a reason).</summary>
    private static bool OptionalNumber(JsonElement root, string name, out double? value, out string? error)
    {
        value = null;
        error = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out double number))
        {
            value = number;
            return true;
        }
        if (element.ValueKind == JsonValueKind.String)
        {
            switch (element.GetString())
            {
                case "NaN":
                    value = double.NaN;
                    return true;
                case "Infinity":
                    value = double.PositiveInfinity;
                    return true;
                case "-Infinity":
                    value = double.NegativeInfinity;
                    return true;
            }
        }
        error = $"'{name}' must be a number, got {element.GetRawText()}.";
        return false;
    }

    private static bool OptionalBool(JsonElement root, string name, bool fallback, out bool value, out string? error)
    {
        value = fallback;
        error = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            value = element.GetBoolean();
            return true;
        }
        error = $"'{name}' must be true or false, got {element.GetRawText()}.";
        return false;
    }
}
