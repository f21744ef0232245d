using System.Text;

namespace Scoring.Samples;

/// <summary>
/// Follows a file that grows by whole lines (a jobs file, a folder's result files): each <see cref="ReadNew"/> returns
/// the complete lines appended since the previous call, numbered from 1 (a line without its newline yet waits). Memory
/// stays bounded whatever is appended: one call reads at most <see cref="MaxReadBytes"/> (the rest comes with the next
/// calls), and a line longer than <see cref="MaxLineBytes"/> is returned cut to one byte more than that — the decoder
/// then refuses it as too long, with its line number — and its remainder is skipped. A file that shrinks was replaced:
/// it is read again from the start.
/// </summary>
/// <param name="path">The file; while it does not exist there are no lines.</param>
internal sealed class GrowingFile(string path)
{
    /// <summary>The longest line returned whole, in bytes: a report line's limit.</summary>
    public const int MaxLineBytes = Scoring.Reports.ReportLimits.MaxLineBytes;

    /// <summary>The most bytes one call reads.</summary>
    public const int MaxReadBytes = 16 << 20;

    private long _offset;
    private long _line;
    private bool _skipping;

    /// <summary>The file followed.</summary>
    public string Path => path;

    /// <summary>The new complete lines with their line numbers.</summary>
    public IReadOnlyList<(long Line, string Text)> ReadNew()
    {
        var lines = new List<(long, string)>();
        if (!File.Exists(path))
            return lines;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length < _offset)
            (_offset, _line, _skipping) = (0, 0, false);
        stream.Position = _offset;
        var buffer = new byte[(int)Math.Min(stream.Length - _offset, MaxReadBytes)];
        stream.ReadExactly(buffer);
        int start = 0;
        for (int i = 0; i < buffer.Length; i++)
        {
            if (buffer[i] != (byte)'\n')
                continue;
            if (!_skipping)
                lines.Add((++_line, Text(buffer, start, i - start)));
            _skipping = false;
            start = i + 1;
        }
        if (buffer.Length - start > MaxLineBytes && !_skipping)
        {
            // A line too long to keep: hand over its head now (it is refused downstream) and skip the rest of it.
            lines.Add((++_line, Text(buffer, start, MaxLineBytes + 1)));
            _skipping = true;
        }
        _offset += _skipping ? buffer.Length : start;
        return lines;
    }

    private static string Text(byte[] buffer, int start, int length) => Encoding.UTF8.GetString(buffer, start, length).TrimEnd('\r');
}
