namespace Scoring.Cli.Commands;

/// <summary>The input document of <c>scoring weights</c>.</summary>
internal sealed class WeightsInput
{
    /// <summary>The uids, one per score.</summary>
    public int[]? Uids { get; set; }

    /// <summary>The scores, one per uid.</summary>
    public double[]? Scores { get; set; }
}
