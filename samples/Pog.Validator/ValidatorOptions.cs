using System.ComponentModel.DataAnnotations;

namespace Pog.Validator;

/// <summary>The validator worker's settings: configuration section <c>Validator</c>.</summary>
public sealed class ValidatorOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Validator";

    /// <summary>
    /// The folder whose <c>*.jsonl</c> files are read as they grow (relative to the content root; default
    /// <c>pog-results</c>, as in the shipped appsettings.json); empty reads standard input instead.
    /// </summary>
    public string? InputFolder { get; set; } = "pog-results";

    /// <summary>The simulated chain's block time (12 s on Bittensor).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan BlockTime { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>Weights are set at most once per this many blocks (<c>weights_rate_limit</c>).</summary>
    [Range(0, 1_000_000)]
    public long RateLimit { get; set; } = 100;

    /// <summary>Burn mode: when set, all weight goes to this uid.</summary>
    [Range(0, 65_535)]
    public int? BurnUid { get; set; }

    /// <summary>The subnet's max weight limit (0–1], if any.</summary>
    [Range(double.Epsilon, 1.0)]
    public double? MaxWeight { get; set; }

    /// <summary>A JSON Lines file each weight set is appended to (relative to the content root; default <c>weights.jsonl</c>; empty: print only).</summary>
    public string? OutputPath { get; set; } = "weights.jsonl";

    /// <summary>
    /// The SN27 validator's <c>config.yaml</c> (its <c>gpu_performance.gpu_scores</c> table), or a JSON file of
    /// <c>gpuScores</c>/<c>allocationMultiplier</c>/<c>maxGpus</c>: replaces the built-in GPU score table of the
    /// <c>pog-score</c> rule set (relative to the content root; empty: the built-in table).
    /// </summary>
    public string? GpuConfig { get; set; }
}
