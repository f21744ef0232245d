namespace Scoring.Cli.Tests;

/// <summary>Reads the CLI's tables back: each row's cells, trimmed (a row that wraps continues on the next line).</summary>
internal static class TableText
{
    /// <summary>The rows of every table in <paramref name="output"/>, header rows included, as their cells.</summary>
    public static IReadOnlyList<string[]> Rows(string output) =>
        output.Split('\n')
            .Select(line => line.TrimEnd('\r').Trim())
            .Where(line => line.StartsWith('│') && line.EndsWith('│'))
            .Select(line => line[1..^1].Split('│').Select(cell => cell.Trim()).ToArray())
            .ToArray();

    /// <summary>Whether some row starts with <paramref name="cells"/>.</summary>
    public static bool HasRow(string output, params string[] cells) =>
        Rows(output).Any(row => row.Length >= cells.Length && row.Take(cells.Length).SequenceEqual(cells));
}
