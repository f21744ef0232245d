using System.Text;
using Microsoft.Extensions.DependencyInjection;   // AddScoring (Scoring.Sdk), GetRequiredService
using Microsoft.Extensions.Hosting;
using Scoring;                                     // AddBuiltInSchemes, AddSwarm, AddJobs, AddProofOfGpu (Scoring.Rules)
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Schemes;

namespace PackageConsumer.Guide;

/// <summary>The same scoring through a host's dependency injection: configuration, logging, validation included.</summary>
public static class ScoreReportsWithHost
{
    public static async Task<Leaderboard> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddScoring(scoring => scoring
            .UseInMemoryLedger()      // else Scoring:Ledger from configuration (default: SQLite file scoring-ledger.db, package Scoring.Ledger.Sqlite)
            .AddBuiltInSchemes());    // swarm, jobs and pog, their options bound from Scoring:Swarm and Scoring:Jobs
        using var host = builder.Build();
        await host.StartAsync();      // validates every Scoring section; a bad value stops here, naming its key

        var registry = host.Services.GetRequiredService<SchemeRegistry>();
        var swarm = (PointsScheme)registry.Get("swarm");
        using var scorer = swarm.CreateScorer(host.Services.GetRequiredService<SchemeContext>());
        var ledger = host.Services.GetRequiredService<ILedgerStore>();
        var ingestion = host.Services.GetRequiredService<ReportIngestion>();

        const string Reports = """
            {"type":"swarm","id":"a1","peerId":"p-a","account":"alice","timestamp":1767225600,"flopsSinceLast":3e15}
            {"type":"swarm","id":"b1","peerId":"p-b","account":"bob","timestamp":1767225630,"flopsSinceLast":7e15}
            {"type":"swarm","id":"a2","peerId":"p-a","account":"alice","timestamp":1767225660,"flopsSinceLast":2e15}
            """;
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(Reports));
        await ingestion.RunAsync(input, registry.Decoder, scorer, ledger);
        var board = await ledger.GetLeaderboardAsync(new LeaderboardQuery { Scheme = "swarm" });

        await host.StopAsync();
        return board;
    }
}
