namespace Scoring.Rules.Tests.Oracles;

/// <summary>The multiplier and hardware minimum of one image category or LLM model.</summary>
public sealed class JobModelOptions
{
    /// <summary>Multiplies the job's base amount; 0 disables the category or model (its jobs earn 0).</summary>
    public double Multiplier { get; set; } = 1;

    /// <summary>The least GPU memory, in GB, a GPU must have for its jobs to earn.</summary>
    public double MinVramGb { get; set; }

    /// <summary>Creates an entry.</summary>
    public static JobModelOptions Of(double multiplier, double minVramGb) => new() { Multiplier = multiplier, MinVramGb = minVramGb };
}
