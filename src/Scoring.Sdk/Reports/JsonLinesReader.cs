using System.Buffers;

namespace Scoring.Reports;

/// <summary>
/// Splits a UTF-8 byte stream into lines in bounded memory: one buffer of about twice
/// <see cref="ReportLimits.MaxLineBytes"/>, whatever the input's size. Lines end at <c>\n</c>; a trailing
/// <c>\r</c> is dropped, and so is a UTF-8 byte order mark at the start. A line longer than the limit is skipped
/// to its end and returned as <see cref="IsTooLong"/> with only its first bytes, so one runaway line never
/// stops the rest.
/// </summary>
internal sealed class JsonLinesReader : IDisposable, IAsyncDisposable
{
    private const int ReadSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly int _maxLineBytes;
    private readonly byte[] _buffer;
    private bool _disposed;
    private int _start;
    private int _end;
    private int _scanFrom;
    private bool _endOfStream;
    private bool _byteOrderMarkChecked;
    private bool _skippingLongLine;

    /// <summary>Creates a reader over <paramref name="stream"/>.</summary>
    /// <param name="stream">The UTF-8 input.</param>
    /// <param name="maxLineBytes">The longest line returned whole, in bytes without its terminator.</param>
    /// <param name="leaveOpen">Whether disposing the reader leaves <paramref name="stream"/> open.</param>
    public JsonLinesReader(Stream stream, int maxLineBytes = ReportLimits.MaxLineBytes, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLineBytes, Array.MaxLength - 2 - ReadSize);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _maxLineBytes = maxLineBytes;
        // Pooled: the buffer (128 KB by default) is a large object, and a host that decodes many small inputs — the swarm
        // dashboard, a reader per request body — spent a third of its CPU in the full collections they caused.
        _buffer = ArrayPool<byte>.Shared.Rent(maxLineBytes + 2 + ReadSize);
    }

    private enum Step
    {
        Line,
        NeedData,
        Finished,
    }

    /// <summary>The 1-based number of the current line; every <c>\n</c> counts, blank lines included.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The current line without its terminator; valid until the next read.</summary>
    public ReadOnlyMemory<byte> Line { get; private set; }

    /// <summary>Whether the current line was longer than the limit; <see cref="Line"/> then holds only its first bytes.</summary>
    public bool IsTooLong { get; private set; }

    /// <summary>The current line's full length in bytes, including what was skipped of a line that is too long.</summary>
    public long LineLength { get; private set; }

    /// <summary>Advances to the next line.</summary>
    /// <returns><see langword="false"/> at the end of the input.</returns>
    public bool Read()
    {
        while (true)
        {
            switch (TakeLine())
            {
                case Step.Line:
                    return true;
                case Step.Finished:
                    return false;
            }

            var read = _stream.Read(_buffer, PrepareFill(), _buffer.Length - _end);
            CompleteFill(read);
        }
    }

    /// <summary>Advances to the next line, reading asynchronously.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><see langword="false"/> at the end of the input.</returns>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            switch (TakeLine())
            {
                case Step.Line:
                    return true;
                case Step.Finished:
                    return false;
            }

            var offset = PrepareFill();
            var read = await _stream.ReadAsync(_buffer.AsMemory(offset, _buffer.Length - offset), cancellationToken).ConfigureAwait(false);
            CompleteFill(read);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ReturnBuffer();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        ReturnBuffer();
        return _leaveOpen ? ValueTask.CompletedTask : _stream.DisposeAsync();
    }

    /// <summary>Gives the buffer back to the pool once; <see cref="Line"/> is no longer valid after.</summary>
    private void ReturnBuffer()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Line = default;
        ArrayPool<byte>.Shared.Return(_buffer);
    }

    /// <summary>Finds the next complete line in the buffer without any I/O.</summary>
    private Step TakeLine()
    {
        if (!_byteOrderMarkChecked)
        {
            if (_end - _start < 3 && !_endOfStream)
            {
                return Step.NeedData;
            }

            if (_buffer.AsSpan(_start, _end - _start).StartsWith("\uFEFF"u8))
            {
                _start += 3;
                _scanFrom = _start;
            }

            _byteOrderMarkChecked = true;
        }

        if (_skippingLongLine)
        {
            return SkipLongLine();
        }

        var newline = _buffer.AsSpan(_scanFrom, _end - _scanFrom).IndexOf((byte)'\n');
        if (newline >= 0)
        {
            var lineEnd = _scanFrom + newline;
            SetLine(_start, lineEnd - _start, tooLong: false, lineEnd - _start);
            _start = _scanFrom = lineEnd + 1;
            return Step.Line;
        }

        _scanFrom = _end;
        // One byte of slack for a '\r' before the '\n': such a line is too long only if it is longer without it.
        if (_end - _start > _maxLineBytes + 1)
        {
            // Keep the line's first bytes at the buffer's start for the caller's error report and drop the rest
            // until its end, so memory stays bounded however long the line is.
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _maxLineBytes);
            LineLength = _end - _start;
            _start = _end = _scanFrom = _maxLineBytes;
            _skippingLongLine = true;
            return _endOfStream ? SkipLongLine() : Step.NeedData;
        }

        if (_endOfStream)
        {
            if (_start == _end)
            {
                return Step.Finished;
            }

            SetLine(_start, _end - _start, tooLong: false, _end - _start);
            _start = _scanFrom = _end;
            return Step.Line;
        }

        return Step.NeedData;
    }

    private Step SkipLongLine()
    {
        var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
        if (newline < 0 && !_endOfStream)
        {
            LineLength += _end - _start;
            _start = _end = _scanFrom = _maxLineBytes;
            return Step.NeedData;
        }

        var skipped = newline < 0 ? _end - _start : newline;
        SetLine(0, _maxLineBytes, tooLong: true, LineLength + skipped);
        _start = _scanFrom = newline < 0 ? _end : _start + newline + 1;
        _skippingLongLine = false;
        return Step.Line;
    }

    private void SetLine(int start, int length, bool tooLong, long fullLength)
    {
        if (!tooLong && length > 0 && _buffer[start + length - 1] == (byte)'\r')
        {
            length--;
            fullLength--;
        }

        if (length > _maxLineBytes)
        {
            length = _maxLineBytes;
            tooLong = true;
        }

        LineNumber++;
        Line = _buffer.AsMemory(start, length);
        IsTooLong = tooLong;
        LineLength = fullLength;
    }

    /// <summary>Moves unread bytes to the buffer's start (keeping a skipped line's prefix) and returns where to read to.</summary>
    private int PrepareFill()
    {
        var keep = _skippingLongLine ? _maxLineBytes : 0;
        if (_start > keep)
        {
            var unread = _end - _start;
            Buffer.BlockCopy(_buffer, _start, _buffer, keep, unread);
            _scanFrom -= _start - keep;
            _start = keep;
            _end = keep + unread;
        }

        return _end;
    }

    private void CompleteFill(int read)
    {
        if (read == 0)
        {
            _endOfStream = true;
        }
        else
        {
            _end += read;
        }
    }
}
