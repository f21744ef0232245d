using System.Globalization;
using System.Text;

namespace Scoring.Ledger.Postgres;

/// <summary>
/// An account's kind parts as <c>account_totals.parts</c> holds them: one slot per kind ref (slot <c>ref + 1</c>, as
/// PostgreSQL arrays count from 1), NULL for a kind the account never had, so a part summing to zero stays a part.
/// </summary>
internal static class PostgresKindParts
{
    /// <summary>The slots of one account's sums over a call: as long as its highest kind ref needs.</summary>
    public static Int128?[] Slots(IReadOnlyList<(string Kind, Int128 Amount)> kinds, Dictionary<string, short> kindRefs)
    {
        int length = 0;
        foreach (var (kind, _) in kinds)
            length = Math.Max(length, kindRefs[kind] + 1);
        var slots = new Int128?[length];
        foreach (var (kind, amount) in kinds)
            slots[kindRefs[kind]] = amount;
        return slots;
    }

    /// <summary>
    /// The slots as an array literal (<c>{5,NULL,-3}</c>), each sum as a bigint, or through <paramref name="wide"/> as a
    /// numeric when a sum of the call leaves 64 bits.
    /// </summary>
    public static string Literal(Int128?[] slots, Func<Int128, decimal>? wide)
    {
        var literal = new StringBuilder(2 + slots.Length * 8).Append('{');
        for (int i = 0; i < slots.Length; i++)
        {
            if (i > 0)
                literal.Append(',');
            if (slots[i] is not { } sum)
                literal.Append("NULL");
            else if (wide is null)
                literal.Append(((long)sum).ToString(CultureInfo.InvariantCulture));
            else
                literal.Append(wide(sum).ToString(CultureInfo.InvariantCulture));
        }
        return literal.Append('}').ToString();
    }
}
