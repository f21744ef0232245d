namespace Swarm.Dashboard;

/// <summary>The dashboard page, embedded in the assembly so the host serves it from any working folder.</summary>
internal static class Page
{
    public static string Html { get; } = Load();

    private static string Load()
    {
        using var stream = typeof(Page).Assembly.GetManifestResourceStream("Swarm.Dashboard.index.html")
            ?? throw new InvalidOperationException("The embedded page Swarm.Dashboard.index.html is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
