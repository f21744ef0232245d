using System.Globalization;
using Scoring.Rules.ProofOfGpu;
using Scoring.Weights;

namespace Scoring.Cli.Commands;

/// <summary>
/// The fixed-width text of a Proof-of-GPU round, in the style of the SN27 validator's "MINER STATS SUMMARY" log:
/// a 190-wide ruled block with one <c>| UID: … | Hotkey: … | GPU: … | Score: … |</c> row per miner (score on the
/// validator's 0–100 display scale, two decimals), then the weights and the round's counts.
/// </summary>
internal static class ProofOfGpuSummary
{
    private const int Width = 190;

    /// <summary>Writes the per-miner table, the weights (if any) and the stats summary.</summary>
    public static void Write(TextWriter output, ProofOfGpuRound round, SubnetWeights? weights, IReadOnlyList<string> lineErrors)
    {
        string rule = new('-', Width);
        output.WriteLine(rule);
        output.WriteLine(Center("MINER STATS SUMMARY"));
        output.WriteLine(rule);
        foreach (var miner in round.Miners)
        {
            output.WriteLine(Row(miner));
        }
        output.WriteLine(rule);

        if (weights is not null)
        {
            WeightsCommand.WriteTable(weights, output);
            output.WriteLine(rule);
        }

        var d = round.Diagnostics;
        output.WriteLine(Center("ROUND"));
        output.WriteLine(rule);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| Results: {d.ResultCount,-6} | Miners: {d.MinerCount,-6} | Local: {d.LocalCount,-6} | External: {d.ExternalCount,-6} | Superseded: {d.SupersededCount,-6} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| Penalized: {d.PenalizedCount,-6} | Not queryable: {d.NotQueryableCount,-6} | Rejected: {d.RejectedCount,-6} | Bad lines: {lineErrors.Count,-6} |"));
        foreach (var (name, count) in d.UnknownGpuNames)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Unknown GPU: {name,-45} | Miners: {count,-6} |"));
        }
        foreach (string rejection in d.Rejections)
        {
            output.WriteLine($"| Rejected: {rejection}");
        }
        foreach (string lineError in lineErrors)
        {
            output.WriteLine($"| Bad line: {lineError}");
        }
        output.WriteLine(rule);
    }

    /// <summary>One miner row: <c>| UID: 12   | Hotkey: 5F… | GPU: 8 x NVIDIA H100 | Score: 70.00   | Allocated: no    | Source: Local     | Status: scored        |</c>.</summary>
    public static string Row(MinerScore miner)
    {
        string gpu = miner.GpuName is null
            ? "N/A"
            : miner.GpuCount == 0 ? "No GPUs" : $"{FormatCount(miner.GpuCount)} x {miner.GpuName}";
        string score = (miner.Score * 100).ToString("F2", CultureInfo.InvariantCulture);
        string allocated = miner.Allocated ? "yes" : "no";
        string source = miner.Source == MinerResultSource.Local ? "Local" : "External";
        return string.Create(CultureInfo.InvariantCulture,
            $"| UID: {miner.Uid,-4} | Hotkey: {miner.Hotkey,-45} | GPU: {gpu,-36} | Score: {score,-7} | Allocated: {allocated,-5} | Source: {source,-9} | Status: {StatusText(miner.Status),-13} |");
    }

    /// <summary>The status as written in tables and JSON.</summary>
    public static string StatusText(MinerStatus status) => status switch
    {
        MinerStatus.Scored => "scored",
        MinerStatus.UnknownGpu => "unknown-gpu",
        MinerStatus.Penalized => "penalized",
        MinerStatus.NotQueryable => "not-queryable",
        _ => "rejected",
    };

    private static string FormatCount(double count) => count.ToString("R", CultureInfo.InvariantCulture);

    // Python's str.center: with an even width (190) an odd padding leaves the extra space on the right.
    private static string Center(string text)
    {
        int padding = Width - text.Length;
        int left = padding / 2;
        return new string(' ', left) + text + new string(' ', padding - left);
    }
}
