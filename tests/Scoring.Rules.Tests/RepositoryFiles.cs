namespace Scoring.Rules.Tests;

/// <summary>Finds files of the repository (docs, sample data) from the test's output folder.</summary>
internal static class RepositoryFiles
{
    /// <summary>The full path of <paramref name="relativePath"/>, searched upwards from the test assembly's folder.</summary>
    public static string Find(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"{relativePath} not found above {AppContext.BaseDirectory}");
    }

    /// <summary>The non-blank lines of a repository file.</summary>
    public static string[] Lines(string relativePath) =>
        File.ReadAllLines(Find(relativePath)).Where(l => !string.IsNullOrWhiteSpace(l)).ToArray();
}
