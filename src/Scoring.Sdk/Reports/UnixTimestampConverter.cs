using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scoring.Reports;

/// <summary>
/// Reads a timestamp given either as unix seconds (a JSON number, fractions allowed) or as an RFC 3339 string with
/// an explicit offset (<c>2026-01-01T00:00:00Z</c>, <c>2026-01-01T02:00:00.5+02:00</c>).
/// A string without an offset is rejected: its instant would depend on the reader's time zone. JSON <c>null</c>
/// reads as NaN, the wire shape's "absent".
/// </summary>
public sealed class UnixTimestampConverter : JsonConverter<double>
{
    private static readonly string[] Rfc3339Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>JSON <c>null</c> is read (as NaN, "absent") instead of failing.</summary>
    public override bool HandleNull => true;

    /// <summary>Reads unix seconds or an RFC 3339 string with an offset; anything else fails with a plain reason.</summary>
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.GetDouble();
            case JsonTokenType.Null:
                return double.NaN; // absent, as in ReportLine
            case JsonTokenType.String:
                var text = reader.GetString()!;
                if (TryParseRfc3339(text, out var seconds))
                {
                    return seconds;
                }

                var shown = text.Length > 64 ? string.Concat(text.AsSpan(0, 64), "…") : text;
                throw new ReportFieldException(
                    $"must be unix seconds or an RFC 3339 date-time with an offset such as 2026-01-01T00:00:00Z, got \"{shown}\"");
            default:
                throw new ReportFieldException(
                    $"must be a number (unix seconds) or an RFC 3339 string, got {JsonTokenNames.Describe(reader.TokenType)}");
        }
    }

    /// <summary>Writes unix seconds.</summary>
    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value);

    private static bool TryParseRfc3339(string text, out double unixSeconds)
    {
        unixSeconds = 0;
        text = text.ToUpperInvariant(); // RFC 3339 allows a lower-case 't' and 'z'
        if (!HasExplicitOffset(text)
            || !DateTimeOffset.TryParseExact(text, Rfc3339Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return false;
        }

        unixSeconds = (double)(instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerSecond;
        return true;
    }

    private static bool HasExplicitOffset(string text) =>
        text.EndsWith('Z')
        || (text.Length >= 6 && text[^6] is '+' or '-' && text[^3] == ':');
}
