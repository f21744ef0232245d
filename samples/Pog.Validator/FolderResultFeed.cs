namespace Pog.Validator;

/// <summary>
/// Reads the <c>*.jsonl</c> files of a folder as they grow: each call returns the complete lines added since the
/// previous call (a line still being written, without its newline, waits for the next call), each file followed by a
/// <see cref="GrowingFile"/> (bounded reads, a file that shrinks is read again from the start).
/// </summary>
public sealed class FolderResultFeed(string folder) : IResultFeed
{
    private readonly Dictionary<string, GrowingFile> _files = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public IReadOnlyList<(string Origin, string Line)> ReadNew()
    {
        var lines = new List<(string, string)>();
        if (!Directory.Exists(folder))
            return lines;
        foreach (string file in Directory.EnumerateFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
        {
            if (!_files.TryGetValue(file, out var growing))
                _files[file] = growing = new GrowingFile(file);
            foreach (var (number, line) in growing.ReadNew())
                lines.Add(($"{Path.GetFileName(file)}:{number}", line));
        }
        return lines;
    }
}
