using System.Text;

namespace Scoring.Reports.Columns;

/// <summary>
/// The strings of one <see cref="ReportBlock"/> (peers, accounts, ids), interned by their UTF-8 bytes: a repeated
/// value gets the same id and costs no allocation; <see cref="GetString"/> makes a string only when asked, once per
/// id, so the rows of one peer share its strings. Ids are
/// dense from 0 in order of first appearance, so they are the same on every run.
/// </summary>
public sealed class ReportNameTable
{
    private byte[] _bytes = new byte[64 * 1024];
    private int _used;
    private int[] _starts = new int[1024];
    private int[] _lengths = new int[1024];
    private int[] _hashes = new int[1024];
    private int[] _slots = CreateSlots(2048);
    private byte[] _encoded = new byte[1024];
    private string?[] _strings = new string?[1024];

    internal ReportNameTable()
    {
    }

    /// <summary>How many distinct strings the table holds.</summary>
    public int Count { get; private set; }

    /// <summary>The id of <paramref name="utf8"/>, adding it when new.</summary>
    /// <param name="utf8">The string's UTF-8 bytes.</param>
    public int Intern(ReadOnlySpan<byte> utf8)
    {
        var hash = HashOf(utf8);
        var mask = _slots.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var id = _slots[slot];
            if (id < 0)
            {
                id = Add(utf8, hash);
                _slots[slot] = id;
                if (Count * 2 > _slots.Length)
                    Rehash();
                return id;
            }
            if (_hashes[id] == hash && utf8.SequenceEqual(GetUtf8(id)))
                return id;
        }
    }

    /// <summary>The id of <paramref name="value"/> (a report's string, on the object decoder's path), adding it when new.</summary>
    internal int Intern(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        if (_encoded.Length < length)
            _encoded = new byte[Math.Max(length, _encoded.Length * 2)];
        return Intern(_encoded.AsSpan(0, Encoding.UTF8.GetBytes(value, _encoded)));
    }

    /// <summary>The UTF-8 bytes of string <paramref name="id"/>; valid until the block is reused.</summary>
    public ReadOnlySpan<byte> GetUtf8(int id)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)id, (uint)Count, nameof(id));
        return _bytes.AsSpan(_starts[id], _lengths[id]);
    }

    /// <summary>String <paramref name="id"/> as a string, made on the first call for the id and then shared.</summary>
    public string GetString(int id)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)id, (uint)Count, nameof(id));
        return _strings[id] ??= Encoding.UTF8.GetString(GetUtf8(id));
    }

    /// <summary>Empties the table for the next block, keeping its memory.</summary>
    internal void Clear()
    {
        if (Count > 0)
        {
            Array.Fill(_slots, -1);
            Array.Clear(_strings, 0, Count);
        }
        Count = 0;
        _used = 0;
    }

    private int Add(ReadOnlySpan<byte> utf8, int hash)
    {
        if (_used + utf8.Length > _bytes.Length)
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + utf8.Length));
        if (Count == _starts.Length)
        {
            Array.Resize(ref _starts, Count * 2);
            Array.Resize(ref _lengths, Count * 2);
            Array.Resize(ref _hashes, Count * 2);
            Array.Resize(ref _strings, Count * 2);
        }
        utf8.CopyTo(_bytes.AsSpan(_used));
        _starts[Count] = _used;
        _lengths[Count] = utf8.Length;
        _hashes[Count] = hash;
        _used += utf8.Length;
        return Count++;
    }

    private void Rehash()
    {
        _slots = CreateSlots(_slots.Length * 2);
        var mask = _slots.Length - 1;
        for (var id = 0; id < Count; id++)
        {
            var slot = _hashes[id] & mask;
            while (_slots[slot] >= 0)
                slot = (slot + 1) & mask;
            _slots[slot] = id;
        }
    }

    private static int[] CreateSlots(int length)
    {
        var slots = new int[length];
        Array.Fill(slots, -1);
        return slots;
    }

    private static int HashOf(ReadOnlySpan<byte> utf8)
    {
        var hash = new HashCode();
        hash.AddBytes(utf8);
        return hash.ToHashCode() & int.MaxValue;
    }
}
