using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Swarm.Dashboard.Tests;

public sealed class OptionsTests
{
    [Fact]
    public async Task ABadValueFailsAtStartNamingTheKey()
    {
        string folder = DashboardHost.NewFolder();
        var app = DashboardHost.Build(folder, new Dictionary<string, string?> { ["Dashboard:RefreshSeconds"] = "0" });
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

    [Theory]
    [InlineData("--Dashboard:RefreshSeconds=0", "error: Dashboard:RefreshSeconds:")]
    [InlineData("--Scoring:Swarm:PeerCap=0", "error: Swarm:PeerCap")]
    [InlineData("--Scoring:RuleSets:Files:0=missing.rules.json", "missing.rules.json")]
    public async Task TheServerPrintsOneLineAndExitsWithOneWhenASettingIsBad(string setting, string expected)
    {
        string folder = DashboardHost.NewFolder();
        try
        {
            var error = new StringWriter();
            string[] args = [.. DashboardHost.Settings(folder).Select(s => $"--{s.Key}={s.Value}"), setting];

            int exitCode = await DashboardApp.RunAsync(args, error);

            Assert.Equal(1, exitCode);
            string text = error.ToString();
            Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("error: ", text, StringComparison.Ordinal);
            Assert.Contains(expected, text, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task TheContentRootsAppsettingsIsPolledNotWatchedAndAChangeTakesEffect()
    {
        string folder = DashboardHost.NewFolder();
        string file = Path.Combine(folder, "appsettings.json");
        await File.WriteAllTextAsync(file, """{ "Dashboard": { "RefreshSeconds": 5 } }""");
        var settings = DashboardHost.Settings(folder);
        settings.Remove("Urls");
        var app = DashboardApp.Build([$"--contentRoot={folder}", .. settings.Select(s => $"--{s.Key}={s.Value}")]);
        try
        {
            // No watcher over the content root, which holds the ledger: every settings file is polled. (A provider that
            // polls actively has no FileSystemWatcher; its UsePollingFileWatcher reads false once it watches a file.)
            var files = ((IConfigurationBuilder)app.Configuration).Sources.OfType<JsonConfigurationSource>().ToList();
            Assert.Contains(files, f => f.Path == "appsettings.json");
            Assert.All(files, f => Assert.True(f.ReloadOnChange && f.FileProvider is PhysicalFileProvider { UseActivePolling: true }, f.Path));

            var options = app.Services.GetRequiredService<IOptionsMonitor<DashboardOptions>>();
            Assert.Equal(5, options.CurrentValue.RefreshSeconds);
            await File.WriteAllTextAsync(file, """{ "Dashboard": { "RefreshSeconds": 240 } }""");
            // Polled every 4 s: wait for the new value (or give up after 20 s).
            for (int attempt = 0; attempt < 200 && options.CurrentValue.RefreshSeconds != 240; attempt++)
                await Task.Delay(100);
            Assert.Equal(240, options.CurrentValue.RefreshSeconds);
        }
        finally
        {
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
            await using var host = await DashboardHost.StartAsync(settingsFile: file);
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
