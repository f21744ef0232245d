using System.Globalization;
using System.Text;
using Scoring;
using Scoring.Ledger;
using Scoring.Rules.Jobs;

namespace Jobs.Host;

/// <summary>Per-epoch, per-wallet Llama and Waifu totals, built from the jobs scheme's ledger reports, and their printout.</summary>
public sealed class EpochLeaderboard
{
    private readonly SortedDictionary<long, Dictionary<string, WalletTotals>> _epochs = new();

    /// <summary>Adds a scored report of epoch <paramref name="epoch"/>.</summary>
    public void Add(long epoch, LedgerReport report)
    {
        if (!_epochs.TryGetValue(epoch, out var wallets))
            _epochs[epoch] = wallets = new Dictionary<string, WalletTotals>(StringComparer.Ordinal);
        bool llama = report.Scheme == JobsScorer.LlamaScheme;
        foreach (var posting in report.Postings)
        {
            if (!wallets.TryGetValue(posting.Account, out var totals))
                wallets[posting.Account] = totals = new WalletTotals(posting.Account);
            switch (posting.Kind, llama)
            {
                case ("boost", true): totals.LlamaBoost += posting.Amount; break;
                case ("boost", false): totals.WaifuBoost += posting.Amount; break;
                case (_, true): totals.Llama += posting.Amount; totals.Jobs++; break;
                default: totals.Waifu += posting.Amount; totals.Jobs++; break;
            }
        }
    }

    /// <summary>The totals of one epoch (empty when nothing was scored in it).</summary>
    public IReadOnlyCollection<WalletTotals> Of(long epoch) =>
        _epochs.TryGetValue(epoch, out var wallets) ? wallets.Values : [];

    /// <summary>The epoch's two leaderboards (Llama, Waifu) as text, best first, ties by wallet.</summary>
    public string Format(long epoch, DateTimeOffset start, DateTimeOffset end, int top)
    {
        var wallets = Of(epoch);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"epoch {epoch} ({start:yyyy-MM-dd HH:mm} .. {end:yyyy-MM-dd HH:mm} UTC): {wallets.Count} wallets, {wallets.Sum(w => w.Jobs)} jobs\n");
        Table(text, "Llama", wallets, w => w.Llama, w => w.LlamaBoost, top);
        Table(text, "Waifu", wallets, w => w.Waifu, w => w.WaifuBoost, top);
        return text.ToString();
    }

    private static void Table(StringBuilder text, string currency, IEnumerable<WalletTotals> wallets,
        Func<WalletTotals, Points> jobs, Func<WalletTotals, Points> boost, int top)
    {
        var ranked = wallets.Where(w => jobs(w) + boost(w) > Points.Zero)
            .OrderByDescending(w => jobs(w) + boost(w)).ThenBy(w => w.Wallet, StringComparer.Ordinal).Take(top).ToArray();
        text.Append(CultureInfo.InvariantCulture, $"  {currency} points\n  {"rank",4}  {"wallet",-44} {"jobs",14} {"boost",14} {"total",14}\n");
        for (int i = 0; i < ranked.Length; i++)
        {
            var w = ranked[i];
            text.Append(CultureInfo.InvariantCulture, $"  {i + 1,4}  {w.Wallet,-44} {jobs(w),14} {boost(w),14} {jobs(w) + boost(w),14}\n");
        }
        if (ranked.Length == 0)
            text.Append("  (none)\n");
    }
}
