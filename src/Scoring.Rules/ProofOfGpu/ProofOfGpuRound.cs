using System.Globalization;
using System.Text.Json;
using Scoring.Ingestion;
using Scoring.Schemes;

namespace Scoring.Rules.ProofOfGpu;

/// <summary>
/// The scores of one Proof-of-GPU round: one entry per miner in ascending uid order, and what happened. Its text form
/// follows the SN27 validator's "MINER STATS SUMMARY" log: a 190-wide ruled block with one
/// <c>| UID: … | Hotkey: … | GPU: … | Score: … |</c> row per miner (score on the validator's 0–100 display scale).
/// </summary>
/// <param name="miners">The miners' scores, ascending by uid, one per uid.</param>
/// <param name="diagnostics">Counts, unknown GPU names and miners the rule set could not score.</param>
public sealed class ProofOfGpuRound(IReadOnlyList<MinerScore> miners, ProofOfGpuDiagnostics diagnostics) : WeightsRound
{
    private const int Width = 190;

    /// <summary>The miners' scores, ascending by uid.</summary>
    public IReadOnlyList<MinerScore> Miners { get; } = miners;

    /// <summary>Counts, unknown GPU names and problems.</summary>
    public ProofOfGpuDiagnostics Diagnostics { get; } = diagnostics;

    /// <inheritdoc />
    public override IReadOnlyList<int> Uids => Miners.Select(m => m.Uid).ToArray();

    /// <inheritdoc />
    public override IReadOnlyList<double> Scores => Miners.Select(m => m.Score).ToArray();

    /// <inheritdoc />
    public override void WriteRows(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        string rule = new('-', Width);
        output.WriteLine(rule);
        output.WriteLine(Center("MINER STATS SUMMARY"));
        output.WriteLine(rule);
        foreach (var miner in Miners)
            output.WriteLine(Row(miner));
        output.WriteLine(rule);
    }

    /// <inheritdoc />
    public override void WriteSummary(TextWriter output, IReadOnlyList<ReportRejection> badLines)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(badLines);
        string rule = new('-', Width);
        var d = Diagnostics;
        output.WriteLine(Center("ROUND"));
        output.WriteLine(rule);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| Results: {d.ResultCount,-6} | Miners: {d.MinerCount,-6} | Local: {d.LocalCount,-6} | External: {d.ExternalCount,-6} | Superseded: {d.SupersededCount,-6} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| Penalized: {d.PenalizedCount,-6} | Not queryable: {d.NotQueryableCount,-6} | Rejected: {d.RejectedCount,-6} | Bad lines: {badLines.Count,-6} |"));
        foreach (var (name, count) in d.UnknownGpuNames)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Unknown GPU: {name,-45} | Miners: {count,-6} |"));
        foreach (string rejection in d.Rejections)
            output.WriteLine($"| Rejected: {rejection}");
        foreach (var bad in badLines)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Bad line: line {bad.Line}, {bad.Field}: {bad.Reason}"));
        output.WriteLine(rule);
    }

    /// <inheritdoc />
    public override void WriteRowsJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        foreach (var miner in Miners)
        {
            writer.WriteStartObject();
            // Most telling first: a table too narrow for every field keeps the first ones (WeightsRound.WriteRowsJson).
            writer.WriteNumber("uid", miner.Uid);
            writer.WriteNumber("score", miner.Score);
            writer.WriteString("status", StatusText(miner.Status));
            writer.WriteNumber("gpuCount", miner.GpuCount);
            writer.WriteString("gpuName", miner.GpuName);
            writer.WriteString("hotkey", miner.Hotkey);
            writer.WriteString("source", ProofOfGpuReportType.SourceName(miner.Source));
            writer.WriteBoolean("allocated", miner.Allocated);
            writer.WriteString("reason", miner.Reason);
            writer.WriteString("ruleSet", miner.RuleSet);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    /// <inheritdoc />
    public override void WriteSummaryJson(Utf8JsonWriter writer, IReadOnlyList<ReportRejection> badLines)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(badLines);
        var d = Diagnostics;
        writer.WriteStartObject();
        writer.WriteNumber("results", d.ResultCount);
        writer.WriteNumber("miners", d.MinerCount);
        writer.WriteNumber("local", d.LocalCount);
        writer.WriteNumber("external", d.ExternalCount);
        writer.WriteNumber("superseded", d.SupersededCount);
        writer.WriteNumber("penalized", d.PenalizedCount);
        writer.WriteNumber("notQueryable", d.NotQueryableCount);
        writer.WriteNumber("rejected", d.RejectedCount);
        writer.WriteNumber("badLines", badLines.Count);
        writer.WriteStartObject("unknownGpus");
        foreach (var (name, count) in d.UnknownGpuNames)
            writer.WriteNumber(name, count);
        writer.WriteEndObject();
        writer.WriteStartArray("rejections");
        foreach (string rejection in d.Rejections)
            writer.WriteStringValue(rejection);
        writer.WriteEndArray();
        writer.WriteStartArray("badLineErrors");
        foreach (var bad in badLines)
            writer.WriteStringValue(string.Create(CultureInfo.InvariantCulture, $"line {bad.Line}, {bad.Field}: {bad.Reason}"));
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>One miner row: <c>| UID: 12   | Hotkey: 5F… | GPU: 8 x NVIDIA H100 | Score: 70.00   | Allocated: no    | Source: Local     | Status: scored        |</c>.</summary>
    public static string Row(MinerScore miner)
    {
        ArgumentNullException.ThrowIfNull(miner);
        string gpu = miner.GpuCount == 0 ? "No GPUs" : string.Create(CultureInfo.InvariantCulture, $"{miner.GpuCount} x {miner.GpuName}");
        string score = (miner.Score * 100).ToString("F2", CultureInfo.InvariantCulture);
        string allocated = miner.Allocated ? "yes" : "no";
        string source = miner.Source == ProofOfGpuSource.Local ? "Local" : "External";
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

    // Python's str.center: with an even width (190) an odd padding leaves the extra space on the right.
    private static string Center(string text)
    {
        int padding = Width - text.Length;
        int left = padding / 2;
        return new string(' ', left) + text + new string(' ', padding - left);
    }
}
