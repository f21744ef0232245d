namespace Scoring.Gpu.Tests;

/// <summary>A fresh folder under the system temp path, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Creates the folder.</summary>
    public TempDirectory() => Directory.CreateDirectory(Path);

    /// <summary>The folder's full path.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "scoring-gpu-tests-" + Guid.NewGuid().ToString("N"));

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
