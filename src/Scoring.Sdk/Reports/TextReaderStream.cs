using System.Text;

namespace Scoring.Reports;

/// <summary>
/// A read-only stream of the UTF-8 encoding of a <see cref="TextReader"/>'s text, a few kilobytes at a time, so
/// text input shares the byte decoder's bounded-memory line splitting. Lone surrogates become U+FFFD.
/// </summary>
internal sealed class TextReaderStream(TextReader reader) : Stream
{
    private readonly Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetEncoder();
    private readonly char[] _chars = new char[4096];
    private readonly byte[] _bytes = new byte[Encoding.UTF8.GetMaxByteCount(4096)];
    private int _pendingOffset;
    private int _pendingCount;
    private bool _finished;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_pendingCount == 0)
        {
            if (_finished || buffer.IsEmpty)
            {
                return 0;
            }

            var chars = reader.Read(_chars, 0, _chars.Length);
            _finished = chars == 0;
            _pendingCount = _encoder.GetBytes(_chars, 0, chars, _bytes, 0, flush: _finished);
            _pendingOffset = 0;
        }

        var copied = Math.Min(_pendingCount, buffer.Length);
        _bytes.AsSpan(_pendingOffset, copied).CopyTo(buffer);
        _pendingOffset += copied;
        _pendingCount -= copied;
        return copied;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
