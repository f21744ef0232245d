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

    /// <summary>
    /// The epoch's two leaderboards (Llama, Waifu) as text, best first, ties by wallet. Times are UTC ISO 8601. The
    /// numbers come first, each column as wide as its widest value, and the wallet last: a terminal narrower than a
    /// line wraps the wallet, never a number.
    /// </summary>
    public string Format(long epoch, DateTimeOffset start, DateTimeOffset end, int top)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"epoch {epoch} ({Iso(start)} .. {Iso(end)}): {_wallets.Count} wallets, {_wallets.Values.Sum(w => w.Jobs)} jobs\n");
        Table(text, "Llama", _wallets.Values, w => w.Llama, w => w.LlamaBoost, top);
        Table(text, "Waifu", _wallets.Values, w => w.Waifu, w => w.WaifuBoost, top);
        return text.ToString();
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Table(StringBuilder text, string currency, IEnumerable<WalletTotals> wallets,
        Func<WalletTotals, Points> jobs, Func<WalletTotals, Points> boost, int top)
    {
        var ranked = wallets.Where(w => jobs(w) + boost(w) > Points.Zero)
            .OrderByDescending(w => jobs(w) + boost(w)).ThenBy(w => w.Wallet, StringComparer.Ordinal).Take(top)
            .Select((w, i) => new[] { (i + 1).ToString(CultureInfo.InvariantCulture), jobs(w).ToString(), boost(w).ToString(), (jobs(w) + boost(w)).ToString(), w.Wallet })
            .ToArray();
        text.Append(CultureInfo.InvariantCulture, $"  {currency} points\n");
        if (ranked.Length == 0)
        {
            text.Append("  (none)\n");
            return;
        }
        string[] headers = ["rank", "jobs", "boost", "total", "wallet"];
        var widths = headers.Select((h, c) => Math.Max(h.Length, ranked.Max(r => r[c].Length))).ToArray();
        foreach (var row in ranked.Prepend(headers))
        {
            text.Append(' ');
            for (int c = 0; c < 4; c++)
                text.Append("  ").Append(row[c].PadLeft(widths[c]));
            text.Append("  ").Append(row[4]).Append('\n');
        }
    }
}
