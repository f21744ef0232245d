using Microsoft.Extensions.Options;
using Scoring.Evaluation.Binding;
using Scoring.Reports;
using Scoring.RuleSets;
using Scoring.Schemes;

namespace Scoring.Rules.Jobs;

/// <summary>
/// The inference network's jobs scheme: <c>image</c> jobs earn Waifu points (currency <c>jobs.waifu</c>) and <c>llm</c>
/// jobs Llama points (<c>jobs.llama</c>) by the rule sets <c>jobs-image</c> and <c>jobs-llm</c>; when an epoch closes,
/// each wallet's GPUs get NFT and stake boosts by the rule set <c>jobs-boosts</c>, each boost its own entry. The
/// epoch's per-GPU earnings are durable state in the ledger. Semantics and defaults: docs/schemes.md.
/// </summary>
public sealed class JobsScheme : PointsScheme
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "jobs";

    /// <summary>The currency of Waifu points (image jobs and their boosts).</summary>
    public const string WaifuCurrency = "jobs.waifu";

    /// <summary>The currency of Llama points (LLM jobs and their boosts).</summary>
    public const string LlamaCurrency = "jobs.llama";

    /// <summary>The posting kind of a job's points.</summary>
    public const string JobKind = "job";

    /// <summary>The posting kind of a boost.</summary>
    public const string BoostKind = "boost";

    /// <summary>The per-job rule set of image jobs.</summary>
    public const string ImageRuleSetId = "jobs-image";

    /// <summary>The per-job rule set of LLM jobs.</summary>
    public const string LlmRuleSetId = "jobs-llm";

    /// <summary>The boosts rule set.</summary>
    public const string BoostsRuleSetId = "jobs-boosts";

    private static readonly IReadOnlyList<RuleSet> BuiltIn = EmbeddedRuleSets.Load(typeof(JobsScheme).Assembly, "Scoring.Rules.Jobs.");

    /// <summary>Creates the scheme.</summary>
    /// <param name="options">Epochs and grace (validated); <see cref="JobsOptions.HoldingsPath"/> is read when <paramref name="holdings"/> is null.</param>
    /// <param name="holdings">The wallet holdings; overrides <see cref="JobsOptions.HoldingsPath"/>.</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    /// <exception cref="InvalidDataException">The holdings file has bad lines; the message lists them.</exception>
    public JobsScheme(JobsOptions? options = null, WalletSnapshot? holdings = null)
    {
        Options = options ?? new JobsOptions();
        JobsOptionsValidator.ThrowIfInvalid(Options);
        Epochs = new JobEpochs(Options);
        Holdings = holdings ?? (Options.HoldingsPath is { } path ? WalletSnapshotReader.ReadFile(path) : WalletSnapshot.Empty);
    }

    /// <summary>Creates the scheme from bound options (DI); a registered <see cref="WalletSnapshot"/> wins over the holdings file.</summary>
    public JobsScheme(IOptions<JobsOptions> options, WalletSnapshot? holdings = null)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value, holdings)
    {
    }

    /// <summary>The options.</summary>
    public JobsOptions Options { get; }

    /// <summary>The epoch clock.</summary>
    public JobEpochs Epochs { get; }

    /// <summary>What each wallet held in each epoch.</summary>
    public WalletSnapshot Holdings { get; }

    /// <inheritdoc />
    public override string Name => SchemeName;

    /// <inheritdoc />
    public override string Description => "Inference jobs: Waifu points for image jobs, Llama points for LLM jobs, NFT and stake boosts per epoch.";

    /// <inheritdoc />
    public override string? ConfigurationSection => "Scoring:" + JobsOptions.SectionName;

    /// <inheritdoc />
    public override IReadOnlyList<ReportType> ReportTypes { get; } = [ImageJobReportType.Instance, LlmJobReportType.Instance];

    /// <inheritdoc />
    public override IReadOnlyList<RuleSet> RuleSets => BuiltIn;

    /// <inheritdoc />
    public override IReadOnlyList<Currency> Currencies { get; } =
    [
        new Currency(LlamaCurrency, "Llama points", [JobKind, BoostKind]),
        new Currency(WaifuCurrency, "Waifu points", [JobKind, BoostKind]),
    ];

    /// <inheritdoc />
    public override string CurrencyOf(ReportType type) => type == LlmJobReportType.Instance ? LlamaCurrency : WaifuCurrency;

    /// <inheritdoc />
    public override SchemeScorer CreateScorer(SchemeContext context) => new JobsScorer(this, context);

    /// <summary>Explains a job with the per-job rule set in force at its time (its boosts depend on the epoch's other jobs).</summary>
    public override IReadOnlyList<SchemeExplanation> Explain(Report report, SchemeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string id = report switch
        {
            ImageJobReport => ImageRuleSetId,
            LlmJobReport => LlmRuleSetId,
            _ => throw new ArgumentException($"The jobs scheme explains \"image\" and \"llm\" reports, not \"{report?.Type}\".", nameof(report)),
        };
        using var evaluator = new VersionedRuleEvaluator<Report>(context.RuleSets, id, report.ReportType.Fields, $"\"{report.Type}\" reports", [], context.Evaluators);
        var trace = evaluator.Explain(report, report.Time!.Value);
        return [new SchemeExplanation(id, trace, trace is null ? $"no version of rule set '{id}' is in force at {report.Time:O}" : null)];
    }

    /// <summary>The currency of <paramref name="currency"/>.</summary>
    internal static string CurrencyName(JobCurrency currency) => currency == JobCurrency.Llama ? LlamaCurrency : WaifuCurrency;
}
