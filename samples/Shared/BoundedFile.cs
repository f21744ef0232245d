using System.Globalization;
using System.Text;

namespace Scoring.Samples;

/// <summary>
/// Reads a whole settings or input file only up to a size that makes sense for it, so that a wrong path
/// (<c>/dev/zero</c>, a log file, a disk image) fails at once with a clear message instead of filling memory. A device or
/// pipe reports no length, so the read itself is bounded too, not just the length check. Shared by the CLI and the hosts.
/// </summary>
internal static class BoundedFile
{
    /// <summary>The largest settings file read (an options file, a GPU score table): they hold a few KiB; 1 MiB means a wrong file.</summary>
    public const int MaxSettingsFileBytes = 1 << 20;

    /// <summary>Reads <paramref name="path"/> whole.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The largest size accepted.</param>
    /// <param name="what">What the file is, for the message (<c>--options</c>, <c>Validator:GpuConfig</c>).</param>
    /// <exception cref="InvalidDataException">The file is larger than <paramref name="maxBytes"/>, or is a folder.</exception>
    /// <exception cref="IOException">The file cannot be read (missing, no permission: <see cref="UnauthorizedAccessException"/>).</exception>
    public static byte[] ReadAllBytes(string path, int maxBytes, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (Directory.Exists(path))
            throw new InvalidDataException($"{what} '{path}' is a folder, not a file.");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.CanSeek && stream.Length > maxBytes)
            throw TooLarge(path, maxBytes, what);
        var content = new MemoryStream();
        var buffer = new byte[Math.Min(maxBytes + 1, 81_920)];
        int read;
        while ((read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, maxBytes + 1L - content.Length))) > 0)
        {
            content.Write(buffer, 0, read);
            if (content.Length > maxBytes)
                throw TooLarge(path, maxBytes, what);
        }
        return content.ToArray();
    }

    /// <summary>Reads <paramref name="path"/> whole as UTF-8 text (a byte-order mark is skipped, invalid bytes become U+FFFD).</summary>
    /// <inheritdoc cref="ReadAllBytes" path="/param"/>
    /// <inheritdoc cref="ReadAllBytes" path="/exception"/>
    public static string ReadAllText(string path, int maxBytes, string what)
    {
        byte[] bytes = ReadAllBytes(path, maxBytes, what);
        ReadOnlySpan<byte> text = bytes;
        if (text.StartsWith(Encoding.UTF8.Preamble))
            text = text[Encoding.UTF8.Preamble.Length..];
        return Encoding.UTF8.GetString(text);
    }

    /// <summary>A size for people: <c>1 MiB</c>, <c>64 KiB</c>, <c>300 bytes</c>.</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1 << 20 when bytes % (1 << 20) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 20} MiB"),
        >= 1 << 10 when bytes % (1 << 10) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 10} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes"),
    };

    private static InvalidDataException TooLarge(string path, int maxBytes, string what) =>
        new($"{what} '{path}' is larger than {Size(maxBytes)}, the most such a file may hold; it was not read (is it the right file?).");
}
