using System.Text;

namespace Pog.Validator;

/// <summary>
/// Reads the <c>*.jsonl</c> files of a folder as they grow: each call returns the complete lines added since the
/// previous call (a line still being written, without its newline, waits for the next call).
/// </summary>
public sealed class FolderResultFeed(string folder) : IResultFeed
{
    private readonly Dictionary<string, (long Offset, long Line)> _positions = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public IReadOnlyList<(string Origin, string Line)> ReadNew()
    {
        var lines = new List<(string, string)>();
        if (!Directory.Exists(folder))
            return lines;
        foreach (string file in Directory.EnumerateFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
        {
            var (offset, lineNumber) = _positions.GetValueOrDefault(file);
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length < offset)
                (offset, lineNumber) = (0, 0); // truncated or replaced: read it again from the start
            stream.Position = offset;
            var buffer = new byte[stream.Length - offset];
            stream.ReadExactly(buffer);
            int start = 0;
            for (int i = 0; i < buffer.Length; i++)
            {
                if (buffer[i] != (byte)'\n')
                    continue;
                lineNumber++;
                string line = Encoding.UTF8.GetString(buffer, start, i - start).TrimEnd('\r');
                lines.Add(($"{Path.GetFileName(file)}:{lineNumber}", line));
                start = i + 1;
            }
            _positions[file] = (offset + start, lineNumber);
        }
        return lines;
    }
}
