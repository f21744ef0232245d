namespace Scoring.Reports;

/// <summary>
/// FNV-1a, 64 bits: a small, fixed, platform-independent hash for content fingerprints (not for security: a producer
/// who forges a collision only makes their own conflicting re-send look like a duplicate).
/// </summary>
internal struct Fnv1a64
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    private ulong _hash;
    private bool _started;

    public readonly long Value => (long)(_started ? _hash : Offset);

    public void Add(long value)
    {
        for (int i = 0; i < 8; i++)
            AddByte((byte)(value >> (8 * i)));
    }

    public void Add(string value)
    {
        Add((long)value.Length);
        foreach (char c in value)
        {
            AddByte((byte)c);
            AddByte((byte)(c >> 8));
        }
    }

    private void AddByte(byte b)
    {
        if (!_started)
        {
            _hash = Offset;
            _started = true;
        }
        _hash = (_hash ^ b) * Prime;
    }
}
