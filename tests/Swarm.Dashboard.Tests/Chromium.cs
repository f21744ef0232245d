namespace Swarm.Dashboard.Tests;

/// <summary>Finds the system Chromium (never a downloaded one: <c>playwright install</c> is not used).</summary>
internal static class Chromium
{
    public static string? Path { get; } = Find();

    private static string? Find()
    {
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = System.IO.Path.Combine(folder, "chromium");
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
