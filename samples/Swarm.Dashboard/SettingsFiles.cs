using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Swarm.Dashboard;

/// <summary>
/// How the dashboard notices a changed settings file (<c>appsettings.json</c>, <c>appsettings.{Environment}.json</c>):
/// it polls them every 4 seconds instead of using the host's file watcher. That watcher covers the whole content root,
/// which holds the ledger by default, so it woke up for every write of the ledger's write-ahead log — 4 % of the
/// server's CPU under load (bench/README.md, "Dashboard ingest over HTTP"). A host started with
/// <c>hostBuilder:reloadConfigOnChange=false</c> reloads nothing, as with any .NET host.
/// </summary>
internal static class SettingsFiles
{
    private const string ReloadKey = "hostBuilder:reloadConfigOnChange";

    /// <summary>Creates the web application builder with its settings files polled for changes.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        // Where the host itself reads this switch: DOTNET_ environment variables and the command line.
        var host = new ConfigurationBuilder().AddEnvironmentVariables("DOTNET_").AddCommandLine(args).Build();
        if (!host.GetValue(ReloadKey, defaultValue: true))
            return WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. args, $"--{ReloadKey}=false"] });
        var sources = builder.Configuration.Sources;
        for (int i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { ReloadOnChange: false, Path: { } path, FileProvider: PhysicalFileProvider files } settings)
            {
                sources[i] = new JsonConfigurationSource
                {
                    Path = path,
                    Optional = settings.Optional,
                    ReloadOnChange = true,
                    ReloadDelay = settings.ReloadDelay,
                    FileProvider = new PhysicalFileProvider(files.Root) { UsePollingFileWatcher = true, UseActivePolling = true },
                };
            }
        }
        return builder;
    }
}
