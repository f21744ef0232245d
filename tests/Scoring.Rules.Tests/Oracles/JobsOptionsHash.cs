using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Scoring.Rules.Jobs;

/// <summary>A content hash of the boost-related settings, recorded on boost entries as their rule-set version.</summary>
internal static class JobsOptionsHash
{
    public static string Of(JobsOptions options)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"gpusPerNft={options.GpusPerNft};epochTicks={options.EpochLength.Ticks};origin={options.EpochOrigin:R};");
        foreach (var tier in options.EffectiveNftTiers)
        {
            text.Append(CultureInfo.InvariantCulture, $"nft={tier.Threshold:R}->{tier.Multiplier:R};");
        }
        foreach (var tier in options.EffectiveStakeTiers)
        {
            text.Append(CultureInfo.InvariantCulture, $"stake={tier.Threshold:R}->{tier.Multiplier:R};");
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
