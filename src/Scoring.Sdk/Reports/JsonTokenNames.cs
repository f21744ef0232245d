using System.Text.Json;

namespace Scoring.Reports;

/// <summary>Plain names of JSON token types for error reasons ("got a string").</summary>
internal static class JsonTokenNames
{
    public static string Describe(JsonTokenType tokenType) => tokenType switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => "an unexpected JSON token",
    };
}
