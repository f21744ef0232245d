using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scoring;

/// <summary>
/// Writes <see cref="Points"/> as a JSON number in its exact decimal form (e.g. <c>12.345678</c>) and reads it from a
/// JSON number or string. Going through the decimal text, never through double, makes the round trip exact.
/// </summary>
public sealed class PointsJsonConverter : JsonConverter<Points>
{
    /// <inheritdoc />
    public override Points Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType is not (JsonTokenType.Number or JsonTokenType.String))
        {
            throw new JsonException($"Expected points as a JSON number or string, found {reader.TokenType}.");
        }
        ReadOnlySpan<byte> utf8 = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        if (utf8.Length > PointsText.MaxLength + 8 || reader.ValueIsEscaped)
        {
            throw new JsonException("Points text is too long or escaped.");
        }
        Span<char> chars = stackalloc char[utf8.Length];
        int length = Encoding.ASCII.GetChars(utf8, chars);
        var status = PointsText.Parse(chars[..length], out long units);
        return status == PointsText.ParseStatus.Ok
            ? Points.FromUnits(units)
            : throw new JsonException($"'{chars[..length]}' is not an amount of points: {PointsText.Describe(status)}.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Points value, JsonSerializerOptions options)
    {
        Span<byte> utf8 = stackalloc byte[PointsText.MaxLength];
        PointsText.TryFormat(value.Units, utf8, out int written);
        writer.WriteRawValue(utf8[..written], skipInputValidation: true);
    }
}
