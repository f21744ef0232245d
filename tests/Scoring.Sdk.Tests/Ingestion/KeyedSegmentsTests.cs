using System.Text;
using Scoring.Ingestion;
using Scoring.Reports;
using Scoring.Sdk.Tests.Reports;
using Scoring.Sdk.Tests.Schemes;

namespace Scoring.Sdk.Tests.Ingestion;

/// <summary>The decoding side's keys and cuts: what the writer classifies must be what it would have computed itself.</summary>
public class KeyedSegmentsTests
{
    private static readonly MeterScheme Scheme = new();
    private static readonly ReportDecoder Decoder = new([MeterReadingType.Instance]);

    private static ReportInput[] Decode(params (string Id, string Meter, double Kwh)[] readings)
    {
        string lines = string.Join('\n', readings.Select((r, i) =>
            $"{{\"type\":\"meter\",\"id\":\"{r.Id}\",\"meterId\":\"{r.Meter}\",\"account\":\"alice\",\"kwh\":{r.Kwh},\"pulses\":1,\"timestamp\":{1_767_225_600 + i}}}"));
        return Decoder.Decode(new MemoryStream(Encoding.UTF8.GetBytes(lines)))
            .Select(line => new ReportInput(line.LineNumber, line.IsReport ? line.Report : throw new InvalidOperationException(line.Error.Reason)))
            .ToArray();
    }

    [Fact]
    public void An_id_repeated_by_its_producer_opens_a_new_segment_and_the_same_id_of_another_producer_does_not()
    {
        var inputs = Decode(("r1", "m0", 1), ("r2", "m1", 1), ("r1", "m0", 2), ("r1", "m1", 1), ("r2", "m1", 1));
        var segments = new KeyedSegments(inputs.Length);
        foreach (var input in inputs)
            segments.Add(input, KeyedLine.KeyOf(Scheme, input.Report));

        Assert.Equal(5, segments.Count);
        Assert.Equal([[1L, 2L], [3L, 4L, 5L]], segments.Segments.Select(s => s.Reports.Select(r => r.LineNumber).ToArray()));
        foreach (var segment in segments.Segments)
        {
            Assert.Equal(segment.Reports.Count, segment.Keys.Count);
            for (int i = 0; i < segment.Keys.Count; i++)
            {
                var report = segment.Reports[i].Report;
                Assert.Equal((MeterScheme.SchemeName, report.Producer, report.Id, report.ReportType.ContentHash(report)),
                    (segment.Keys[i].Scheme, segment.Keys[i].Producer, segment.Keys[i].ReportId, segment.Keys[i].ContentHash));
            }
        }
        // The two copies of r1 from m0 differ in content: their keys say so, so the writer finds the conflict.
        Assert.NotEqual(segments.Segments[0].Keys[0].ContentHash, segments.Segments[1].Keys[0].ContentHash);
    }

    [Fact]
    public void Cleared_segments_take_a_new_batch_as_new_ones_do()
    {
        var inputs = Decode(("r1", "m0", 1), ("r1", "m0", 2), ("r2", "m0", 1));
        var reused = new KeyedSegments(2);
        foreach (var input in inputs)
            reused.Add(input, KeyedLine.KeyOf(Scheme, input.Report));
        Assert.Equal(2, reused.Segments.Count);

        reused.Clear();
        Assert.Equal(0, reused.Count);
        Assert.Empty(Assert.Single(reused.Segments).Reports);
        Assert.Empty(reused.Segments[0].Keys);

        // The ids of the batch before are forgotten: r1 opens no segment of its own now.
        var fresh = new KeyedSegments(2);
        foreach (var input in inputs.Reverse())
        {
            reused.Add(input, KeyedLine.KeyOf(Scheme, input.Report));
            fresh.Add(input, KeyedLine.KeyOf(Scheme, input.Report));
        }
        Assert.Equal(fresh.Count, reused.Count);
        Assert.Equal(fresh.Segments.Select(s => s.Keys.ToArray()), reused.Segments.Select(s => s.Keys.ToArray()));
        Assert.Equal(fresh.Segments.Select(s => s.Reports.ToArray()), reused.Segments.Select(s => s.Reports.ToArray()));
    }

    [Fact]
    public void A_batch_of_refused_lines_only_is_one_empty_segment()
    {
        var segments = new KeyedSegments(10);
        Assert.Equal(0, segments.Count);
        Assert.Empty(Assert.Single(segments.Segments).Reports);
    }
}
