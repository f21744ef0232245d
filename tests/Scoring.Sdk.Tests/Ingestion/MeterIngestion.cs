using System.Text;
using Microsoft.Extensions.Options;
using Scoring.Evaluation;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.RuleSets;
using Scoring.Schemes;
using Scoring.Sdk.Tests.Reports;
using Scoring.Sdk.Tests.Schemes;

namespace Scoring.Sdk.Tests.Ingestion;

/// <summary>The pipeline tests' fixture: the test-only meter scheme, its lines, a pipeline and a scorer.</summary>
internal static class MeterIngestion
{
    public const double T0 = 1_767_225_600; // 2026-01-01T00:00:00Z

    public static readonly MeterScheme Scheme = new();
    public static readonly SchemeRegistry Registry = new([Scheme]);
    public static readonly ReportDecoder MeterDecoder = new([MeterReadingType.Instance, MeterAlarmType.Instance]);

    /// <summary>A meter reading <c>r{i}</c> of meter <c>m{i % 3}</c> (or <paramref name="meter"/>), 30 s after the previous.</summary>
    public static string Line(int i, string account, double kwh, string? meter = null, double? timestamp = null) =>
        $"{{\"type\":\"meter\",\"id\":\"r{i}\",\"meterId\":\"{meter ?? "m" + (i % 3)}\",\"account\":\"{account}\",\"kwh\":{kwh:R},\"pulses\":{i},\"timestamp\":{timestamp ?? T0 + i * 30:R}}}";

    public static MemoryStream Input(params IEnumerable<string> lines) => new(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));

    public static ReportIngestion Pipeline(int batchSize = 1000) => new(Options.Create(new IngestionOptions { BatchSize = batchSize }));

    public static MeterScorer Scorer(params RuleSet[] overrides) =>
        (MeterScorer)Scheme.CreateScorer(new SchemeContext(Registry.CreateRuleSets(overrides.Select(r => RuleSetCompiler.CompileOrThrow(r)))));

    /// <summary>An account's meter total in units.</summary>
    public static async Task<long> Units(ILedgerStore ledger, string account) =>
        (await ledger.GetAccountTotalsAsync(account, scheme: MeterScheme.SchemeName))?.Total.Units ?? 0;
}
