using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;

namespace Scoring.Cli.Tests;

/// <summary>
/// Bad input is normal input: every command, run in-process over random and mutated arguments, report lines, rule
/// documents, options files and scores documents, ends with a documented exit code (0, 1 or 2), and whatever fails
/// is said in one line — never a stack trace, never an exception's type name (the sign of a failure no command
/// foresaw). <c>SCORING_FUZZ_CASES</c> runs more cases than the default.
/// </summary>
[Collection(RunsAlone)]
public sealed partial class FuzzTests : IClassFixture<FuzzTests.Corpus>
{
    /// <summary>
    /// The fuzz test runs with no other test beside it, in its own current directory: a relative path it makes up (or
    /// the default <c>./scoring.db</c>) then lands in its temporary folder, not in the test binaries' folder.
    /// </summary>
    public const string RunsAlone = "Runs alone in its own current directory";

    [CollectionDefinition(RunsAlone, DisableParallelization = true)]
    public sealed class RunsAloneCollection;

    private readonly Corpus _corpus;

    public FuzzTests(Corpus corpus) => _corpus = corpus;

    /// <summary>Valid documents to mutate, a ledger with entries, and a folder for each case's files.</summary>
    public sealed class Corpus : IDisposable
    {
        public Corpus()
        {
            Ledger = Path.Combine(Folder, "ledger.db");
            Score("swarm", CliRunner.Example("swarm.jsonl"));
            Score("jobs", CliRunner.Example("jobs.jsonl"));
            RuleDocuments = new[] { "swarm-points", "jobs-image", "jobs-llm", "jobs-boosts", "pog-score" }
                .Select(id => CliRunner.Run("rules", "show", "--id", id).Output)
                .ToArray();
            Reports = new Dictionary<string, string[]>
            {
                ["swarm"] = File.ReadAllLines(CliRunner.Example("swarm.jsonl")),
                ["jobs"] = File.ReadAllLines(CliRunner.Example("jobs.jsonl")),
                ["pog"] = File.ReadAllLines(CliRunner.Example("pog.jsonl")),
            };
            Holdings = File.ReadAllText(CliRunner.Example("holdings.jsonl"));
        }

        public string Folder { get; } = Directory.CreateTempSubdirectory("scoring-fuzz-").FullName;

        public string Ledger { get; }

        public string[] RuleDocuments { get; }

        public Dictionary<string, string[]> Reports { get; }

        public string Holdings { get; }

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Folder, recursive: true);
        }

        private void Score(string scheme, string input)
        {
            var (exit, _, error) = CliRunner.Run("score", "--scheme", scheme, "--input", input, "--db", Ledger, "--backend", "scalar");
            Assert.True(exit == 0, error);
        }
    }

    /// <summary>One case: which command shape, and the seed of everything random in it (replayable from the failure message).</summary>
    public sealed record Case(int Shape, int Seed);

    [Fact]
    public void No_command_ever_shows_a_stack_trace()
    {
        int cases = int.TryParse(Environment.GetEnvironmentVariable("SCORING_FUZZ_CASES"), out int n) && n > 0 ? n : 300;
        var gen = from shape in Gen.Choose(0, Shapes - 1)
                  from seed in Gen.Choose(0, int.MaxValue)
                  select new Case(shape, seed);
        string current = Environment.CurrentDirectory;
        Environment.CurrentDirectory = _corpus.Folder;
        try
        {
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases), Prop.ForAll(gen.ToArbitrary(), c => Run(c)));
        }
        finally
        {
            Environment.CurrentDirectory = current;
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 7)]
    [InlineData(9, 42)]
    public void A_case_replays_to_the_same_command_line(int shape, int seed)
    {
        var first = Arguments(new Case(shape, seed), Path.Combine(_corpus.Folder, "replay-a"));
        var second = Arguments(new Case(shape, seed), Path.Combine(_corpus.Folder, "replay-a"));
        Assert.Equal(first, second);
        Assert.NotEmpty(first);
    }

    private void Run(Case c)
    {
        string folder = Path.Combine(_corpus.Folder, $"case-{c.Shape}-{c.Seed}");
        string[] args = Arguments(c, folder);
        var (exit, output, error) = CliRunner.Run(args);
        string shown = $"{c} scoring {string.Join(' ', args.Select(Quote))}\nexit {exit}\nstdout:\n{output}\nstderr:\n{error}";
        Assert.True(exit is 0 or 1 or 2, shown);
        Assert.False(StackFrame().IsMatch(error) || StackFrame().IsMatch(output), shown);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("--- End of", error, StringComparison.Ordinal);
        Assert.False(UnforeseenFailure().IsMatch(error), shown);
        if (exit != 0)
        {
            var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            // check prints compiler-style FILE:line:col lines, one per diagnostic; every other failure is one line, "scoring <command>: …".
            if (args[0] == "check")
                Assert.True(lines.Length > 0 && lines.All(l => l.Contains(':', StringComparison.Ordinal)), shown);
            else
                Assert.True(lines.Length == 1 && (lines[0].StartsWith("scoring ", StringComparison.Ordinal) || lines[0].StartsWith("scoring:", StringComparison.Ordinal)), shown);
        }
        else if (Enumerable.Range(0, args.Length - 1).Any(i => args[i] == "--format" && args[i + 1] == "json"))
        {
            using var _ = JsonDocument.Parse(output); // a successful --format json run writes one valid document
        }
        Directory.Delete(folder, recursive: true);
    }

    private static string Quote(string arg) => arg.Length == 0 || arg.Any(char.IsWhiteSpace) ? $"'{arg}'" : arg;

    [GeneratedRegex(@"^\s+at \S+.*\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();

    // "message (IOException)": CommandFailures adds the type name only to failures no command explained.
    [GeneratedRegex(@"\(\w*Exception\)\s*$", RegexOptions.Multiline)]
    private static partial Regex UnforeseenFailure();

    private const int Shapes = 12;

    /// <summary>The command line of a case; its files are written under <paramref name="folder"/>.</summary>
    private string[] Arguments(Case c, string folder)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(c.Seed);
        var files = new Files(folder, random);
        string scheme = random.Pick("swarm", "jobs", "pog", "storage", "", "jobs.llama", "\ud800");
        var args = new List<string>();
        switch (c.Shape)
        {
            case 0:
                args.AddRange(["check", files.Write(Mutate(random, random.Pick(_corpus.RuleDocuments)), ".json")]);
                break;
            case 1:
                args.AddRange(["explain", "--report", random.Next(2) == 0 ? Mutate(random, ReportLine(random)) : files.Write(Mutate(random, ReportLine(random)), ".json")]);
                if (random.Next(2) == 0)
                    args.AddRange(["--rules", files.Write(Mutate(random, random.Pick(_corpus.RuleDocuments)), ".json")]);
                break;
            case 2 or 3:
            {
                string real = random.Pick("swarm", "jobs", "pog");
                args.AddRange(["score", "--scheme", random.Next(5) == 0 ? scheme : real, "--input", files.Write(string.Join('\n', Lines(random, real)), ".jsonl"), "--backend", "scalar"]);
                if (real != "pog" || random.Next(4) == 0)
                    args.AddRange(["--db", random.Next(3) == 0 ? HostilePath(random, files) : Path.Combine(folder, "s.db")]);
                if (random.Next(3) == 0)
                    args.AddRange(["--rules", files.Write(Mutate(random, random.Pick(_corpus.RuleDocuments)), ".json")]);
                if (random.Next(3) == 0)
                    args.AddRange(["--options", files.Write(Mutate(random, random.Pick("{\"PeerCap\": 3}", "{\"Scoring\":{\"Jobs\":{\"EpochGrace\":\"00:30:00\"}}}", "{\"Swarm\":{\"PeerCapChanges\":[{\"From\":1767225600,\"PeerCap\":1}]}}")), ".json")]);
                if (random.Next(3) == 0)
                    args.AddRange(["--set", $"{random.Pick("Swarm:PeerCap", "Jobs:EpochLength", "Jobs:HoldingsPath", "Swarm:Nope", "", ":")}={Value(random, files)}"]);
                if (random.Next(3) == 0)
                    args.AddRange(["--holdings", files.Write(Mutate(random, _corpus.Holdings), ".jsonl")]);
                if (random.Next(3) == 0)
                    args.AddRange(["--rejects", random.Next(2) == 0 ? Path.Combine(folder, "rejects.jsonl") : HostilePath(random, files)]);
                if (random.Next(4) == 0)
                    args.AddRange([random.Pick("--as-of", "--top", "--batch-size", "--burn-uid", "--max-weight", "--gpu-config", "--keep-open"), Value(random, files)]);
                AddFormat(random, args);
                break;
            }
            case 4:
                args.AddRange(["leaderboard", "--db", random.Next(4) == 0 ? HostilePath(random, files) : _corpus.Ledger]);
                if (random.Next(2) == 0)
                    args.AddRange(["--scheme", random.Pick("swarm", "jobs.llama", "jobs.waifu", "jobs", "pog", "foo", scheme)]);
                if (random.Next(3) == 0)
                    args.AddRange([random.Pick("--as-of", "--from", "--to", "--account", "--top"), Value(random, files)]);
                AddFormat(random, args);
                break;
            case 5:
                args.AddRange(["entries", "--account", random.Pick("alice", "0xalice", "nobody", Value(random, files)), "--db", random.Next(4) == 0 ? HostilePath(random, files) : _corpus.Ledger]);
                if (random.Next(2) == 0)
                    args.AddRange(["--scheme", random.Pick("swarm", "jobs", "jobs.llama", "pog", scheme)]);
                AddFormat(random, args);
                break;
            case 6:
                args.AddRange(["slash", "--scheme", random.Pick("swarm", "jobs.llama", "jobs.lama", scheme), "--account", random.Pick("alice", "0xalice", "nobody-at-all", Value(random, files)),
                    random.Pick("--amount", "--epoch"), random.Pick("1", "0.5", "-3", "1e400", "20454", Value(random, files)),
                    "--reason", Value(random, files), "--id", $"fuzz-{random.Next(5)}", "--db", random.Next(4) == 0 ? HostilePath(random, files) : _corpus.Ledger]);
                if (random.Next(2) == 0)
                    args.Add("--allow-new-account");
                break;
            case 7:
            {
                string real = random.Pick("swarm", "jobs", "pog");
                var documents = _corpus.RuleDocuments;
                args.AddRange(["diff", "--scheme", real, "--input", files.Write(string.Join('\n', Lines(random, real)), ".jsonl"),
                    "--rules", files.Write(Mutate(random, random.Pick(documents)), ".json"), "--rules", files.Write(Mutate(random, random.Pick(documents)), ".json")]);
                AddFormat(random, args);
                break;
            }
            case 8:
                args.AddRange(["rules", random.Pick("list", "show")]);
                if (args[1] == "show")
                    args.AddRange(["--id", random.Pick("swarm-points", "jobs-llm", "nope", Value(random, files))]);
                if (random.Next(2) == 0)
                    args.AddRange([random.Pick("--rules", "--gpu-config"), files.Write(Mutate(random, random.Pick(_corpus.RuleDocuments)), random.Pick(".json", ".yaml"))]);
                break;
            case 9:
                args.AddRange(["weights", "--input", random.Next(4) == 0 ? HostilePath(random, files)
                    : files.Write(Mutate(random, "{\"uids\":[0,1,2,3],\"scores\":[1,0.0825,0,0.5]}"), ".json")]);
                if (random.Next(3) == 0)
                    args.AddRange([random.Pick("--burn-uid", "--max-weight"), Value(random, files)]);
                AddFormat(random, args);
                break;
            case 10:
                // --count is never a large valid number: generate would honour it and fill the disk.
                args.AddRange(["generate", "--scheme", random.Pick("swarm", "jobs", "pog", scheme), "--count", random.Pick("0", "3", "-1", "1e3", "9e12", "", "\ud800", "many"),
                    "--seed", random.Pick("1", "-1", "18446744073709551615", Value(random, files)), "--output", random.Next(3) == 0 ? HostilePath(random, files) : Path.Combine(folder, "out.jsonl")]);
                if (random.Next(3) == 0)
                    args.AddRange(["--bad-lines", random.Pick("2", "-2")]);
                break;
            default:
                // Any tokens at all: options of one command given to another, values without options, hostile values.
                args.Add(random.Pick("score", "leaderboard", "entries", "slash", "diff", "rules", "explain", "check", "weights", "generate", "devices", "nope", "--plugin"));
                for (int i = random.Next(6); i > 0; i--)
                    args.Add(random.Next(2) == 0 ? random.Pick("--scheme", "--input", "--db", "--rules", "--format", "--top", "--as-of", "--plugin", "--report", "--id", "--account", "--set", "--device", "--backend") : Value(random, files));
                break;
        }
        return [.. args];
    }

    private static void AddFormat(Random random, List<string> args)
    {
        if (random.Next(2) == 0)
            args.AddRange(["--format", random.Pick("json", "table", "xml")]);
    }

    private string ReportLine(Random random) => random.Pick(random.Pick(_corpus.Reports.Values.ToArray()));

    /// <summary>Report lines of a scheme, some mutated, some of other schemes.</summary>
    private IEnumerable<string> Lines(Random random, string scheme)
    {
        for (int i = random.Next(1, 12); i > 0; i--)
        {
            string line = random.Next(4) == 0 ? ReportLine(random) : random.Pick(_corpus.Reports[scheme]);
            yield return random.Next(3) == 0 ? Mutate(random, line) : line;
        }
    }

    /// <summary>A value from the hostile pool: text that is not text, absurd numbers, paths that cannot be used.</summary>
    private static string Value(Random random, Files files) => random.Next(4) == 0 ? HostilePath(random, files) : random.Pick(
        "", " ", "\ud800", "\udc00x", "a\u0000b", "💥", "-1", "0", "1", "9e12", "1e309", "NaN", "-Infinity", "9223372036854775807", "18446744073709551616",
        "2026-01-01T00:00:00Z", "1767225600", "yesterday", "{", "[]", "{\"type\":\"pog\"}", new string('x', 5000), "jobs.llama", "alice", "=", "--", "a=b=c");

    /// <summary>A path that cannot be used as given: a device, a folder, a path through a file, a server that is not there.</summary>
    private static string HostilePath(Random random, Files files) => random.Pick(
        "/dev/zero", "/dev/null", "/dev/full", files.Folder, Path.Combine(files.Write("x", ".txt"), "x.db"), Path.Combine(files.Folder, "missing", "deeper", "x"),
        "postgres://u:p@127.0.0.1:1/db", "postgres://bad url", "\ud800.db", "");

    /// <summary>Random damage: flipped and invalid UTF-8 bytes, lone surrogate escapes, huge numbers, cuts and repeats.</summary>
    private static string Mutate(Random random, string text)
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(text));
        for (int m = random.Next(1, 4); m > 0; m--)
        {
            int at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(8))
            {
                case 0: if (bytes.Count > 0) bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes.InsertRange(at, random.Pick<byte[]>([0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0])); break;
                case 2: bytes.InsertRange(at, Encoding.UTF8.GetBytes(random.Pick("\\ud800", "\\udfff", "\\u0000", "\"\\ud800\""))); break;
                case 3: bytes.InsertRange(at, Encoding.UTF8.GetBytes(random.Pick("9e12", "1e308", "-1", "NaN", "99999999999999999999", "0.0000001"))); break;
                case 4: if (bytes.Count > 0) bytes.RemoveRange(at, Math.Min(random.Next(1, 40), bytes.Count - at)); break;
                case 5: if (bytes.Count > 0) bytes.InsertRange(at, bytes.GetRange(at, Math.Min(random.Next(1, 60), bytes.Count - at))); break;
                case 6: bytes.RemoveRange(at, bytes.Count - at); break;
                default: bytes.InsertRange(at, Encoding.UTF8.GetBytes(random.Pick("<script>'\"", "{", "}", "[", ",", "\n", "\"type\":\"pog\","))); break;
            }
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }

    /// <summary>Writes a case's files (raw bytes: a mutated string keeps its invalid UTF-8 as U+FFFD, so invalid bytes are added too).</summary>
    private sealed class Files(string folder, Random random)
    {
        private int _count;

        public string Folder => folder;

        public string Write(string content, string extension)
        {
            string path = Path.Combine(folder, $"f{_count++}{extension}");
            byte[] bytes = Encoding.UTF8.GetBytes(content);
            if (random.Next(6) == 0 && bytes.Length > 0)
                bytes[random.Next(bytes.Length)] = random.Pick<byte>(0xFF, 0xC0, 0x80);
            File.WriteAllBytes(path, bytes);
            return path;
        }
    }
}
