using System.Text;
using Scoring.Reports;

namespace Scoring.Rules.Tests.Reports;

/// <summary>The example lines in docs/formats.md and the shipped data sets decode: the docs cannot drift from the code.</summary>
public class DocumentedExamplesTests
{
    [Fact]
    public void Every_json_example_in_the_format_docs_decodes()
    {
        var examples = new List<string>();
        var inJsonBlock = false;
        foreach (var line in File.ReadAllLines(RepositoryFiles.Find("docs/formats.md")))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inJsonBlock = line == "```json";
            }
            else if (inJsonBlock)
            {
                examples.Add(line);
            }
        }

        Assert.True(examples.Count >= 5, $"found {examples.Count} examples");
        Assert.All(examples, example =>
        {
            var decoded = BuiltInReports.Decoder.DecodeLine(Encoding.UTF8.GetBytes(example), 1);
            Assert.True(decoded.IsReport, decoded.Error?.ToString());
        });
    }

    [Theory]
    [InlineData("samples/data/swarm.jsonl", 5_000)]
    [InlineData("samples/data/jobs.jsonl", 5_000)]
    [InlineData("samples/data/pog.jsonl", 1_500)]
    public void The_shipped_data_sets_decode_without_errors(string path, int reports)
    {
        using var stream = File.OpenRead(RepositoryFiles.Find(path));
        var lines = BuiltInReports.Decoder.Decode(stream).ToList();
        Assert.Equal(reports, lines.Count);
        Assert.All(lines, line => Assert.True(line.IsReport, line.Error?.ToString()));
        Assert.True(new FileInfo(RepositoryFiles.Find(path)).Length < 1_500_000);
    }

    [Fact]
    public void The_shipped_bad_lines_sample_has_ten_rejected_lines()
    {
        using var stream = File.OpenRead(RepositoryFiles.Find("samples/data/jobs-bad-lines.jsonl"));
        var lines = BuiltInReports.Decoder.Decode(stream).ToList();
        Assert.Equal(50, lines.Count);
        Assert.Equal(10, lines.Count(l => !l.IsReport));
    }
}
