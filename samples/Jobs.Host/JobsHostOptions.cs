using System.ComponentModel.DataAnnotations;

namespace Jobs.Host;

/// <summary>The jobs host's settings: configuration section <c>JobsHost</c>.</summary>
public sealed class JobsHostOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "JobsHost";

    /// <summary>The jobs JSON Lines file to tail (image and llm reports, <c>docs/formats.md</c>).</summary>
    [Required]
    public string JobsPath { get; set; } = "jobs.jsonl";

    /// <summary>The wallet holdings snapshot (JSON Lines <c>{"epoch","wallet","nfts","stake"}</c>); none: no boosts above ×1.</summary>
    public string? HoldingsPath { get; set; }

    /// <summary>How often the file is checked for new lines.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows per currency in each epoch's leaderboard.</summary>
    [Range(1, 10_000)]
    public int Top { get; set; } = 10;
}
