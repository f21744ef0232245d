namespace Scoring.Ledger;

/// <summary>
/// Orders strings by Unicode code point — the same order as comparing their UTF-8 bytes, which is how
/// SQLite's BINARY collation (and PostgreSQL's <c>COLLATE "C"</c>) orders text. Plain UTF-16 ordinal order
/// differs for characters above U+FFFF versus U+E000–U+FFFF, so every store ranks ties by this comparer.
/// </summary>
internal sealed class CodePointComparer : IComparer<string>
{
    public static readonly CodePointComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        int length = Math.Min(x.Length, y.Length);
        for (int i = 0; i < length; i++)
        {
            char a = x[i], b = y[i];
            if (a != b)
                return Fix(a).CompareTo(Fix(b));
        }
        return x.Length.CompareTo(y.Length);
    }

    // Surrogates (U+D800–U+DFFF, i.e. code points ≥ U+10000) must sort after U+E000–U+FFFF.
    private static int Fix(char c) => c >= 0xE000 ? c - 0x800 : c >= 0xD800 ? c + 0x2000 : c;
}
