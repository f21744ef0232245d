using System.Text;
using Scoring.Ingestion;
using Scoring.Reports;
using Scoring.Rules.ProofOfGpu;

namespace Pog.Validator;

/// <summary>
/// The latest result of each miner, per source (local and external): what the next weight set is computed from. A
/// newer result of the same uid and source replaces the older one; which source counts is the scheme's decision.
/// </summary>
/// <param name="decoder">The decoder of the registered report types.</param>
public sealed class MinerBook(ReportDecoder decoder)
{
    private readonly SortedDictionary<(int Uid, ProofOfGpuSource Source), ProofOfGpuReport> _latest = new();

    /// <summary>How many (miner, source) results are held.</summary>
    public int Count => _latest.Count;

    /// <summary>Records one JSON line (a <c>pog</c> report); returns why it was rejected, or null.</summary>
    public string? Add(string line)
    {
        var decoded = decoder.DecodeLine(Encoding.UTF8.GetBytes(line), 1);
        if (decoded.Error is { } error)
            return $"{error.Field}: {error.Reason}";
        if (decoded.Report is not ProofOfGpuReport report)
            return $"$.type: a \"{decoded.Report!.Type}\" report is not a Proof-of-GPU result";
        _latest[(report.Uid, report.Source)] = report;
        return null;
    }

    /// <summary>The results held, by uid then source, as the scheme's round input.</summary>
    public IReadOnlyList<ReportInput> Reports => _latest.Values.Select((report, index) => new ReportInput(index + 1, report)).ToArray();
}
