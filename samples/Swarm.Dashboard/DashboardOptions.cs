using System.ComponentModel.DataAnnotations;

namespace Swarm.Dashboard;

/// <summary>The dashboard's settings: configuration section <c>Dashboard</c>. Reloaded while the host runs.</summary>
public sealed class DashboardOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Dashboard";

    /// <summary>The SQLite file of registered peers and their secrets.</summary>
    [Required]
    public string PeersPath { get; set; } = "swarm-peers.db";

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

    /// <summary>
    /// When set, <c>POST /peers</c> requires <c>Authorization: Bearer &lt;AdminToken&gt;</c>; when empty, only
    /// loopback clients may register peers.
    /// </summary>
    public string? AdminToken { get; set; }
}
