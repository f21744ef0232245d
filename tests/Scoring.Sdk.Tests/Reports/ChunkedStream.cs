namespace Scoring.Sdk.Tests.Reports;

/// <summary>A read-only stream that hands out its bytes in the given chunk sizes (cycling), like a slow socket.</summary>
internal sealed class ChunkedStream(byte[] data, int[] chunkSizes) : Stream
{
    private int _position;
    private int _chunk;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var size = Math.Min(Math.Min(count, Math.Max(1, chunkSizes[_chunk++ % chunkSizes.Length])), data.Length - _position);
        Array.Copy(data, _position, buffer, offset, size);
        _position += size;
        return size;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
