using System.Text;
using Scoring.Reports;

namespace Scoring.Sdk.Tests.Reports;

/// <summary>The decoder's own behaviour, with test-only report types (the built-in types are tested in Scoring.Rules.Tests).</summary>
public class ReportDecoderTests
{
    private const string Reading = """{"type":"meter","id":"r-1","meterId":"m-7","account":"acct-3","kwh":2.5,"pulses":12,"timestamp":1767225600.5}""";
    private const string Alarm = """{"type":"alarm","id":"a-1","meterId":"m-7","code":"tamper"}""";

    private static readonly ReportDecoder Decoder = new([MeterReadingType.Instance, MeterAlarmType.Instance]);

    private static DecodedLine Decode(string line, long lineNumber = 1) => Decoder.DecodeLine(Encoding.UTF8.GetBytes(line), lineNumber);

    private static (string Field, string Reason) Error(string line)
    {
        var decoded = Decode(line);
        Assert.False(decoded.IsReport, $"{line} decoded");
        return (decoded.Error.Field, decoded.Error.Reason);
    }

    [Fact]
    public void Each_line_goes_to_the_type_its_type_names()
    {
        Assert.Equal(new MeterReading("r-1", "m-7", "acct-3", 2.5, 12, 1767225600.5), Decode(Reading).Report);
        Assert.Equal(new MeterAlarm("a-1", "m-7", "tamper"), Decode(Alarm).Report);
        Assert.Equal(["alarm", "meter"], Decoder.Types.Keys.Order(StringComparer.Ordinal));
        Assert.Same(MeterReadingType.Instance, Decoder.Types["meter"]);
    }

    [Fact]
    public void A_missing_or_unknown_type_lists_the_registered_types()
    {
        Assert.Equal(("$.type", "is required (one of \"meter\", \"alarm\")"), Error(Reading.Replace("\"type\":\"meter\",", "")));
        Assert.Equal(("$.type", "unknown report type \"gas\"; expected \"meter\" or \"alarm\""), Error(Reading.Replace("\"meter\",\"id\"", "\"gas\",\"id\"")));
        Assert.Equal(("$.type", "is required (one of \"meter\")"), ErrorOf(new ReportDecoder([MeterReadingType.Instance]), "{}"));
        Assert.Equal(("$.type", "unknown report type \"alarm\"; expected \"meter\""), ErrorOf(new ReportDecoder([MeterReadingType.Instance]), Alarm));
        var three = new ReportDecoder([MeterReadingType.Instance, MeterAlarmType.Instance, new RenamedAlarmType("gas")]);
        Assert.Equal(("$.type", "unknown report type \"x\"; expected \"meter\", \"alarm\" or \"gas\""), ErrorOf(three, """{"type":"x"}"""));

        static (string, string) ErrorOf(ReportDecoder decoder, string line)
        {
            var decoded = decoder.DecodeLine(Encoding.UTF8.GetBytes(line), 1);
            return (decoded.Error!.Field, decoded.Error.Reason);
        }
    }

    [Fact]
    public void An_unknown_type_is_quoted_and_cut_to_64_characters()
    {
        var name = new string('g', 70);
        Assert.Equal(("$.type", $"unknown report type \"{new string('g', 64)}…\"; expected \"meter\" or \"alarm\""), Error($$"""{"type":"{{name}}"}"""));
    }

    [Theory]
    [InlineData("""{"type":5}""", "expected a string, got a number")]
    [InlineData("""{"type":null}""", "expected a string, got null")]
    [InlineData("""{"type":["meter"]}""", "expected a string, got an array")]
    public void A_type_that_is_not_a_string_is_rejected(string line, string reason)
    {
        Assert.Equal(("$.type", reason), Error(line));
    }

    [Fact]
    public void The_type_is_found_wherever_it_is_and_decides_before_any_field()
    {
        // Members before the type are skipped, nested values included; the type's decoder then reads the whole line.
        var last = """{"kwh":2.5,"extra":{"a":[1,{"b":null}]},"pulses":12,"timestamp":1767225600.5,"account":"acct-3","meterId":"m-7","id":"r-1","type":"meter"}""";
        Assert.Equal(Decode(Reading).Report, Decode(last).Report);
        // A bad value of a field does not matter until the type is known: an unknown type is what is reported.
        Assert.Equal("$.type", Error(Reading.Replace("\"meter\",\"id\"", "\"gas\",\"id\"").Replace("2.5", "\"lots\"")).Field);
    }

    [Theory]
    [InlineData("hello", "$", "is not valid JSON at column 1")]
    [InlineData("""{"id":"r","kwh":[1,,2],"type":"meter"}""", "$.kwh", "is not valid JSON at column")]
    [InlineData("""{"type":"meter","id":"r-1""", "$.id", "is not valid JSON")]
    [InlineData("[1,2]", "$", "a report must be a JSON object, got an array")]
    [InlineData("null", "$", "a report must be a JSON object, got null")]
    [InlineData("\"meter\"", "$", "a report must be a JSON object, got a string")]
    public void A_line_that_is_not_a_json_object_is_rejected_where_the_parser_stopped(string line, string field, string reason)
    {
        var (actualField, actualReason) = Error(line);
        Assert.Equal(field, actualField);
        Assert.StartsWith(reason, actualReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_fields_are_ignored_and_a_known_field_may_appear_once()
    {
        var extra = Reading.Replace("\"kwh\"", "\"firmware\":{\"v\":[1,2]},\"note\":null,\"kwh\"");
        Assert.Equal(Decode(Reading).Report, Decode(extra).Report);
        Assert.Equal(("$.kwh", "appears more than once"), Error(Reading.Replace("\"kwh\":2.5", "\"kwh\":2.5,\"kwh\":3")));
        Assert.Equal(("$.type", "appears more than once"), Error(Reading.Replace("\"type\":\"meter\"", "\"type\":\"meter\",\"type\":\"alarm\"")));
        Assert.Equal(("$.kwh", "expected a number, got a string"), Error(Reading.Replace("2.5", "\"2.5\"")));
        Assert.Equal(("$.pulses", "must be a whole number, got 1.5"), Error(Reading.Replace("12", "1.5")));
    }

    [Fact]
    public void Two_types_with_one_name_or_no_type_at_all_cannot_make_a_decoder()
    {
        var twice = Assert.Throws<ArgumentException>(() => new ReportDecoder([MeterAlarmType.Instance, new RenamedAlarmType("alarm")]));
        Assert.StartsWith("Two report types are named 'alarm'.", twice.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ReportDecoder([]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Meter")]
    [InlineData("meter reading")]
    [InlineData("meter/v2")]
    public void A_report_type_name_must_be_lower_case_letters_digits_dots_dashes_or_underscores(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new RenamedAlarmType(name));
        Assert.Contains("a-z, 0-9, '-', '_' and '.'", error.Message, StringComparison.Ordinal);
        Assert.Equal("meter.v2_x-1", new RenamedAlarmType("meter.v2_x-1").Name);
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_rejected_with_its_first_64_KiB_and_the_next_line_still_decodes()
    {
        var line = Reading.Replace("\"r-1\"", "\"" + new string('x', ReportLimits.MaxLineBytes) + "\"");
        var decoded = Decode(line, 3);
        Assert.Equal(("$", $"the line is {line.Length} bytes long; the limit is 65536"), (decoded.Error!.Field, decoded.Error.Reason));
        Assert.Equal(ReportLimits.MaxLineBytes, decoded.RawText!.Length);

        var lines = Decoder.Decode(new MemoryStream(Encoding.UTF8.GetBytes(line + "\n" + Alarm))).ToList();
        Assert.Equal([1L, 2L], lines.Select(l => l.LineNumber));
        Assert.Equal($"the line is {line.Length} bytes long; the limit is 65536", lines[0].Error!.Reason);
        Assert.True(lines[1].IsReport);
    }

    [Fact]
    public void Blank_lines_are_skipped_in_a_stream_but_counted_and_rejected_on_their_own()
    {
        var lines = Decoder.Decode(new MemoryStream(Encoding.UTF8.GetBytes($"\n{Reading}\n  \t\r\n\n{Alarm}\n"))).ToList();
        Assert.Equal([2L, 5L], lines.Select(l => l.LineNumber));
        Assert.All(lines, l => Assert.True(l.IsReport));
        Assert.Equal(("$", "the line is empty; a report must be a JSON object"), Error(" \t"));
    }

    [Fact]
    public void A_byte_order_mark_is_skipped_at_the_start_of_a_stream_only()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        var bytes = bom.Concat(Encoding.UTF8.GetBytes(Reading + "\n")).Concat(bom).Concat(Encoding.UTF8.GetBytes(Alarm)).ToArray();
        var lines = Decoder.Decode(new ChunkedStream(bytes, [2])).ToList();
        Assert.True(lines[0].IsReport);
        Assert.Equal(("$", true), (lines[1].Error!.Field, lines[1].Error!.Reason.StartsWith("is not valid JSON at column 1", StringComparison.Ordinal)));
        Assert.StartsWith("\uFEFF", lines[1].RawText, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_rejected_and_the_raw_text_stays_readable()
    {
        var bytes = Encoding.UTF8.GetBytes(Reading.Replace("acct-3", "acct-\u00ff"));
        bytes[Array.IndexOf(bytes, (byte)0xC3)] = 0xFF;
        var decoded = Decoder.DecodeLine(bytes, 1);
        Assert.False(decoded.IsReport);
        Assert.Equal("$.account", decoded.Error.Field);
        Assert.Contains('\uFFFD', decoded.RawText);
    }

    [Fact]
    public async Task Stream_text_and_async_decoding_agree_line_for_line()
    {
        var text = string.Join("\r\n", Reading, "", "not json", Alarm, Reading.Replace("r-1", "r-2"), "{\"type\":\"gas\"}");
        var fromStream = Decoder.Decode(new MemoryStream(Encoding.UTF8.GetBytes(text))).ToList();
        var fromText = Decoder.Decode(new StringReader(text)).ToList();
        var fromAsync = new List<DecodedLine>();
        await foreach (var decoded in Decoder.DecodeAsync(new ChunkedStream(Encoding.UTF8.GetBytes(text), [5, 1, 17])))
            fromAsync.Add(decoded);

        Assert.Equal([1L, 3L, 4L, 5L, 6L], fromStream.Select(l => l.LineNumber));
        Assert.Equal([true, false, true, true, false], fromStream.Select(l => l.IsReport));
        Assert.Equal(fromStream, fromText);
        Assert.Equal(fromStream, fromAsync);
    }

    [Fact]
    public void Error_text_names_line_field_and_reason()
    {
        Assert.Equal("line 12, $.pulses: must be a whole number, got 2.5", new ReportError(12, "$.pulses", "must be a whole number, got 2.5").ToString());
    }
}
