using Microsoft.Playwright;
using Scoring;

namespace Swarm.Dashboard.Tests;

public sealed class BrowserTests
{
    private const long T0 = 1_767_225_600;

    [BrowserFact]
    public async Task ThePageShowsRanksAndScoresAndUpdatesWithoutReload()
    {
        string chromium = Chromium.Path ?? throw new InvalidOperationException("SCORING_REQUIRE_BROWSER=1 but chromium is not on PATH: apt-get install chromium.");
        // The host's own swarm scheme (compute + presence); no reorder window, so each report settles as it arrives.
        await using var host = await DashboardHost.StartAsync(new Dictionary<string, string?>
        {
            ["Dashboard:RefreshSeconds"] = "1",
            ["Scoring:Swarm:ReorderWindow"] = "00:00:00",
        });
        var alice = await host.RegisterAsync("p-a", "alice");
        var bob = await host.RegisterAsync("p-b", "bob");
        (await host.PostAsync(alice, DashboardHost.Report("a1", alice, T0, 2e15) + "\n" + DashboardHost.Report("a2", alice, T0 + 60, 1e15))).EnsureSuccessStatusCode();
        (await host.PostAsync(bob, DashboardHost.Report("b1", bob, T0, 5e15) + "\n" + DashboardHost.Report("b2", bob, T0 + 60, 1e15))).EnsureSuccessStatusCode();
        var board = await host.RowsAsync();
        // Real swarm points: the scheme settles a report once a newer one of its account arrives, so the newest
        // report of each account is still held: 2 and 5 compute points so far.
        Assert.Equal(Points.FromUnits(2_000_000), board["alice"].Compute);
        Assert.Equal(Points.FromUnits(5_000_000), board["bob"].Compute);

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
        await Assertions.Expect(page.Locator("tr[data-username='bob'] td.score")).ToHaveTextAsync(board["bob"].Score.ToString());
        await Assertions.Expect(page.Locator("tr[data-username='alice'] td.rank")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("tr[data-username='alice'] td.score")).ToHaveTextAsync(board["alice"].Score.ToString());
        await Assertions.Expect(page.Locator("#chart polyline")).ToHaveCountAsync(2);

        (await host.PostAsync(alice, DashboardHost.Report("a3", alice, T0 + 120, 4e15) + "\n" + DashboardHost.Report("a4", alice, T0 + 180, 1e15))).EnsureSuccessStatusCode();
        board = await host.RowsAsync();
        Assert.Equal(Points.FromUnits(7_000_000), board["alice"].Compute);
        Assert.True(board["alice"].Presence > Points.Zero, "two minutes online earn presence points");

        await Assertions.Expect(page.Locator("tr[data-username='alice'] td.rank")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("tr[data-username='alice'] td.score")).ToHaveTextAsync(board["alice"].Score.ToString());
        await Assertions.Expect(page.Locator("tr[data-username='bob'] td.rank")).ToHaveTextAsync("2");
        Assert.True(await page.EvaluateAsync<bool>("() => window.loadedOnce === true"), "the page reloaded instead of updating in place");
        Assert.Empty(outside);
    }
}
