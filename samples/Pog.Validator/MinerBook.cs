using System.Text;
using Scoring.Reports;
using Scoring.Rules.ProofOfGpu;

namespace Pog.Validator;

/// <summary>The latest result of each miner, per source (local and external): what the next weight set is computed from.</summary>
public sealed class MinerBook
{
    private readonly SortedDictionary<(int Uid, MinerResultSource Source), MinerResult> _latest = new();

    /// <summary>How many (miner, source) results are held.</summary>
    public int Count => _latest.Count;

    /// <summary>Records one JSON line (a <c>pog</c> report); returns why it was rejected, or null.</summary>
    public string? Add(string line)
    {
        var decoded = ReportDecoder.DecodeLine(Encoding.UTF8.GetBytes(line), 1);
        if (decoded.Error is { } error)
            return $"{error.Field}: {error.Reason}";
        if (decoded.Report is not ProofOfGpuReport report)
            return $"$.type: a {decoded.Report!.Kind} report is not a Proof-of-GPU result";
        var source = report.Source == ProofOfGpuSource.External ? MinerResultSource.External : MinerResultSource.Local;
        _latest[(report.Uid, source)] = new MinerResult(report.Uid, report.Hotkey, report.GpuName, report.GpuCount,
            report.Queryable, report.Penalized, report.Allocated, source, report.Score);
        return null;
    }

    /// <summary>The results held, by uid then source.</summary>
    public IReadOnlyList<MinerResult> Results => _latest.Values.ToArray();
}
