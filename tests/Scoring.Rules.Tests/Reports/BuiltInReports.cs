using System.Text;
using Scoring.Reports;
using Scoring.Rules.Jobs;
using Scoring.Rules.ProofOfGpu;
using Scoring.Rules.Swarm;
using Scoring.Schemes;

namespace Scoring.Rules.Tests.Reports;

/// <summary>The built-in report types as a host sees them: one decoder over every type of the registered built-in schemes.</summary>
internal static class BuiltInReports
{
    /// <summary>The registry of the three built-in schemes, in <c>AddBuiltInSchemes()</c> order.</summary>
    public static SchemeRegistry Registry { get; } = new([new SwarmScheme(), new JobsScheme(), new ProofOfGpuScheme()]);

    /// <summary>The decoder of <c>swarm</c>, <c>image</c>, <c>llm</c> and <c>pog</c>.</summary>
    public static ReportDecoder Decoder => Registry.Decoder;

    /// <summary>Decodes one line.</summary>
    public static DecodedLine Decode(string line, long lineNumber = 1) => Decoder.DecodeLine(Encoding.UTF8.GetBytes(line), lineNumber);

    /// <summary>A report's JSON object text, as its type writes it.</summary>
    public static string ToJson(Report report) => report.ReportType.ToJson(report);
}
