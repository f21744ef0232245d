using System.Text.Json;
using Scoring.Weights;

namespace Scoring.Cli.Commands;

/// <summary>
/// The JSON of <c>scoring weights</c>: input <c>{"uids":[..],"scores":[..]}</c>, output
/// <c>{"mode":"scores"|"burn","uids":[..],"weights":[..float32..],"emit":{"uids":[..],"values":[..]}}</c>.
/// </summary>
internal static class WeightsJson
{
    /// <summary>Compact output; only characters JSON requires are escaped (messages keep their quotes readable).</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads the input document; errors name the source, line, column and JSON path.</summary>
    /// <exception cref="FormatException">The document is not valid, or a field is missing or of the wrong type.</exception>
    public static (int[] Uids, double[] Scores) ReadInput(string json, string sourceName)
    {
        WeightsInput? input;
        try
        {
            input = JsonSerializer.Deserialize(json, WeightsJsonContext.Default.WeightsInput);
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is long line ? $"{sourceName}:{line + 1}:{e.BytePositionInLine + 1}" : sourceName;
            string path = e.Path is { Length: > 0 } p ? $" at {p}" : "";
            throw new FormatException($"{where}: invalid weights input{path}: {FirstSentence(e.Message)}", e);
        }
        if (input is null)
        {
            throw new FormatException($"{sourceName}: expected an object {{\"uids\":[..],\"scores\":[..]}}, got null.");
        }
        if (input.Uids is null)
        {
            throw new FormatException($"{sourceName}: 'uids' is missing: expected {{\"uids\":[..],\"scores\":[..]}}.");
        }
        if (input.Scores is null)
        {
            throw new FormatException($"{sourceName}: 'scores' is missing: expected {{\"uids\":[..],\"scores\":[..]}}.");
        }
        return (input.Uids, input.Scores);
    }

    /// <summary>Writes a weights result as one JSON object (no trailing newline).</summary>
    public static void Write(Utf8JsonWriter writer, SubnetWeights weights)
    {
        writer.WriteStartObject();
        writer.WriteString("mode", weights.Mode == WeightMode.Burn ? "burn" : "scores");
        writer.WriteStartArray("uids");
        foreach (int uid in weights.Uids)
        {
            writer.WriteNumberValue(uid);
        }
        writer.WriteEndArray();
        writer.WriteStartArray("weights");
        foreach (float w in weights.Weights)
        {
            // Utf8JsonWriter writes a float in its shortest round-trip form (as float.ToString("R")).
            writer.WriteNumberValue(w);
        }
        writer.WriteEndArray();
        writer.WriteStartObject("emit");
        writer.WriteStartArray("uids");
        foreach (int uid in weights.Emission.Uids)
        {
            writer.WriteNumberValue(uid);
        }
        writer.WriteEndArray();
        writer.WriteStartArray("values");
        foreach (ushort value in weights.Emission.Values)
        {
            writer.WriteNumberValue(value);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
