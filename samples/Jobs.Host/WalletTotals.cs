using Scoring;

namespace Jobs.Host;

/// <summary>One wallet's points in one epoch, per currency: job points and boost points.</summary>
public sealed class WalletTotals(string wallet)
{
    /// <summary>The wallet.</summary>
    public string Wallet { get; } = wallet;

    /// <summary>Llama points for LLM jobs.</summary>
    public Points Llama { get; set; }

    /// <summary>Extra Llama points from NFT and stake boosts.</summary>
    public Points LlamaBoost { get; set; }

    /// <summary>Waifu points for image jobs.</summary>
    public Points Waifu { get; set; }

    /// <summary>Extra Waifu points from boosts.</summary>
    public Points WaifuBoost { get; set; }

    /// <summary>Jobs counted (including zero-point jobs).</summary>
    public long Jobs { get; set; }
}
