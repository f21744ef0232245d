using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scoring.Reports;

/// <summary>
/// Reads the <c>type</c> and <c>source</c> values, which are almost always one of a few constants, as the shared
/// constant strings: no string allocation or transcoding per line on the hot path. Other values are read normally
/// (and rejected by validation); a non-string token fails as for any string field.
/// </summary>
internal sealed class WireConstantConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
        {
            var value = reader.ValueSpan;
            if (value.SequenceEqual("swarm"u8))
            {
                return ReportTypeNames.Swarm;
            }

            if (value.SequenceEqual("image"u8))
            {
                return ReportTypeNames.Image;
            }

            if (value.SequenceEqual("llm"u8))
            {
                return ReportTypeNames.Llm;
            }

            if (value.SequenceEqual("pog"u8))
            {
                return ReportTypeNames.ProofOfGpu;
            }

            if (value.SequenceEqual("local"u8))
            {
                return ReportTypeNames.LocalSource;
            }

            if (value.SequenceEqual("external"u8))
            {
                return ReportTypeNames.ExternalSource;
            }
        }

        return reader.GetString();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
