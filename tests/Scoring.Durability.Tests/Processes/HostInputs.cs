using Microsoft.Data.Sqlite;
using Scoring.Durability.Host;
using Scoring.Durability.Tests.Harness;
using Scoring.Durability.Tests.Streams;
using Scoring.Reports;

namespace Scoring.Durability.Tests.Processes;

/// <summary>The inputs the child processes score, generated with the same options as their schemes (<see cref="DurabilitySchemes"/>).</summary>
internal static class HostInputs
{
    public static readonly TimeSpan ProcessLimit = TimeSpan.FromSeconds(90);

    /// <summary>The harness of the child's scheme, for the reference runs.</summary>
    public static SchemeHarness Harness(string scheme) => new(DurabilitySchemes.Named(scheme));

    /// <summary>A large realistic stream of <paramref name="scheme"/> in arrival order (about 1,000–3,000 lines).</summary>
    public static List<Report> Generate(string scheme, Random random, int scale = 30) => scheme switch
    {
        // The child's swarm options: a 30-second reorder window (the cap change does not shape the stream).
        "swarm" => [.. SwarmStreams.Generate(random, new SwarmSetup(2, null, 30, null), accounts: scale, maxSteps: 40)],
        // The child's jobs options: 10-minute epochs, 1-minute grace.
        "jobs" => JobsStreams.Generate(random, new JobsSetup(10, 60, [], null), wallets: scale / 2, jobsPerGpu: 60),
        _ => throw new ArgumentException($"unknown scheme {scheme}", nameof(scheme)),
    };

    /// <summary>Fails unless SQLite finds the file intact.</summary>
    public static void AssertIntact(string db)
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", check.ExecuteScalar());
    }
}
