using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scoring.Ingestion;

namespace Swarm.Dashboard.Tests;

/// <summary>The dashboard started in-process on a free loopback port, with its ledger and peer files in a temporary folder.</summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    private DashboardHost(WebApplication app, string folder, Uri address)
    {
        _app = app;
        _folder = folder;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Builds the host (with <paramref name="scorer"/> when given) without starting it.</summary>
    public static (WebApplication App, string Folder) Build(IReportScorer? scorer, IDictionary<string, string?>? settings = null, string? settingsFile = null)
    {
        string folder = Path.Combine(Path.GetTempPath(), "swarm-dashboard-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var app = DashboardApp.Build([], builder =>
        {
            var values = new Dictionary<string, string?>
            {
                ["Urls"] = "http://127.0.0.1:0",
                ["Scoring:Ledger:Path"] = Path.Combine(folder, "ledger.db"),
                ["Dashboard:PeersPath"] = Path.Combine(folder, "peers.db"),
                ["Logging:LogLevel:Default"] = "Warning",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
                values[key] = value;
            builder.Configuration.AddInMemoryCollection(values);
            if (settingsFile is not null)
                builder.Configuration.AddJsonFile(settingsFile, optional: false, reloadOnChange: true);
            if (scorer is not null)
                builder.Services.AddSingleton(scorer);
        });
        return (app, folder);
    }

    public static async Task<DashboardHost> StartAsync(IReportScorer? scorer, IDictionary<string, string?>? settings = null, string? settingsFile = null)
    {
        var (app, folder) = Build(scorer, settings, settingsFile);
        await app.StartAsync();
        return new DashboardHost(app, folder, new Uri(app.Urls.Single()));
    }

    /// <summary>Registers a peer through <c>POST /peers</c>.</summary>
    public async Task<RegisteredPeer> RegisterAsync(string peerId, string account)
    {
        using var response = await Client.PostAsJsonAsync("/peers", new PeerRequest(peerId, account));
        response.EnsureSuccessStatusCode();
        var credentials = await response.Content.ReadFromJsonAsync<PeerCredentials>();
        return new RegisteredPeer(credentials!.PeerId, credentials.Account, credentials.Secret);
    }

    /// <summary>Posts <paramref name="body"/> signed by <paramref name="peer"/>.</summary>
    public static HttpRequestMessage Signed(RegisteredPeer peer, string body, string? secret = null)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/reports") { Content = new ByteArrayContent(bytes) };
        request.Headers.TryAddWithoutValidation("Authorization", RequestSignature.Sign(peer.PeerId, secret ?? peer.Secret, bytes));
        return request;
    }

    public async Task<HttpResponseMessage> PostAsync(RegisteredPeer peer, string body) => await Client.SendAsync(Signed(peer, body));

    public static string Report(string id, RegisteredPeer peer, long timestamp, double flops) =>
        $"{{\"type\":\"swarm\",\"id\":\"{id}\",\"peerId\":\"{peer.PeerId}\",\"account\":\"{peer.Account}\",\"timestamp\":{timestamp},\"flopsSinceLast\":{flops:R}}}";

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
