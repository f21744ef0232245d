using System.Text.Json;
using Scoring.RuleSets;

namespace Storage.Proofs.Tests;

/// <summary>
/// The plug-in end to end through the <c>scoring</c> command line: every command finds the storage scheme only because
/// <c>--plugin</c> loaded Storage.Proofs.dll and registered its <see cref="Scoring.Schemes.ISchemeRegistration"/>.
/// </summary>
public sealed class CliEndToEndTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("storage-proofs-cli-").FullName;
    private readonly string _input;
    private readonly string _db;

    public CliEndToEndTests()
    {
        _input = Path.Combine(_folder, "proofs.jsonl");
        File.WriteAllLines(_input, StorageRun.WorkedExample);
        _db = Path.Combine(_folder, "ledger.db");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Score_records_the_worked_example_and_a_second_run_counts_only_duplicates()
    {
        var first = Scoring("score", "--plugin", ScoringCli.Plugin, "--scheme", "storage", "--input", _input, "--db", _db, "--format", "json");
        using (var json = JsonDocument.Parse(first))
        {
            Assert.Equal(12, Number(json.RootElement, "scored"));
            Assert.Equal(12.594947m, Row(json.RootElement, "acme").GetProperty("score").GetDecimal());
            Assert.Equal(2m, Row(json.RootElement, "globex").GetProperty("score").GetDecimal());
        }

        var second = Scoring("score", "--plugin", ScoringCli.Plugin, "--scheme", "storage", "--input", _input, "--db", _db, "--format", "json");
        using (var json = JsonDocument.Parse(second))
        {
            Assert.Equal(0, Number(json.RootElement, "scored"));
            Assert.Equal(12, Number(json.RootElement, "duplicates"));
            Assert.Equal(12.594947m, Row(json.RootElement, "acme").GetProperty("score").GetDecimal());
        }
    }

    [Fact]
    public void Leaderboard_ranks_the_storage_currency()
    {
        Scoring("score", "--plugin", ScoringCli.Plugin, "--scheme", "storage", "--input", _input, "--db", _db);

        using var json = JsonDocument.Parse(Scoring("leaderboard", "--plugin", ScoringCli.Plugin, "--db", _db, "--scheme", "storage", "--format", "json"));
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(["acme", "globex"], rows.Select(r => r.GetProperty("account").GetString()));
        Assert.Equal([1, 2], rows.Select(r => r.GetProperty("rank").GetInt32()));
        Assert.Equal([12.594947m, 2m], rows.Select(r => r.GetProperty("score").GetDecimal()));
        // The paid intervals' seconds: p1 3600 + 3600 + 1800 + 3600, p3 3600; p2 1800.
        Assert.Equal([16_200L, 1_800L], rows.Select(r => r.GetProperty("activeSeconds").GetInt64()));
    }

    [Fact]
    public void Entries_show_each_proof_of_an_account_with_its_points_and_reasons()
    {
        Scoring("score", "--plugin", ScoringCli.Plugin, "--scheme", "storage", "--input", _input, "--db", _db);

        using var json = JsonDocument.Parse(Scoring("entries", "--plugin", ScoringCli.Plugin, "--db", _db, "--account", "acme", "--scheme", "storage", "--format", "json"));

        var entries = Objects(json.RootElement).Where(o => o.TryGetProperty("reportId", out _)).ToArray();
        Assert.Equal(
            ["p1@1767225600", "p3@1767226200", "p1@1767229200", "p3@1767229800", "p1@1767232800", "p1@1767236400", "p1@1767238200", "p1@1767328200", "p1@1767331800"],
            entries.Select(e => e.GetProperty("reportId").GetString()));
        Assert.Equal([0m, 0m, 1m, 9.094947m, 1m, 0m, 1m, 0m, 0.5m], entries.Select(e => e.GetProperty("amount").GetDecimal()));
        Assert.StartsWith("0 points: gap (elapsedHours > maxGapHours)", entries[7].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.All(entries, e => Assert.Equal("storage", e.GetProperty("currency").GetString()));
    }

    [Fact]
    public void Explain_traces_a_storage_proof_with_the_rule_set_in_force()
    {
        using var json = JsonDocument.Parse(Scoring("explain", "--plugin", ScoringCli.Plugin, "--report", StorageRun.WorkedExample[4], "--format", "json"));

        var explanation = Objects(json.RootElement).First(o => o.TryGetProperty("note", out _));
        Assert.Equal("storage-points", explanation.GetProperty("ruleSet").GetString());
        Assert.StartsWith("as the provider's first and only proof", explanation.GetProperty("note").GetString(), StringComparison.Ordinal);
        var rules = Objects(explanation.GetProperty("trace")).Where(o => o.TryGetProperty("outcome", out _)).ToArray();
        Assert.Equal(["held", "first", "uptime", "gap"], rules.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(["fired", "fired", "notFired", "notFired"], rules.Select(r => r.GetProperty("outcome").GetString()));
    }

    [Fact]
    public void Diff_scores_the_same_proofs_under_two_rule_set_documents()
    {
        string before = Path.Combine(_folder, "before.rules.json");
        string after = Path.Combine(_folder, "after.rules.json");
        File.WriteAllText(before, RuleSetDocuments.BuiltInText);
        File.WriteAllText(after, RuleSetDocuments.Edit(("\"pointsPerTibHour\": 1.0", "\"pointsPerTibHour\": 2.0")));

        using var json = JsonDocument.Parse(Scoring("diff", "--plugin", ScoringCli.Plugin, "--scheme", "storage", "--input", _input,
            "--rules", before, "--rules", after, "--format", "json"));

        var acme = Row(json.RootElement, "acme");
        Assert.Equal((12.594947m, 25.189894m, 12.594947m), (acme.GetProperty("before").GetDecimal(), acme.GetProperty("after").GetDecimal(), acme.GetProperty("change").GetDecimal()));
        var globex = Row(json.RootElement, "globex");
        Assert.Equal((2m, 4m), (globex.GetProperty("before").GetDecimal(), globex.GetProperty("after").GetDecimal()));
    }

    [Fact]
    public void Rules_list_and_show_print_the_plug_ins_rule_set()
    {
        using (var list = JsonDocument.Parse(Scoring("rules", "list", "--plugin", ScoringCli.Plugin, "--format", "json")))
        {
            var ids = Strings(list.RootElement).ToHashSet(StringComparer.Ordinal);
            Assert.Contains("storage-points", ids);
            Assert.Contains("storage", ids);
            Assert.Contains("swarm-points", ids); // the built-ins are still there
        }

        string shown = Scoring("rules", "show", "--plugin", ScoringCli.Plugin, "--id", "storage-points");
        var read = RuleSetDocument.Read(shown);
        Assert.NotNull(read.RuleSet);
        Assert.Equal(new StorageProofsScheme().RuleSets.Single().ContentHash, read.RuleSet.ContentHash);
    }

    [Fact]
    public void Without_the_plug_in_the_storage_scheme_is_unknown_and_the_user_gets_a_message_not_a_stack_trace()
    {
        var (exit, _, error) = ScoringCli.Run(_folder, "score", "--scheme", "storage", "--input", _input, "--db", _db);

        Assert.Equal(1, exit);
        Assert.Contains("storage", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plug_in_path_that_does_not_exist_is_a_message_not_a_stack_trace()
    {
        string missing = Path.Combine(_folder, "nowhere", "Storage.Proofs.dll");
        var (exit, _, error) = ScoringCli.Run(_folder, "rules", "list", "--plugin", missing);

        Assert.Equal(1, exit);
        Assert.Contains(missing, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    /// <summary>Runs a command that must succeed and returns its standard output.</summary>
    private string Scoring(params string[] args)
    {
        var (exit, output, error) = ScoringCli.Run(_folder, args);
        Assert.True(exit == 0, $"scoring {string.Join(' ', args)} exited {exit}:\n{error}\n{output}");
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        return output;
    }

    /// <summary>The first object anywhere in <paramref name="json"/> whose <c>account</c> is <paramref name="account"/>.</summary>
    private static JsonElement Row(JsonElement json, string account) =>
        Objects(json).FirstOrDefault(o => o.TryGetProperty("account", out var a) && a.ValueKind == JsonValueKind.String && a.GetString() == account) is { ValueKind: JsonValueKind.Object } row
            ? row
            : throw new Xunit.Sdk.XunitException($"No object with account '{account}' in {json}");

    /// <summary>The first number named <paramref name="name"/> anywhere in <paramref name="json"/>.</summary>
    private static long Number(JsonElement json, string name) =>
        Objects(json).Select(o => o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : (long?)null).FirstOrDefault(v => v is not null)
            ?? throw new Xunit.Sdk.XunitException($"No number '{name}' in {json}");

    private static IEnumerable<string> Strings(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.String => [json.GetString()!],
        JsonValueKind.Object => json.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => json.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private static IEnumerable<JsonElement> Objects(JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Object)
        {
            yield return json;
            foreach (var property in json.EnumerateObject())
                foreach (var inner in Objects(property.Value))
                    yield return inner;
        }
        else if (json.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in json.EnumerateArray())
                foreach (var inner in Objects(item))
                    yield return inner;
        }
    }
}
