using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scoring.Cli.Commands;
using Scoring.Ingestion;

namespace Scoring.Cli.Tests;

/// <summary>
/// <c>scoring score</c>'s pipeline settings: <c>Scoring:Ingestion</c> from <c>--set</c>, over the CLI's batch size and
/// under <c>--batch-size</c>; settings nothing reads are refused, and a later <c>--set</c> of a key wins.
/// </summary>
public sealed class IngestionSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scoring-ingestion-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Db(string name) => Path.Combine(_folder, name);

    /// <summary>The options the pipeline of <c>scoring score ARGS</c> runs with.</summary>
    private static IngestionOptions Configured(params string[] args)
    {
        var options = new ScoreOptions();
        var command = new Command("score");
        options.AddTo(command);
        var parse = command.Parse(["--scheme", "swarm", "--input", "reports.jsonl", .. args]);
        Assert.Empty(parse.Errors);
        using var host = SchemeHost.Start(options.Settings(parse, "swarm"));
        return host.Services.GetRequiredService<IOptions<IngestionOptions>>().Value;
    }

    [Fact]
    public void The_batch_size_is_the_flag_over_set_over_the_cli_default()
    {
        var defaults = Configured();
        Assert.Equal((ScoreOptions.DefaultBatchSize, ScoreOptions.DefaultBatchesInFlight, 0), (defaults.BatchSize, defaults.BatchesInFlight, defaults.DecodeWorkers));
        Assert.Equal(7, Configured("--set", "Ingestion:BatchSize=7").BatchSize);
        Assert.Equal(7, Configured("--set", "Scoring:Ingestion:BatchSize=7").BatchSize);
        Assert.Equal(5, Configured("--set", "Ingestion:BatchSize=7", "--batch-size", "5").BatchSize);
        // The flag replaces an invalid value rather than being validated after it.
        Assert.Equal(5, Configured("--set", "Ingestion:BatchSize=0", "--batch-size", "5").BatchSize);

        var others = Configured("--set", "Ingestion:BatchesInFlight=3", "--set", "ingestion:decodeworkers=1");
        Assert.Equal((ScoreOptions.DefaultBatchSize, 3, 1), (others.BatchSize, others.BatchesInFlight, others.DecodeWorkers));
    }

    [Fact]
    public void Any_ingestion_settings_give_the_same_leaderboard()
    {
        var defaults = Scores(Score("--db", Db("a.db")));
        var small = Scores(Score("--db", Db("b.db"), "--set", "Ingestion:BatchSize=1", "--set", "Ingestion:BatchesInFlight=1", "--set", "Ingestion:DecodeWorkers=1"));
        Assert.Equal(new Dictionary<string, string> { ["alice"] = "7.05", ["bob"] = "2" }, defaults);
        Assert.Equal(defaults, small);
    }

    [Theory]
    [InlineData("Ingestion:BatchSzie=5",
        "scoring score: 'Scoring:Ingestion:BatchSzie' is not a setting of the ingestion (its settings: BatchSize, BatchesInFlight, DecodeWorkers).")]
    [InlineData("Ingestion:BatchSize=0", "scoring score: Scoring:Ingestion:BatchSize: The field BatchSize must be between 1 and 1000000.")]
    [InlineData("Ingestion:BatchesInFlight=x", "scoring score: Failed to convert configuration value 'x' at 'Scoring:Ingestion:BatchesInFlight' to type 'System.Int32'.")]
    [InlineData("Ledger:Path=other.db",
        "scoring score: 'Scoring:Ledger' is not a section this command reads (its sections: Scoring:Swarm, Scoring:Jobs, Scoring:Ingestion).")]
    [InlineData("Swram:PeerCap=3",
        "scoring score: 'Scoring:Swram' is not a section this command reads (its sections: Scoring:Swarm, Scoring:Jobs, Scoring:Ingestion).")]
    public void A_setting_nothing_reads_or_a_bad_value_is_one_line_and_nothing_is_scored(string set, string message)
    {
        string db = Db($"{Guid.NewGuid():N}.db");
        var (exit, output, error) = CliRunner.Run("score", "--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"), "--db", db, "--set", set);
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Equal(message, error.Trim());
        Assert.False(File.Exists(db));
    }

    [Fact]
    public void A_later_set_of_a_key_wins()
    {
        // With three peers counted, alice's third peer earns its 5 PFLOP (ScoreCommandTests' options-file case).
        var result = Scores(Score("--db", Db("c.db"), "--set", "Swarm:PeerCap=1", "--set", "Swarm:PeerCap=3"));
        Assert.Equal("12.058333", result["alice"]);
    }

    [Fact]
    public void The_collection_after_a_batch_passes_every_progress_on_and_collects_once_enough_was_allocated()
    {
        var seen = new List<IngestionProgress>();
        var progress = new BatchCollection(new Recording(seen));
        var first = new IngestionProgress(IngestionSummary.Empty, 10, TimeSpan.FromSeconds(1));
        var second = first with { BytesRead = 20 };
        progress.Report(first);
        // A batch's worth of garbage (the counter counts what was allocated, live or not).
        for (long made = 0; made <= BatchCollection.AllocatedBetween; made += 1 << 20)
            GC.KeepAlive(new byte[1 << 20]);
        int before = GC.CollectionCount(1);
        progress.Report(second);
        Assert.True(GC.CollectionCount(1) > before);
        Assert.Equal([first, second], seen);
    }

    private static JsonElement Score(params string[] args) =>
        CliRunner.Json(["score", "--scheme", "swarm", "--input", CliRunner.Example("swarm.jsonl"), .. args, "--backend", "scalar"]);

    private static Dictionary<string, string> Scores(JsonElement score) => CliRunner.Scores(CliRunner.Rows(score, "swarm"));

    private sealed class Recording(List<IngestionProgress> seen) : IProgress<IngestionProgress>
    {
        public void Report(IngestionProgress value) => seen.Add(value);
    }
}
