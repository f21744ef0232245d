using System.Globalization;
using Scoring.Evaluation;
using Scoring.Evaluation.Binding;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.RuleSets;
using Scoring.Schemes;

namespace Scoring.Rules.Jobs;

/// <summary>
/// The jobs scheme's scoring step. Per batch: evaluates every job with the <c>jobs-image</c>/<c>jobs-llm</c> version in
/// force at its time (columnar, on the configured backend), posts each job's points (0 with the reason when a rule
/// zeroed it; a job the rule set voids is rejected), adds them to the durable per-epoch earnings of its wallet and
/// GPU, and closes epochs whose grace has passed: their boosts are evaluated with <c>jobs-boosts</c> and posted.
/// </summary>
/// <remarks>
/// State keys: <c>watermark</c> (the last closed epoch) and <c>earnings/{epoch:D12}/{wallet}</c> (an open epoch's base
/// points per GPU, removed when the epoch closes). A job of a closed epoch is late.
/// </remarks>
internal sealed class JobsScorer : SchemeScorer
{
    private const string WatermarkKey = "watermark";
    private const string EarningsPrefix = "earnings/";

    private readonly JobsScheme _scheme;
    private readonly VersionedRuleEvaluator<Report> _image;
    private readonly VersionedRuleEvaluator<Report> _llm;
    private readonly VersionedRuleEvaluator<BoostFacts> _boosts;
    private readonly long _grace;

    public JobsScorer(JobsScheme scheme, SchemeContext context)
        : base(scheme)
    {
        _scheme = scheme;
        RuleOutputRequirement[] points = [new("points", RuleOutputType.Points)];
        _image = new VersionedRuleEvaluator<Report>(context.RuleSets, JobsScheme.ImageRuleSetId, ImageJobReportType.Instance.Fields, "\"image\" reports", points, context.Evaluators);
        _llm = new VersionedRuleEvaluator<Report>(context.RuleSets, JobsScheme.LlmRuleSetId, LlmJobReportType.Instance.Fields, "\"llm\" reports", points, context.Evaluators);
        _boosts = new VersionedRuleEvaluator<BoostFacts>(context.RuleSets, JobsScheme.BoostsRuleSetId, BoostFacts.Fields, "boost facts",
            [
                new("nftBoost", RuleOutputType.Points), new("stakeBoost", RuleOutputType.Points),
                new("nftMultiplier", RuleOutputType.Double), new("stakeMultiplier", RuleOutputType.Double), new("nftApplied", RuleOutputType.Double),
            ],
            context.Evaluators);
        _grace = scheme.Options.EpochGrace.Ticks / TimeSpan.TicksPerMicrosecond;
    }

    public override IReadOnlyList<CompiledRuleSet> RuleSets => [.. _image.Versions, .. _llm.Versions, .. _boosts.Versions];

    public override async ValueTask ScoreAsync(SchemeBatch batch, CancellationToken cancellationToken)
    {
        var reports = batch.Reports;
        var images = new List<Report>();
        var llms = new List<Report>();
        var where = new (bool Image, int Index)[reports.Count];
        for (int i = 0; i < reports.Count; i++)
        {
            var report = reports[i].Report;
            where[i] = report is ImageJobReport ? (true, images.Count) : (false, llms.Count);
            (report is ImageJobReport ? images : llms).Add(report);
        }
        var imageResults = new RuleResult[images.Count];
        var llmResults = new RuleResult[llms.Count];
        _image.Evaluate(images, TimeOf, imageResults);
        _llm.Evaluate(llms, TimeOf, llmResults);
        var imageZeros = WhyZero(_image, images, imageResults);
        var llmZeros = WhyZero(_llm, llms, llmResults);

        var watermark = await batch.State.GetAsync(WatermarkKey, JobsStateJsonContext.Default.JobsWatermark, cancellationToken).ConfigureAwait(false)
            ?? new JobsWatermark(-1);
        // Each (epoch, wallet)'s state key is made once per batch: a batch holds thousands of jobs of a few hundred wallets.
        var earningsKeys = new Dictionary<(long Epoch, string Wallet), string>();
        foreach (var input in reports)
        {
            var key = (EpochOf(input.Report), Job.Of(input.Report).Wallet);
            if (!earningsKeys.ContainsKey(key))
                earningsKeys.Add(key, EarningsKey(key.Item1, key.Wallet));
        }
        var earnings = new Earnings(batch.State);
        await earnings.LoadAsync(earningsKeys.Values, cancellationToken).ConfigureAwait(false);

        // Jobs in input order: each may close earlier epochs, which makes later jobs of those epochs late.
        for (int i = 0; i < reports.Count; i++)
        {
            var report = reports[i].Report;
            var job = Job.Of(report);
            long epoch = EpochOf(report);
            if (epoch <= watermark.ClosedThrough)
            {
                // The job's own epoch: the watermark may be later (a settled input closes every open epoch at once).
                batch.RejectLate(i, $"late job: its epoch {epoch} is closed (at {UnixTime.FromSeconds(_scheme.Epochs.StartOf(epoch + 1)) + _scheme.Options.EpochGrace:O}, " +
                    $"the epoch's end plus the grace of {_scheme.Options.EpochGrace}, or earlier when an input was settled), and its boosts are recorded");
                continue;
            }
            var (isImage, index) = where[i];
            var result = isImage ? imageResults[index] : llmResults[index];
            if (Void(result, job, report) is { } voided)
            {
                batch.Reject(i, voided.Field, voided.Reason);
                continue;
            }
            var points = result.Points(0);
            batch.Post(new LedgerReport
            {
                Scheme = JobsScheme.CurrencyName(job.Currency),
                ReportId = report.Id,
                Producer = report.Producer,
                ReportTime = report.Time!.Value,
                RuleSetId = result.RuleSet!.RuleSet.Id,
                RuleSetHash = result.RuleSet.ContentHash,
                // Zero points are recorded (the job happened) with the rules that zeroed it, so a miner can see why.
                Postings = [new LedgerPosting(job.Wallet, job.Miner, JobsScheme.JobKind, points) { Reason = (isImage ? imageZeros : llmZeros)[index] }],
            });
            if (points != Points.Zero)
                earnings.Add(earningsKeys[(epoch, job.Wallet)], job.Miner, job.Currency, points);

            long closable = ClosableThrough(job.Timestamp);
            if (closable > watermark.ClosedThrough)
            {
                await CloseThroughAsync(batch, earnings, closable, cancellationToken).ConfigureAwait(false);
                watermark = new JobsWatermark(closable);
                batch.State.Set(WatermarkKey, watermark, JobsStateJsonContext.Default.JobsWatermark);
            }
        }
        earnings.Save();
    }

    public override async ValueTask SettleAsync(SchemeBatch batch, CancellationToken cancellationToken)
    {
        long last = -1;
        await foreach (var (key, _) in batch.State.ScanAsync(EarningsPrefix, JobsStateJsonContext.Default.WalletEarnings, cancellationToken).ConfigureAwait(false))
            last = Math.Max(last, ParseEpoch(key));
        if (last < 0)
            return;
        var watermark = await batch.State.GetAsync(WatermarkKey, JobsStateJsonContext.Default.JobsWatermark, cancellationToken).ConfigureAwait(false);
        await CloseThroughAsync(batch, new Earnings(batch.State), last, cancellationToken).ConfigureAwait(false);
        batch.State.Set(WatermarkKey, new JobsWatermark(Math.Max(last, watermark?.ClosedThrough ?? -1)), JobsStateJsonContext.Default.JobsWatermark);
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing)
            return;
        _image.Dispose();
        _llm.Dispose();
        _boosts.Dispose();
    }

    /// <summary>Closes every open epoch up to <paramref name="through"/>: its boosts are evaluated and posted, its earnings removed.</summary>
    private async ValueTask CloseThroughAsync(SchemeBatch batch, Earnings earnings, long through, CancellationToken cancellationToken)
    {
        earnings.Save();
        var closing = new List<(long Epoch, string Wallet, WalletEarnings Earnings)>();
        await foreach (var (key, value) in batch.State.ScanAsync(EarningsPrefix, JobsStateJsonContext.Default.WalletEarnings, cancellationToken).ConfigureAwait(false))
        {
            long epoch = ParseEpoch(key);
            if (epoch > through)
                break;
            closing.Add((epoch, key[(EarningsPrefix.Length + 13)..], value));
        }
        var facts = new List<BoostFacts>();
        foreach (var (epoch, wallet, wallets) in closing)
        {
            var held = _scheme.Holdings.Get(epoch, wallet);
            var ranked = wallets.Miners
                .Select(m => (Miner: m.Key, Llama: m.Value[0], Waifu: m.Value[1]))
                .OrderByDescending(m => Points.FromUnits(m.Llama) + Points.FromUnits(m.Waifu))
                .ThenBy(m => m.Miner, StringComparer.Ordinal)
                .ToList();
            for (int rank = 0; rank < ranked.Count; rank++)
            {
                var (miner, llama, waifu) = ranked[rank];
                if (llama != 0)
                    facts.Add(new BoostFacts(JobCurrency.Llama, epoch, wallet, miner, Points.FromUnits(llama), rank, held.Nfts, held.Stake));
                if (waifu != 0)
                    facts.Add(new BoostFacts(JobCurrency.Waifu, epoch, wallet, miner, Points.FromUnits(waifu), rank, held.Nfts, held.Stake));
            }
            earnings.Forget(EarningsKey(epoch, wallet));
        }
        // Entries in the documented order: epoch, wallet, miner id, currency (Llama first), NFT before stake.
        facts.Sort((a, b) =>
        {
            int c = a.Epoch.CompareTo(b.Epoch);
            if (c == 0) c = string.CompareOrdinal(a.Wallet, b.Wallet);
            if (c == 0) c = string.CompareOrdinal(a.MinerId, b.MinerId);
            return c != 0 ? c : a.Currency.CompareTo(b.Currency);
        });
        var results = new RuleResult[facts.Count];
        _boosts.Evaluate(facts, f => UnixTime.FromSeconds(_scheme.Epochs.StartOf(f.Epoch)), results);
        for (int i = 0; i < facts.Count; i++)
            PostBoosts(batch, facts[i], results[i]);
    }

    private void PostBoosts(SchemeBatch batch, BoostFacts facts, RuleResult result)
    {
        if (!result.Succeeded)
        {
            string why = result.RuleSet is null
                ? $"no version of rule set '{JobsScheme.BoostsRuleSetId}' is in force"
                : $"rule set {result.RuleSet.RuleSet} voided it: {result.Error}";
            Post(batch, facts, "void", result.RuleSet, Points.Zero, $"voided: the boosts of miner {facts.MinerId}: {why}");
            return;
        }
        var nft = result.Points(0);
        var stake = result.Points(1);
        double n = result.Double(2), s = result.Double(3), applied = result.Double(4);
        foreach (var (kind, amount) in new[] { ("nft", nft), ("stake", stake) })
        {
            if (amount == Points.Zero)
                continue; // boosts that round to 0 are not recorded
            string reason = amount.IsNegative
                ? $"voided: rule set {result.RuleSet!.RuleSet} gave a negative {kind} boost ({amount}); a boost never lowers points"
                : kind == "nft"
                    ? $"NFT x{Text(n)} ({facts.Nfts} NFT{(facts.Nfts == 1 ? "" : "s")}) on miner {facts.MinerId}"
                    : $"stake x{Text(s)} ({Text(facts.Stake)} staked) on miner {facts.MinerId}{(applied != 1 ? $" after NFT x{Text(applied)}" : "")}";
            Post(batch, facts, kind, result.RuleSet, amount.IsNegative ? Points.Zero : amount, reason);
        }
    }

    private void Post(SchemeBatch batch, BoostFacts facts, string kind, CompiledRuleSet? ruleSet, Points amount, string reason)
    {
        ruleSet ??= _boosts.Versions[0];
        string currency = facts.Currency == JobCurrency.Llama ? "llama" : "waifu";
        batch.PostOnce(new LedgerReport
        {
            Scheme = JobsScheme.CurrencyName(facts.Currency),
            ReportId = string.Create(CultureInfo.InvariantCulture, $"boost:{kind}:{currency}:{facts.Epoch}:{facts.Wallet}:{facts.MinerId}"),
            ReportTime = UnixTime.FromSeconds(_scheme.Epochs.StartOf(facts.Epoch)),
            RuleSetId = ruleSet.RuleSet.Id,
            RuleSetHash = ruleSet.ContentHash,
            Postings = [new LedgerPosting(facts.Wallet, facts.MinerId, JobsScheme.BoostKind, amount) { Reason = reason }],
        });
    }

    /// <summary>Why a job earns nothing and is not recorded: no version in force, or the rule set voided it.</summary>
    private static (string Field, string Reason)? Void(RuleResult result, Job job, Report report)
    {
        string ruleSetId = job.Currency == JobCurrency.Waifu ? JobsScheme.ImageRuleSetId : JobsScheme.LlmRuleSetId;
        if (result.RuleSet is null)
            return ("$.timestamp", $"no version of rule set '{ruleSetId}' is in force at {report.Time:O}");
        if (!result.Succeeded)
        {
            return (result.Error, report) switch
            {
                (EvaluationError.MissingTableKey, ImageJobReport image) => ("$.category", $"unknown image category '{image.Category}' (rule set {result.RuleSet.RuleSet} has no entry for it)"),
                (EvaluationError.MissingTableKey, LlmJobReport llm) => ("$.model", $"unknown LLM model '{llm.Model}' (rule set {result.RuleSet.RuleSet} has no entry for it)"),
                var (error, _) => ("$", $"rule set {result.RuleSet.RuleSet} voided the job: {error}"),
            };
        }
        var points = result.Points(0);
        return points.IsNegative
            ? ("$", $"rule set {result.RuleSet.RuleSet} gave {points} points; a job's points must not be negative, so the job is void")
            : null;
    }

    /// <summary>
    /// Why each job that earns 0 points does, by its index in <paramref name="jobs"/> (null for the others): the rules with
    /// a condition that fired for it. The zero jobs of one rule-set version are explained from one batch of them.
    /// </summary>
    private static string?[] WhyZero(VersionedRuleEvaluator<Report> evaluator, List<Report> jobs, RuleResult[] results)
    {
        var reasons = new string?[jobs.Count];
        var zeros = Enumerable.Range(0, jobs.Count).Where(i => results[i].Succeeded && results[i].Points(0) == Points.Zero);
        foreach (var version in zeros.GroupBy(i => results[i].RuleSet!))
        {
            var rows = version.ToList();
            var batch = evaluator.BatchOf(version.Key, rows.Select(i => jobs[i]).ToList());
            for (int row = 0; row < rows.Count; row++)
            {
                var fired = version.Key.FiredRules(batch, row).Where(r => r.When is not null).Select(r => $"{r.Name} ({r.When})").ToArray();
                reasons[rows[row]] = fired.Length > 0 ? $"0 points: {string.Join(", ", fired)}" : "0 points: the multiplier is 0";
            }
        }
        return reasons;
    }

    /// <summary>The last epoch a job at <paramref name="timestamp"/> closes: every epoch whose end plus the grace is at or before it.</summary>
    private long ClosableThrough(double timestamp)
    {
        double cutoff = timestamp - _grace / 1e6;
        return cutoff < _scheme.Options.EpochOrigin ? -1 : _scheme.Epochs.EpochOf(cutoff) - 1;
    }

    private long EpochOf(Report report) => _scheme.Epochs.EpochOf(Job.Of(report).Timestamp);

    private static DateTimeOffset TimeOf(Report report) => report.Time!.Value;

    private static string EarningsKey(long epoch, string wallet) => string.Create(CultureInfo.InvariantCulture, $"{EarningsPrefix}{epoch:D12}/{wallet}");

    private static long ParseEpoch(string key) => long.Parse(key.AsSpan(EarningsPrefix.Length, 12), CultureInfo.InvariantCulture);

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The fields of a job report the scheme itself reads.</summary>
    private readonly record struct Job(JobCurrency Currency, string Wallet, string Miner, double Timestamp)
    {
        public static Job Of(Report report) => report switch
        {
            ImageJobReport image => new Job(JobCurrency.Waifu, image.Wallet, image.MinerId, image.Timestamp),
            LlmJobReport llm => new Job(JobCurrency.Llama, llm.Wallet, llm.MinerId, llm.Timestamp),
            _ => throw new ArgumentException($"The jobs scheme scores image and llm reports, not {report.Type}.", nameof(report)),
        };
    }

    /// <summary>The open epochs' earnings a batch touches, read once and written back at the end.</summary>
    private sealed class Earnings(SchemeState state)
    {
        private readonly Dictionary<string, WalletEarnings> _touched = new(StringComparer.Ordinal);
        private readonly HashSet<string> _changed = new(StringComparer.Ordinal);

        public async ValueTask LoadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
        {
            foreach (var (key, value) in await state.GetAsync(keys, JobsStateJsonContext.Default.WalletEarnings, cancellationToken).ConfigureAwait(false))
                _touched[key] = value;
        }

        public void Add(string key, string miner, JobCurrency currency, Points points)
        {
            if (!_touched.TryGetValue(key, out var wallet))
                _touched[key] = wallet = new WalletEarnings(new Dictionary<string, long[]>(StringComparer.Ordinal));
            if (!wallet.Miners.TryGetValue(miner, out var units))
                wallet.Miners[miner] = units = new long[2];
            int slot = currency == JobCurrency.Llama ? 0 : 1;
            units[slot] = checked(units[slot] + points.Units);
            _changed.Add(key);
        }

        /// <summary>Writes the changed wallets to the state (a later scan of this batch sees them).</summary>
        public void Save()
        {
            foreach (var key in _changed)
                state.Set(key, _touched[key], JobsStateJsonContext.Default.WalletEarnings);
            _changed.Clear();
        }

        /// <summary>Drops a closed epoch's wallet.</summary>
        public void Forget(string key)
        {
            _touched.Remove(key);
            _changed.Remove(key);
            state.Remove(key);
        }
    }
}
