namespace Scoring.Ledger;

/// <summary>Whether an account had activity recently, as of the leaderboard's time.</summary>
public enum AccountStatus
{
    /// <summary>No activity entry within the online timeout before the query time.</summary>
    Offline = 0,

    /// <summary>An activity entry within the online timeout before the query time.</summary>
    Online = 1,
}
