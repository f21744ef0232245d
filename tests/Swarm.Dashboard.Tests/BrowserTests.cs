using Microsoft.Playwright;
using Scoring.Ingestion;

namespace Swarm.Dashboard.Tests;

public sealed class BrowserTests
{
    private const long T0 = 1_767_225_600;

    private static IReportScorer Scorer() => new FlopsScorer();

    [BrowserFact]
    public async Task ThePageShowsRanksAndScoresAndUpdatesWithoutReload()
    {
        string chromium = Chromium.Path ?? throw new InvalidOperationException("SCORING_REQUIRE_BROWSER=1 but chromium is not on PATH: apt-get install chromium.");
        await using var host = await DashboardHost.StartAsync(Scorer(), new Dictionary<string, string?> { ["Dashboard:RefreshSeconds"] = "1" });
        var alice = await host.RegisterAsync("p-a", "alice");
        var bob = await host.RegisterAsync("p-b", "bob");
        (await host.PostAsync(alice, DashboardHost.Report("a1", alice, T0, 2e15))).EnsureSuccessStatusCode();
        (await host.PostAsync(bob, DashboardHost.Report("b1", bob, T0 + 10, 5e15))).EnsureSuccessStatusCode();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        var outside = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(host.Address.ToString(), StringComparison.Ordinal))
                outside.Add(request.Url);
        };
        await page.GotoAsync(host.Address.ToString());
        await page.EvaluateAsync("() => { window.loadedOnce = true; }");

        var expect = Assertions.Expect(page.Locator("#leaderboard tbody tr"));
        await expect.ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("tr[data-username='bob'] td.rank")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("tr[data-username='bob'] td.score")).ToHaveTextAsync("5");
        await Assertions.Expect(page.Locator("tr[data-username='alice'] td.rank")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("tr[data-username='alice'] td.score")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("#chart polyline")).ToHaveCountAsync(2);

        (await host.PostAsync(alice, DashboardHost.Report("a2", alice, T0 + 60, 4.5e15))).EnsureSuccessStatusCode();

        await Assertions.Expect(page.Locator("tr[data-username='alice'] td.rank")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("tr[data-username='alice'] td.score")).ToHaveTextAsync("6.5");
        await Assertions.Expect(page.Locator("tr[data-username='bob'] td.rank")).ToHaveTextAsync("2");
        Assert.True(await page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "the page reloaded instead of updating in place");
        Assert.Empty(outside);
    }
}
