using System.Text.Json;

namespace Scoring.Reports;

/// <summary>
/// Turns a System.Text.Json failure on one line into a field path and a plain reason. This is the error path only:
/// it may re-read the line to say what the offending value actually was.
/// </summary>
internal static class JsonFailure
{
    /// <param name="line">The line's bytes.</param>
    /// <param name="exception">The failure.</param>
    /// <param name="expectedType">What a field of the report type holds ("a number", "a string", …), or null for a field it does not know.</param>
    public static (string Field, string Reason) Describe(ReadOnlySpan<byte> line, JsonException exception, Func<string, string?> expectedType)
    {
        var field = string.IsNullOrEmpty(exception.Path) ? "$" : exception.Path;
        if (exception is ReportFieldException)
        {
            return (field, exception.Message);
        }

        if (exception.InnerException is JsonException syntax)
        {
            var column = (exception.BytePositionInLine ?? 0) + 1;
            return (field, $"is not valid JSON at column {column}: {WithoutLocation(syntax.Message)}");
        }

        return DescribeValue(line, field, exception, expectedType);
    }

    /// <summary>Says why a well-formed value could not be read: not an object, a duplicate, or the wrong JSON type.</summary>
    private static (string Field, string Reason) DescribeValue(ReadOnlySpan<byte> line, string field, JsonException exception, Func<string, string?> expectedType)
    {
        var fallback = (field, $"could not be read: {WithoutLocation(exception.InnerException?.Message ?? exception.Message)}");
        try
        {
            var reader = new Utf8JsonReader(line);
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return ("$", $"a report must be a JSON object, got {JsonTokenNames.Describe(reader.TokenType)}");
            }

            if (!field.StartsWith("$.", StringComparison.Ordinal)
                || expectedType(field[2..]) is not { } expected)
            {
                return fallback;
            }

            var name = field[2..];
            var occurrences = 0;
            JsonTokenType? actual = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var matches = reader.ValueTextEquals(name);
                reader.Read();
                if (matches)
                {
                    occurrences++;
                    actual ??= reader.TokenType;
                }

                reader.Skip();
            }

            if (occurrences > 1)
            {
                return (field, "appears more than once");
            }

            return actual is { } token && !Fits(expected, token)
                ? (field, $"expected {expected}, got {JsonTokenNames.Describe(token)}")
                : fallback;
        }
        catch (JsonException)
        {
            return fallback;
        }
    }

    private static bool Fits(string expected, JsonTokenType token) => token switch
    {
        JsonTokenType.String => expected.Contains("string", StringComparison.Ordinal),
        JsonTokenType.Number => expected.StartsWith("a number", StringComparison.Ordinal),
        JsonTokenType.True or JsonTokenType.False => expected == "true or false",
        _ => false,
    };

    /// <summary>A System.Text.Json message without its "LineNumber: … | BytePositionInLine: …" or "Path: …" tail.</summary>
    public static string WithoutLocation(string message)
    {
        var location = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (location < 0)
        {
            location = message.IndexOf(" Path:", StringComparison.Ordinal);
        }

        return (location < 0 ? message : message[..location]).TrimEnd(' ', '|', '.');
    }
}
