using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Swarm.Dashboard.Tests;

public sealed class OptionsTests
{
    [Fact]
    public async Task ABadValueFailsAtStartNamingTheKey()
    {
        var (app, folder) = DashboardHost.Build(new FlopsScorer(), new Dictionary<string, string?> { ["Dashboard:RefreshSeconds"] = "0" });
        try
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
            Assert.Contains("Dashboard:RefreshSeconds:", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await app.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AChangedAppsettingsValueTakesEffectWithoutARestart()
    {
        string file = Path.Combine(Path.GetTempPath(), $"dashboard-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{ "Dashboard": { "RefreshSeconds": 5 } }""");
        try
        {
            await using var host = await DashboardHost.StartAsync(new FlopsScorer(), settingsFile: file);
            Assert.Equal(5, (await host.Client.GetFromJsonAsync<PageConfig>("/api/config"))!.RefreshSeconds);

            await File.WriteAllTextAsync(file, """{ "Dashboard": { "RefreshSeconds": 240 } }""");

            // The file watcher reloads asynchronously: poll until the new value shows (or give up after 20 s).
            PageConfig? config = null;
            for (int attempt = 0; attempt < 200; attempt++)
            {
                config = await host.Client.GetFromJsonAsync<PageConfig>("/api/config");
                if (config!.RefreshSeconds == 240)
                    break;
                await Task.Delay(100);
            }
            Assert.Equal(240, config!.RefreshSeconds);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
