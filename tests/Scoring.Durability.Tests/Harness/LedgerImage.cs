using System.Text;
using Scoring.Ledger;
using Scoring.Schemes;

namespace Scoring.Durability.Tests.Harness;

/// <summary>
/// What a ledger holds for one scheme, without what legitimately differs between two runs (sequence numbers, recorded
/// times): the multiset of entries, each currency's account totals, and the scheme's durable state.
/// </summary>
internal sealed record LedgerImage(IReadOnlyList<EntryFacts> Entries, IReadOnlyList<AccountTotals> Totals, IReadOnlyList<KeyValuePair<string, string>> State)
{
    public static async Task<LedgerImage> ReadAsync(ILedgerStore ledger, PointsScheme scheme)
    {
        var entries = new List<EntryFacts>();
        await foreach (var e in ledger.ListEntriesAsync(new EntryQuery { Limit = int.MaxValue }))
            entries.Add(EntryFacts.Of(e));
        entries.Sort();
        var totals = new List<AccountTotals>();
        foreach (var currency in scheme.Currencies)
            await foreach (var t in ledger.ListAccountTotalsAsync(scheme: currency.Name))
                totals.Add(t);
        var state = new List<KeyValuePair<string, string>>();
        await foreach (var (key, value) in ledger.ReadStateAsync(scheme.Name))
            state.Add(KeyValuePair.Create(key, Encoding.UTF8.GetString(value)));
        return new LedgerImage(entries, totals, state);
    }

    /// <summary>Fails with the first differences when the two ledgers hold different entries or totals (and, when asked, state).</summary>
    public static void AssertSame(LedgerImage expected, LedgerImage actual, string context, bool state = true)
    {
        if (!expected.Entries.SequenceEqual(actual.Entries))
        {
            var missing = expected.Entries.Except(actual.Entries).Take(5);
            var extra = actual.Entries.Except(expected.Entries).Take(5);
            Assert.Fail($"{context}: {expected.Entries.Count} entries expected, {actual.Entries.Count} found.\n" +
                $"missing: {List(missing)}\nunexpected: {List(extra)}" +
                (expected.Entries.Count == actual.Entries.Count && !missing.Any() ? "\n(the same entries a different number of times)" : ""));
        }
        if (!expected.Totals.SequenceEqual(actual.Totals))
            Assert.Fail($"{context}: totals differ.\nexpected: {List(expected.Totals)}\nfound: {List(actual.Totals)}");
        if (state && !expected.State.SequenceEqual(actual.State))
        {
            var missing = expected.State.Except(actual.State).Take(3);
            var extra = actual.State.Except(expected.State).Take(3);
            Assert.Fail($"{context}: scheme state differs.\nexpected: {List(missing)}\nfound: {List(extra)}");
        }
    }

    private static string List<T>(IEnumerable<T> items) => string.Concat(items.Select(i => "\n  " + i));
}

/// <summary>One entry as the claim compares it: everything but its sequence number and recorded time.</summary>
internal sealed record EntryFacts(
    string Scheme, string ReportId, string Account, string Peer, string Kind, long Amount, long ActiveSeconds, string? Reason,
    DateTimeOffset ReportTime, string RuleSetId, string RuleSetHash) : IComparable<EntryFacts>
{
    public static EntryFacts Of(LedgerEntry e) =>
        new(e.Scheme, e.ReportId, e.Account, e.Peer, e.Kind, e.Amount.Units, e.ActiveSeconds, e.Reason, e.ReportTime, e.RuleSetId, e.RuleSetHash);

    public int CompareTo(EntryFacts? other)
    {
        if (other is null)
            return 1;
        int c = string.CompareOrdinal(Scheme, other.Scheme);
        if (c == 0) c = string.CompareOrdinal(ReportId, other.ReportId);
        if (c == 0) c = string.CompareOrdinal(Peer, other.Peer);
        if (c == 0) c = string.CompareOrdinal(Kind, other.Kind);
        if (c == 0) c = string.CompareOrdinal(Account, other.Account);
        if (c == 0) c = Amount.CompareTo(other.Amount);
        if (c == 0) c = ActiveSeconds.CompareTo(other.ActiveSeconds);
        if (c == 0) c = string.CompareOrdinal(Reason, other.Reason);
        if (c == 0) c = ReportTime.CompareTo(other.ReportTime);
        if (c == 0) c = string.CompareOrdinal(RuleSetId, other.RuleSetId);
        return c != 0 ? c : string.CompareOrdinal(RuleSetHash, other.RuleSetHash);
    }
}
