using System.Reflection;

namespace Scoring.PublicApi.Tests;

/// <summary>The packages the repository ships: one per project under <c>src/</c> (those are the packable ones).</summary>
internal static class ShippedPackages
{
    /// <summary>The repository root: the folder holding Scoring.sln above the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Each package's name (its project's and assembly's name), in ordinal order.</summary>
    public static IReadOnlyList<string> Names { get; } =
        Directory.GetDirectories(Path.Combine(Root, "src"))
            .SelectMany(folder => Directory.GetFiles(folder, "*.csproj"))
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal)
            .ToArray()!;

    /// <summary>Where the package's public-API baseline is kept: beside its project.</summary>
    public static string BaselinePath(string package) => Path.Combine(Root, "src", package, "PublicAPI.txt");

    /// <summary>The package's assembly, which this test project must reference.</summary>
    public static Assembly Load(string package)
    {
        try
        {
            return Assembly.Load(new AssemblyName(package));
        }
        catch (FileNotFoundException)
        {
            Assert.Fail($"src/{package} ships a package, but tests/Scoring.PublicApi.Tests does not reference it: add " +
                        $"<ProjectReference Include=\"..\\..\\src\\{package}\\{package}.csproj\" /> to its project file.");
            throw;
        }
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Scoring.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"No Scoring.sln above {AppContext.BaseDirectory}.");
    }
}
