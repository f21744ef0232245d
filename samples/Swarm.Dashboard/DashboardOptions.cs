using System.ComponentModel.DataAnnotations;

namespace Swarm.Dashboard;

/// <summary>The dashboard's settings: configuration section <c>Dashboard</c>. The page's settings reload while the host runs.</summary>
public sealed class DashboardOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Dashboard";

    /// <summary>The largest <see cref="MaxBodyBytes"/>: a body is one ledger batch, and a batch holds at most a million reports (a swarm report is more than 64 bytes).</summary>
    public const int MaxBodyBytesLimit = 64 * 1024 * 1024;

    /// <summary>The SQLite file of registered peers, their protected secrets and the admin credential's hash.</summary>
    [Required]
    public string PeersPath { get; set; } = "swarm-peers.db";

    /// <summary>
    /// The folder of the ASP.NET Core Data Protection key ring that encrypts the peers' secrets in <see cref="PeersPath"/>.
    /// Keep it apart from the peers file (and out of its backups): either alone reveals no secret.
    /// </summary>
    [Required]
    public string KeysPath { get; set; } = "swarm-keys";

    /// <summary>
    /// Where the admin credential is written when the server creates it (first start, or <c>rotate-admin-token</c>),
    /// readable by its owner only. The server keeps only its hash: move the file anywhere once read.
    /// </summary>
    [Required]
    public string AdminTokenPath { get; set; } = "swarm-admin.token";

    /// <summary>
    /// How far a node's clock may be from the server's: a signed request whose timestamp is further off is refused
    /// (401), and a report stamped further ahead of the server's clock is rejected.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The largest body one signed request may carry (default 8 MiB, about 50,000 swarm reports); a larger one is refused (413) before it is read.</summary>
    [Range(1024, MaxBodyBytesLimit)]
    public int MaxBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// The bytes of request bodies the server holds at once, read or waiting to be scored (default 64 MiB); a body that
    /// does not fit waits for room. Bounds the memory that bodies cost whatever the number of connections.
    /// </summary>
    [Range(1024, int.MaxValue)]
    public int BodyBufferBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// The most bodies scored in one ledger transaction (default 64; 1 gives every body its own). Bodies that arrive
    /// while a transaction commits wait for the next one and share it (group commit), each still recorded whole or
    /// not at all; a group also holds at most <see cref="MaxBodyBytes"/> of bodies, or the one body that is larger.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxBodiesPerTransaction { get; set; } = 64;

    /// <summary>Signed <c>POST /reports</c> requests one peer may make per second, on average (a token bucket; default 20).</summary>
    [Range(1, 100_000)]
    public int ReportRequestsPerSecond { get; set; } = 20;

    /// <summary>
    /// Requests per minute one client address may make to <c>POST /peers</c>, and to <c>POST /reports</c> without a
    /// valid signature (default 60).
    /// </summary>
    [Range(1, 1_000_000)]
    public int ClientRequestsPerMinute { get; set; } = 60;

    /// <summary>How often the page refreshes, in seconds (5 for a demo; every few minutes in production).</summary>
    [Range(1, 86_400)]
    public int RefreshSeconds { get; set; } = 5;

    /// <summary>How many top accounts the chart draws.</summary>
    [Range(1, 20)]
    public int ChartAccounts { get; set; } = 5;

    /// <summary>How many points in time the chart samples.</summary>
    [Range(2, 200)]
    public int ChartPoints { get; set; } = 24;

    /// <summary>How many rows the page's leaderboard shows.</summary>
    [Range(1, 1000)]
    public int LeaderboardSize { get; set; } = 50;

    /// <summary>An account is online when it reported within this time.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan OnlineTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BodyBufferBytes < MaxBodyBytes)
            yield return new ValidationResult($"must be at least MaxBodyBytes ({MaxBodyBytes}), or a body of the largest size could never be read.", [nameof(BodyBufferBytes)]);
    }
}
