namespace Scoring.Rules.Jobs;

/// <summary>The two separate point currencies of the jobs scheme.</summary>
public enum JobCurrency
{
    /// <summary>Llama points, earned by LLM jobs.</summary>
    Llama,

    /// <summary>Waifu points, earned by image jobs.</summary>
    Waifu,
}
