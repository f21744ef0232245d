using System.Text;

namespace Jobs.Host;

/// <summary>
/// Follows a growing JSON Lines file: each call returns the complete lines written since the previous call, with
/// their line numbers (a line without its newline yet waits). A file that shrinks was replaced: it is read again.
/// </summary>
public sealed class JobsFileTail(string path)
{
    private long _offset;
    private long _line;

    /// <summary>The new complete lines.</summary>
    public IReadOnlyList<(long Line, string Text)> ReadNew()
    {
        var lines = new List<(long, string)>();
        if (!File.Exists(path))
            return lines;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length < _offset)
            (_offset, _line) = (0, 0);
        stream.Position = _offset;
        var buffer = new byte[stream.Length - _offset];
        stream.ReadExactly(buffer);
        int start = 0;
        for (int i = 0; i < buffer.Length; i++)
        {
            if (buffer[i] != (byte)'\n')
                continue;
            lines.Add((++_line, Encoding.UTF8.GetString(buffer, start, i - start).TrimEnd('\r')));
            start = i + 1;
        }
        _offset += start;
        return lines;
    }
}
