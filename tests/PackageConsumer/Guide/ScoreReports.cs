using System.Text;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Rules.Swarm;
using Scoring.Schemes;

namespace PackageConsumer.Guide;

/// <summary>Scores reports, reads the leaderboard and explains an entry, without dependency injection.</summary>
public static class ScoreReports
{
    public static async Task<Leaderboard> RunAsync(TextWriter output)
    {
        // The schemes to score with and the rule sets in force (their built-in versions; pass documents to override).
        var registry = new SchemeRegistry([new SwarmScheme()]);
        var context = new SchemeContext(registry.CreateRuleSets());
        var swarm = (PointsScheme)registry.Get("swarm");
        using var scorer = swarm.CreateScorer(context);

        // A ledger in memory; SqliteLedgerStore.OpenAsync(new SqliteLedgerOptions { Path = "scores.db" }) keeps it on disk.
        await using var ledger = new InMemoryLedgerStore();

        const string Reports = """
            {"type":"swarm","id":"a1","peerId":"p-a","account":"alice","timestamp":1767225600,"flopsSinceLast":3e15}
            {"type":"swarm","id":"b1","peerId":"p-b","account":"bob","timestamp":1767225630,"flopsSinceLast":7e15}
            {"type":"swarm","id":"a2","peerId":"p-a","account":"alice","timestamp":1767225660,"flopsSinceLast":2e15}
            {"type":"swarm","id":"a2","peerId":"p-a","account":"alice","timestamp":1767225660,"flopsSinceLast":2e15}
            {"type":"swarm","id":"c1","account":"carol","timestamp":1767225700,"flopsSinceLast":1e15}
            """;
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(Reports));
        var rejects = new List<ReportRejection>();
        var summary = await new ReportIngestion().RunAsync(input, registry.Decoder, scorer, ledger, new RejectList(rejects));
        output.WriteLine($"{summary.Read} lines: {summary.Scored} scored, {summary.Duplicates} duplicate, {summary.Rejected} rejected");
        foreach (var rejection in rejects)
            output.WriteLine($"  line {rejection.Line}: {rejection.Field}: {rejection.Reason}");

        // The leaderboard: ranked accounts with their score split by posting kind.
        var board = await ledger.GetLeaderboardAsync(new LeaderboardQuery { Scheme = "swarm", Top = 10 });
        foreach (var row in board.Rows)
            output.WriteLine($"{row.Rank}. {row.Account}: {row.Score} points ({string.Join(", ", row.Parts.Select(p => $"{p.Key} {p.Value}"))})");

        // Explain an entry: the ledger says which rule-set version paid it; the scheme replays the report's rules.
        await foreach (var entry in ledger.ListEntriesAsync(new EntryQuery { Account = "alice", ReportId = "a2" }))
            output.WriteLine($"entry {entry.Sequence}: {entry.Kind} {entry.Amount} by {entry.RuleSetId} ({entry.RuleSetHash[..12]})");
        var report = registry.Decoder.DecodeLine(Encoding.UTF8.GetBytes(Reports.Split('\n')[2]), 1).Report!;
        foreach (var explanation in swarm.Explain(report, context))
        {
            foreach (var rule in explanation.Trace?.Rules ?? [])
                output.WriteLine($"  {rule.Name}: {string.Join(", ", rule.Assignments.Select(a => $"{a.Variable} = {a.Expression} = {a.Value}"))}");
            if (explanation.Note is not null)
                output.WriteLine($"  note: {explanation.Note}");
        }
        return board;
    }

    /// <summary>Collects the refused lines (<see cref="RejectsFile"/> writes them to a JSON Lines file instead).</summary>
    private sealed class RejectList(List<ReportRejection> rejections) : IRejectSink
    {
        public void Write(ReportRejection rejection) => rejections.Add(rejection);

        public void Flush()
        {
        }
    }
}
