using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Scoring.Reports;

namespace Scoring.Sdk.Tests.Reports;

/// <summary>What every report type gets from <see cref="JsonReportType{TReport, TWire}"/>: writing, round trips and content hashes.</summary>
public class ReportTypeTests
{
    private static readonly ReportDecoder Decoder = new([MeterReadingType.Instance, MeterAlarmType.Instance]);

    private static readonly Gen<string> Text =
        Gen.Elements("m", "acct-3", "ä日本\"\\é😀", "a b", "x/y@z").Zip(Gen.Choose(0, 999)).Select(t => t.Item1 + t.Item2);

    private static readonly Gen<MeterReading> Readings =
        from id in Text
        from meter in Text
        from account in Text
        from kwh in Gen.Choose(0, 1_000_000).Select(i => i / 7.0)
        from pulses in Gen.Choose(0, 1_000_000)
        from timestamp in Gen.Choose(0, 1_000_000_000).Select(i => ReportLimits.MinTimestamp + i * 3.1)
        select new MeterReading(id, meter, account, kwh, pulses, timestamp);

    [Fact]
    public void A_report_is_written_type_first_in_its_field_order_with_utf8_kept()
    {
        var reading = new MeterReading("r-1", "m-7", "höme \"1\"", 2.5, 12, 1767225600.5);
        Assert.Equal("""{"type":"meter","id":"r-1","meterId":"m-7","account":"höme \"1\"","kwh":2.5,"pulses":12,"timestamp":1767225600.5}""",
            MeterReadingType.Instance.ToJson(reading));
        var error = Assert.Throws<ArgumentException>(() => MeterReadingType.Instance.ToJson(new MeterAlarm("a", "m", "c")));
        Assert.Contains("Report type 'meter' writes MeterReading reports, not MeterAlarm.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_a_stream_then_decoding_it_gives_the_same_reports_in_order()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), Prop.ForAll(Readings.Select(r => (Report)r).ListOf().ToArbitrary(), reports =>
        {
            var output = new MemoryStream();
            using (var writer = new ReportWriter(output, leaveOpen: true))
            {
                foreach (var report in reports)
                    writer.Write(report);
            }
            output.Position = 0;
            var decoded = Decoder.Decode(output).ToList();
            return decoded.Select(d => d.Report).SequenceEqual(reports)
                && decoded.Select(d => d.LineNumber).SequenceEqual(Enumerable.Range(1, reports.Count).Select(i => (long)i));
        }));
    }

    [Fact]
    public void A_raw_line_is_written_verbatim_and_must_not_contain_a_line_feed()
    {
        var output = new MemoryStream();
        using (var writer = new ReportWriter(output, leaveOpen: true))
        {
            writer.Write(new MeterAlarm("a", "m", "c"));
            writer.WriteRawLine("not json"u8);
            Assert.Throws<ArgumentException>(() => writer.WriteRawLine("a\nb"u8));
        }
        Assert.Equal("{\"type\":\"alarm\",\"id\":\"a\",\"meterId\":\"m\",\"code\":\"c\"}\nnot json\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void The_content_hash_is_fixed_across_runs_and_machines()
    {
        // FNV-1a over the type and every field (names and strings as length-prefixed UTF-8, numbers as their 64-bit
        // patterns): ledgers record it, so it must never change for the same content.
        Assert.Equal(3960518739286175347L, MeterReadingType.Instance.ContentHash(new MeterReading("r-1", "m-7", "acct-3", 2.5, 12, 1767225600.5)));
    }

    [Fact]
    public void Equal_reports_hash_alike_and_a_change_to_any_field_changes_the_hash()
    {
        var changes = Gen.Choose(0, 5);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(Readings.Zip(changes).ToArbitrary(), c =>
        {
            var (reading, field) = c;
            var copy = reading with { };
            var changed = field switch
            {
                0 => reading with { ReadingId = reading.ReadingId + "'" },
                1 => reading with { MeterId = reading.MeterId + "'" },
                2 => reading with { Account = reading.Account + "'" },
                3 => reading with { Kwh = reading.Kwh + 0.5 },
                4 => reading with { Pulses = reading.Pulses + 1 },
                _ => reading with { Timestamp = reading.Timestamp + 0.25 },
            };
            var type = MeterReadingType.Instance;
            return type.ContentHash(copy) == type.ContentHash(reading) && type.ContentHash(changed) != type.ContentHash(reading);
        }));
    }

    [Fact]
    public void Two_types_with_the_same_fields_hash_apart()
    {
        var alarm = new MeterAlarm("a", "m", "c");
        Assert.NotEqual(MeterAlarmType.Instance.ContentHash(alarm), new RenamedAlarmType("siren").ContentHash(alarm));
    }

    [Fact]
    public void A_json_writer_gets_one_object_per_report()
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            MeterAlarmType.Instance.Write(json, new MeterAlarm("a", "m", "c"));
            json.WriteEndArray();
        }
        Assert.Equal("""[{"type":"alarm","id":"a","meterId":"m","code":"c"}]""", Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
