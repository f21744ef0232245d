using System.ComponentModel.DataAnnotations;

namespace Jobs.Host;

/// <summary>The jobs host's settings: configuration section <c>JobsHost</c>. The holdings snapshot is the scheme's, <c>Scoring:Jobs:HoldingsPath</c>.</summary>
public sealed class JobsHostOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "JobsHost";

    /// <summary>The jobs JSON Lines file to tail (image and llm reports, <c>docs/formats.md</c>); relative to the content root.</summary>
    [Required]
    public string JobsPath { get; set; } = "jobs.jsonl";

    /// <summary>How often the file is checked for new lines.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows per currency in each epoch's leaderboard.</summary>
    [Range(1, 10_000)]
    public int Top { get; set; } = 10;

    /// <summary>
    /// Whether stopping the host settles the jobs scheme (default true): every open epoch closes, its boosts are recorded
    /// and its leaderboard printed, and later jobs of those epochs are late. False leaves them open for the next start
    /// (a restart in the middle of an epoch).
    /// </summary>
    public bool SettleOnStop { get; set; } = true;
}
