namespace Swarm.Dashboard.Tests;

/// <summary>
/// A fact that needs Debian's <c>chromium</c> on PATH: skipped where it is missing, unless
/// <c>SCORING_REQUIRE_BROWSER=1</c> (CI), where the test runs and fails loudly instead.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.Path is null && Environment.GetEnvironmentVariable("SCORING_REQUIRE_BROWSER") != "1")
            Skip = "chromium is not on PATH (apt-get install chromium); set SCORING_REQUIRE_BROWSER=1 to fail instead of skipping.";
    }
}
