using System.Security.Cryptography;

namespace Scoring.Gpu;

/// <summary>
/// The on-disk store of compiled program binaries (<c>clGetProgramInfo(CL_PROGRAM_BINARIES)</c>), keyed by a SHA-256 of
/// the source, the build options and the platform/device/driver identity, so a driver upgrade or another device never
/// reuses a stale binary. Each file carries a checksum; a corrupt, truncated or rejected file is deleted and the
/// program is rebuilt from source. Writes are atomic (temporary file, then rename), so concurrent processes are safe.
/// </summary>
public sealed class OpenClProgramCache
{
    private static ReadOnlySpan<byte> Magic => "SCLBIN01"u8;

    /// <summary>Creates a cache in <paramref name="directory"/>, or a memory-only cache when it is <see langword="null"/>.</summary>
    public OpenClProgramCache(string? directory)
    {
        Directory = directory is null ? null : Path.GetFullPath(directory);
    }

    /// <summary>The cache folder, or <see langword="null"/> when binaries are not kept on disk.</summary>
    public string? Directory { get; }

    /// <summary>A cache that keeps nothing on disk (programs are still built once per context).</summary>
    public static OpenClProgramCache MemoryOnly { get; } = new(directory: null);

    /// <summary>
    /// <c>$SCORING_OPENCL_CACHE</c> when set, else <c>$XDG_CACHE_HOME/scoring/opencl</c>, else
    /// <c>~/.cache/scoring/opencl</c> (on Windows, <c>%LOCALAPPDATA%\scoring\opencl</c>).
    /// </summary>
    public static string DefaultDirectory => ResolveDefaultDirectory(
        Environment.GetEnvironmentVariable("SCORING_OPENCL_CACHE"),
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME"),
        OperatingSystem.IsWindows()
            ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"));

    /// <summary>The default-folder rule as a pure function of the environment.</summary>
    internal static string ResolveDefaultDirectory(string? configured, string? xdgCacheHome, string platformCacheRoot) =>
        !string.IsNullOrEmpty(configured) ? configured
        : Path.Combine(string.IsNullOrEmpty(xdgCacheHome) ? platformCacheRoot : xdgCacheHome, "scoring", "opencl");

    /// <summary>A cache in <see cref="DefaultDirectory"/>.</summary>
    public static OpenClProgramCache CreateDefault() => new(DefaultDirectory);

    /// <summary>The file that holds the binary for <paramref name="key"/> (a hex SHA-256), or <see langword="null"/> for a memory-only cache.</summary>
    internal string? PathFor(string key) => Directory is null ? null : Path.Combine(Directory, key + ".clbin");

    /// <summary>Reads a binary; on a miss returns <see langword="false"/>, with a note when a bad file was found and removed.</summary>
    internal bool TryRead(string key, out byte[] binary, out string? note)
    {
        binary = [];
        note = null;
        string? path = PathFor(key);
        if (path is null || !File.Exists(path))
        {
            return false;
        }

        try
        {
            byte[] file = File.ReadAllBytes(path);
            if (Decode(file) is byte[] payload)
            {
                binary = payload;
                return true;
            }

            note = $"cache file {path} is corrupt (bad header, length or checksum); rebuilt from source";
        }
        catch (IOException ex)
        {
            note = $"cache file {path} could not be read ({ex.Message}); rebuilt from source";
        }
        catch (UnauthorizedAccessException ex)
        {
            note = $"cache file {path} could not be read ({ex.Message}); rebuilt from source";
        }

        Remove(key);
        return false;
    }

    /// <summary>Stores a binary atomically; returns a note instead of failing when the folder is not writable.</summary>
    internal string? Write(string key, ReadOnlySpan<byte> binary)
    {
        string? path = PathFor(key);
        if (path is null)
        {
            return null;
        }

        string temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            System.IO.Directory.CreateDirectory(Directory!);
            File.WriteAllBytes(temporary, Encode(binary));
            File.Move(temporary, path, overwrite: true);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            return $"program binary not cached to {path}: {ex.Message}";
        }
    }

    /// <summary>Deletes the file for <paramref name="key"/> (e.g. when the driver rejected the binary).</summary>
    internal void Remove(string key)
    {
        if (PathFor(key) is string path)
        {
            TryDelete(path);
        }
    }

    /// <summary>Layout: magic (8) · payload length (8, little-endian) · SHA-256 of payload (32) · payload.</summary>
    internal static byte[] Encode(ReadOnlySpan<byte> payload)
    {
        byte[] file = new byte[Magic.Length + 8 + 32 + payload.Length];
        Magic.CopyTo(file);
        BitConverter.TryWriteBytes(file.AsSpan(Magic.Length, 8), (long)payload.Length);
        SHA256.HashData(payload, file.AsSpan(Magic.Length + 8, 32));
        payload.CopyTo(file.AsSpan(Magic.Length + 8 + 32));
        return file;
    }

    /// <summary>The payload of a well-formed file, or <see langword="null"/>.</summary>
    internal static byte[]? Decode(ReadOnlySpan<byte> file)
    {
        const int headerLength = 8 + 8 + 32;
        if (file.Length < headerLength || !file[..Magic.Length].SequenceEqual(Magic))
        {
            return null;
        }

        long length = BitConverter.ToInt64(file.Slice(Magic.Length, 8));
        ReadOnlySpan<byte> payload = file[headerLength..];
        if (length != payload.Length || length == 0)
        {
            return null;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(payload, hash);
        return hash.SequenceEqual(file.Slice(Magic.Length + 8, 32)) ? payload.ToArray() : null;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a file we cannot delete is re-validated (and rejected) on every read.
        }
    }
}
