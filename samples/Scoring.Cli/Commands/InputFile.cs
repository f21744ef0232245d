namespace Scoring.Cli.Commands;

/// <summary>
/// Reads a whole input file named on the command line (an options file, a GPU table, a report, a scores document), up to
/// a size that makes sense for it (<see cref="BoundedFile"/>), with one message naming the option for every failure.
/// </summary>
internal static class InputFile
{
    /// <summary>Reads <paramref name="path"/> as UTF-8 bytes.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest size accepted.</param>
    /// <param name="option">The option that named it, e.g. <c>--options</c>.</param>
    /// <exception cref="CommandException">The file is missing, unreadable, a folder or too large; the message names <paramref name="option"/>.</exception>
    public static byte[] ReadAllBytes(string path, int maxBytes, string option)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new CommandException($"{option} '{path}': the file does not exist.");
        try
        {
            return BoundedFile.ReadAllBytes(path, maxBytes, option);
        }
        catch (InvalidDataException exception)
        {
            throw new CommandException(exception.Message, exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CommandException($"{option} '{path}' cannot be read: {CommandFailures.OneLine(exception.Message)}", exception);
        }
    }

    /// <summary>Reads <paramref name="path"/> as UTF-8 text (a byte-order mark is skipped, invalid bytes become U+FFFD).</summary>
    /// <inheritdoc cref="ReadAllBytes" path="/param"/>
    /// <inheritdoc cref="ReadAllBytes" path="/exception"/>
    public static string ReadAllText(string path, int maxBytes, string option)
    {
        var bytes = ReadAllBytes(path, maxBytes, option);
        return new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true).ReadToEnd();
    }
}
