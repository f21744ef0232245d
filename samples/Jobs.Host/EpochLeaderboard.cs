using System.Globalization;
using System.Text;
using Scoring;
using Scoring.Ledger;
using Scoring.Rules.Jobs;

namespace Jobs.Host;

/// <summary>One closed epoch's per-wallet Llama and Waifu totals, summed from its ledger entries, and their printout.</summary>
public sealed class EpochLeaderboard
{
    private readonly Dictionary<string, WalletTotals> _wallets = new(StringComparer.Ordinal);

    /// <summary>Adds one entry of the epoch: a job's points (<c>job</c>) or a boost (<c>boost</c>) of either currency.</summary>
    public void Add(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!_wallets.TryGetValue(entry.Account, out var totals))
            _wallets[entry.Account] = totals = new WalletTotals(entry.Account);
        bool llama = entry.Scheme == JobsScheme.LlamaCurrency;
        switch (entry.Kind, llama)
        {
            case (JobsScheme.BoostKind, true): totals.LlamaBoost += entry.Amount; break;
            case (JobsScheme.BoostKind, false): totals.WaifuBoost += entry.Amount; break;
            case (JobsScheme.JobKind, true): totals.Llama += entry.Amount; totals.Jobs++; break;
            case (JobsScheme.JobKind, false): totals.Waifu += entry.Amount; totals.Jobs++; break;
            // An operator's slash or adjustment dated in the epoch counts against the wallet's jobs.
            case (_, true): totals.Llama += entry.Amount; break;
            default: totals.Waifu += entry.Amount; break;
        }
    }

    /// <summary>The wallets with entries in the epoch.</summary>
    public IReadOnlyCollection<WalletTotals> Wallets => _wallets.Values;

    /// <summary>The epoch's two leaderboards (Llama, Waifu) as text, best first, ties by wallet.</summary>
    public string Format(long epoch, DateTimeOffset start, DateTimeOffset end, int top)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"epoch {epoch} ({start:yyyy-MM-dd HH:mm} .. {end:yyyy-MM-dd HH:mm} UTC): {_wallets.Count} wallets, {_wallets.Values.Sum(w => w.Jobs)} jobs\n");
        Table(text, "Llama", _wallets.Values, w => w.Llama, w => w.LlamaBoost, top);
        Table(text, "Waifu", _wallets.Values, w => w.Waifu, w => w.WaifuBoost, top);
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
