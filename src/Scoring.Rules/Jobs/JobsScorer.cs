using System.Globalization;
using Scoring.Evaluation;
using Scoring.Evaluation.Batch;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.RuleSets;

namespace Scoring.Rules.Jobs;

/// <summary>
/// The jobs scheme's ingestion step. Image jobs earn Waifu points and LLM jobs Llama points — two currencies, recorded
/// under the schemes <see cref="WaifuScheme"/> and <see cref="LlamaScheme"/> so each has its own leaderboard — by the
/// rule sets <see cref="JobsRuleSets.ImageId"/> and <see cref="JobsRuleSets.LlmId"/> in force at each job's time.
/// At the end of a run, every epoch seen gets its NFT and stake boosts (<see cref="JobBoosts"/>), each its own entry.
/// </summary>
/// <remarks>
/// Boosts are computed from the base points of the jobs in the run, per wallet and epoch, and keyed by epoch, wallet
/// and miner, so running the same input again adds nothing. Feed an epoch's jobs in one run (or after it closes): a
/// boost, once recorded, is final, and a later run's boost for the same key is a duplicate.
/// </remarks>
public sealed class JobsScorer : IReportScorer
{
    /// <summary>The ledger scheme of Waifu points (image jobs and their boosts).</summary>
    public const string WaifuScheme = "jobs.waifu";

    /// <summary>The ledger scheme of Llama points (LLM jobs and their boosts).</summary>
    public const string LlamaScheme = "jobs.llama";

    /// <summary>The rule-set id recorded on boost entries.</summary>
    public const string BoostRuleSetId = "jobs-boosts";

    private readonly VersionedRuleEvaluator _image;
    private readonly VersionedRuleEvaluator _llm;
    private readonly JobBoosts _boosts;
    private readonly JobEpochs _epochs;
    private readonly WalletSnapshot _holdings;
    private readonly string _boostHash;
    // (currency, epoch, wallet, miner) → base points: boosts need per-GPU totals only, so memory is bounded by GPUs × epochs.
    private readonly Dictionary<(JobCurrency, long, string, string), Points> _earnings = [];
    private readonly List<Report> _imageReports = [];
    private readonly List<Report> _llmReports = [];
    private ReportRuleResult[] _results = [];
    // Explaining a zero-point job needs its rule set's binding; bound once per version, not per job.
    private readonly Dictionary<CompiledRuleSet, ReportRowBinding> _explainBindings = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates the scorer.</summary>
    /// <param name="options">Deadlines, multipliers, tiers and epochs (validated).</param>
    /// <param name="rules">
    /// The rule-set versions to use; when it holds no <c>jobs-image</c> or <c>jobs-llm</c> versions, the ones built from
    /// <paramref name="options"/> are added.
    /// </param>
    /// <param name="holdings">Wallet NFT and stake holdings per epoch (none: no boosts beyond the tiers' base).</param>
    /// <param name="evaluatorFactory">The batch backend per rule-set version (default: the scalar compiled delegate).</param>
    public JobsScorer(
        JobsOptions options,
        RuleSetRegistry? rules = null,
        WalletSnapshot? holdings = null,
        Func<CompiledRuleSet, ReportBatch, IBatchEvaluator>? evaluatorFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        JobsOptionsValidator.ThrowIfInvalid(options);
        rules ??= new RuleSetRegistry();
        if (rules.Versions(JobsRuleSets.ImageId).Count == 0)
        {
            rules.Add(RuleSetCompiler.CompileOrThrow(JobsRuleSets.Image(options)));
        }
        if (rules.Versions(JobsRuleSets.LlmId).Count == 0)
        {
            rules.Add(RuleSetCompiler.CompileOrThrow(JobsRuleSets.Llm(options)));
        }
        Rules = rules;
        _image = new VersionedRuleEvaluator(rules, JobsRuleSets.ImageId, ReportKind.ImageJob, evaluatorFactory);
        _llm = new VersionedRuleEvaluator(rules, JobsRuleSets.LlmId, ReportKind.LlmJob, evaluatorFactory);
        _boosts = new JobBoosts(options);
        _epochs = new JobEpochs(options);
        _holdings = holdings ?? WalletSnapshot.Empty;
        _boostHash = JobsOptionsHash.Of(options);
    }

    /// <inheritdoc />
    public string Scheme => "jobs";

    /// <summary>The rule-set versions in use.</summary>
    public RuleSetRegistry Rules { get; }

    /// <inheritdoc />
    public void Score(IReadOnlyList<ReportInput> reports, ScoredBatch output)
    {
        _imageReports.Clear();
        _llmReports.Clear();
        var lines = new List<long>(reports.Count);
        var order = new List<(bool Image, int Index)>(reports.Count);
        foreach (var (line, report) in reports)
        {
            switch (report)
            {
                case ImageJobReport:
                    order.Add((true, _imageReports.Count));
                    _imageReports.Add(report);
                    lines.Add(line);
                    break;
                case LlmJobReport:
                    order.Add((false, _llmReports.Count));
                    _llmReports.Add(report);
                    lines.Add(line);
                    break;
                default:
                    output.Reject(line, "$.type", $"the jobs scheme scores \"image\" and \"llm\" reports, not {report.Kind}", ReportWriter.ToJson(report));
                    break;
            }
        }

        if (_results.Length < reports.Count)
        {
            _results = new ReportRuleResult[reports.Count];
        }
        var imageResults = _results.AsSpan(0, _imageReports.Count);
        var llmResults = _results.AsSpan(_imageReports.Count, _llmReports.Count);
        _image.Evaluate(_imageReports, TimeOf, imageResults);
        _llm.Evaluate(_llmReports, TimeOf, llmResults);

        // Emit in input order, so the ledger records jobs in the order they were reported.
        for (int i = 0; i < order.Count; i++)
        {
            var (isImage, index) = order[i];
            var report = isImage ? _imageReports[index] : _llmReports[index];
            var result = isImage ? imageResults[index] : llmResults[index];
            Record(lines[i], report, result, output);
        }
    }

    /// <inheritdoc />
    public void Complete(ScoredBatch output)
    {
        var earnings = _earnings.Select(e => new JobEarning(e.Key.Item1, e.Key.Item3, e.Key.Item4, "", e.Key.Item2, e.Value));
        foreach (var boost in _boosts.Compute(earnings, _holdings))
        {
            output.Add(new LedgerReport
            {
                Scheme = boost.Currency == JobCurrency.Llama ? LlamaScheme : WaifuScheme,
                ReportId = boost.Key,
                ReportTime = UnixTime.FromSeconds(_epochs.StartOf(boost.Epoch)),
                RuleSetId = BoostRuleSetId,
                RuleSetHash = _boostHash,
                Postings = [new LedgerPosting(boost.Wallet, boost.MinerId, "boost", boost.Amount) { Reason = boost.Reason }],
            });
        }
        _earnings.Clear();
    }

    private void Record(long line, Report report, ReportRuleResult result, ScoredBatch output)
    {
        var (jobId, miner, wallet, timestamp, currency) = report switch
        {
            ImageJobReport image => (image.JobId, image.MinerId, image.Wallet, image.Timestamp, JobCurrency.Waifu),
            LlmJobReport llm => (llm.JobId, llm.MinerId, llm.Wallet, llm.Timestamp, JobCurrency.Llama),
            _ => throw new InvalidOperationException("Only job reports reach here."),
        };
        if (result.RuleSet is null)
        {
            string id = currency == JobCurrency.Waifu ? JobsRuleSets.ImageId : JobsRuleSets.LlmId;
            output.Reject(line, "$.timestamp", $"no version of rule set '{id}' is in force at {UnixTime.FromSeconds(timestamp):O}", ReportWriter.ToJson(report));
            return;
        }
        if (!result.Result.Succeeded)
        {
            output.Reject(line, FieldOf(result.Result.Error, report), Describe(result, report), ReportWriter.ToJson(report));
            return;
        }

        var points = result.Result.Points;
        string? reason = null;
        if (points == Points.Zero)
        {
            // Zero points are recorded (the job happened) with the rules that zeroed it, so a miner can see why.
            reason = WhyZero(result.RuleSet, report);
        }
        else
        {
            long epoch = _epochs.EpochOf(timestamp);
            var key = (currency, epoch, wallet, miner);
            _earnings[key] = _earnings.GetValueOrDefault(key) + points;
        }
        output.Add(new LedgerReport
        {
            Scheme = currency == JobCurrency.Llama ? LlamaScheme : WaifuScheme,
            ReportId = jobId,
            ReportTime = UnixTime.FromSeconds(timestamp),
            RuleSetId = result.RuleSet.RuleSet.Id,
            RuleSetHash = result.RuleSet.ContentHash,
            Postings = [new LedgerPosting(wallet, miner, "job", points) { Reason = reason }],
        });
    }

    private string WhyZero(CompiledRuleSet ruleSet, Report report)
    {
        if (!_explainBindings.TryGetValue(ruleSet, out var binding))
        {
            _explainBindings.Add(ruleSet, binding = ReportRowBinding.Create(ruleSet, report.Kind));
        }
        var batch = ruleSet.CreateBatch(1);
        binding.Add(batch, report);
        var fired = ruleSet.Explain(batch, 0).Rules
            .Where(r => r.Outcome == RuleOutcome.Fired && r.Condition is not null)
            .Select(r => $"{r.Name} ({r.Condition})")
            .ToArray();
        return fired.Length > 0 ? $"0 points: {string.Join(", ", fired)}" : "0 points: the multiplier is 0";
    }

    private static string FieldOf(EvaluationError error, Report report) => (error, report) switch
    {
        (EvaluationError.MissingTableKey, ImageJobReport) => "$.category",
        (EvaluationError.MissingTableKey, LlmJobReport) => "$.model",
        _ => "$",
    };

    private static string Describe(ReportRuleResult result, Report report) => (result.Result.Error, report) switch
    {
        (EvaluationError.MissingTableKey, ImageJobReport image) => $"unknown image category '{image.Category}' (rule set {result.RuleSet!.RuleSet} has no entry for it)",
        (EvaluationError.MissingTableKey, LlmJobReport llm) => $"unknown LLM model '{llm.Model}' (rule set {result.RuleSet!.RuleSet} has no entry for it)",
        var (error, _) => $"rule set {result.RuleSet!.RuleSet} voided the job: {error}",
    };

    private static DateTimeOffset TimeOf(Report report) => report switch
    {
        ImageJobReport image => UnixTime.FromSeconds(image.Timestamp),
        LlmJobReport llm => UnixTime.FromSeconds(llm.Timestamp),
        _ => DateTimeOffset.MinValue,
    };
}
