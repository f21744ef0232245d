using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Scoring.Ledger;

namespace Swarm.Dashboard.Tests;

/// <summary>
/// The dashboard started in-process on a free loopback port with the real swarm scheme, its ledger and peer files in a
/// temporary folder (deleted by the last host on it).
/// </summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IDictionary<string, string?>? _settings;
    private bool _ownsFolder = true;

    private DashboardHost(WebApplication app, string folder, IDictionary<string, string?>? settings, Uri address)
    {
        _app = app;
        _settings = settings;
        Folder = folder;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public string Folder { get; }

    public IServiceProvider Services => _app.Services;

    public ILedgerStore Ledger => (ILedgerStore)Services.GetService(typeof(ILedgerStore))!;

    /// <summary>The settings every test host gets: a free port, the files in <paramref name="folder"/>, quiet logs.</summary>
    public static Dictionary<string, string?> Settings(string folder, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Scoring:Ledger:Path"] = Path.Combine(folder, "ledger.db"),
            ["Dashboard:PeersPath"] = Path.Combine(folder, "peers.db"),
            ["Logging:LogLevel:Default"] = "Error",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            values[key] = value;
        return values;
    }

    /// <summary>Builds the host without starting it.</summary>
    public static WebApplication Build(string folder, IDictionary<string, string?>? settings = null, string? settingsFile = null) =>
        DashboardApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(Settings(folder, settings));
            if (settingsFile is not null)
                builder.Configuration.AddJsonFile(settingsFile, optional: false, reloadOnChange: true);
        });

    public static string NewFolder() => Directory.CreateTempSubdirectory("swarm-dashboard-").FullName;

    public static async Task<DashboardHost> StartAsync(IDictionary<string, string?>? settings = null, string? settingsFile = null, string? folder = null)
    {
        folder ??= NewFolder();
        var app = Build(folder, settings, settingsFile);
        await app.StartAsync();
        return new DashboardHost(app, folder, settings, new Uri(app.Urls.Single()));
    }

    /// <summary>Stops this server (its files stay) and starts a new one on the same files and settings, as after a restart.</summary>
    public async Task<DashboardHost> RestartAsync()
    {
        _ownsFolder = false;
        await DisposeAsync();
        return await StartAsync(_settings, folder: Folder);
    }

    /// <summary>Registers a peer through <c>POST /peers</c>.</summary>
    public async Task<RegisteredPeer> RegisterAsync(string peerId, string account)
    {
        using var response = await Client.PostAsJsonAsync("/peers", new PeerRequest(peerId, account));
        response.EnsureSuccessStatusCode();
        var credentials = await response.Content.ReadFromJsonAsync<PeerCredentials>();
        return new RegisteredPeer(credentials!.PeerId, credentials.Account, credentials.Secret);
    }

    /// <summary>A <c>POST /reports</c> request of <paramref name="body"/> signed by <paramref name="peer"/>.</summary>
    public static HttpRequestMessage Signed(RegisteredPeer peer, string body, string? secret = null)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/reports") { Content = new ByteArrayContent(bytes) };
        request.Headers.TryAddWithoutValidation("Authorization", RequestSignature.Sign(peer.PeerId, secret ?? peer.Secret, bytes));
        return request;
    }

    public async Task<HttpResponseMessage> PostAsync(RegisteredPeer peer, string body) => await Client.SendAsync(Signed(peer, body));

    /// <summary>Posts <paramref name="body"/> and reads the answer.</summary>
    public async Task<(System.Net.HttpStatusCode Status, ReportsResponse Response)> SendAsync(RegisteredPeer peer, string body)
    {
        using var response = await PostAsync(peer, body);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<ReportsResponse>())!);
    }

    /// <summary>A swarm report with the FLOPs the peer did since its previous one.</summary>
    public static string Report(string id, RegisteredPeer peer, long timestamp, double flops) =>
        $"{{\"type\":\"swarm\",\"id\":\"{id}\",\"peerId\":\"{peer.PeerId}\",\"account\":\"{peer.Account}\",\"timestamp\":{timestamp},\"flopsSinceLast\":{flops.ToString("R", CultureInfo.InvariantCulture)}}}";

    /// <summary>A swarm report with the peer's FLOP counter since it started.</summary>
    public static string Counter(string id, RegisteredPeer peer, long timestamp, double cumulativeFlops) =>
        $"{{\"type\":\"swarm\",\"id\":\"{id}\",\"peerId\":\"{peer.PeerId}\",\"account\":\"{peer.Account}\",\"timestamp\":{timestamp},\"cumulativeFlops\":{cumulativeFlops.ToString("R", CultureInfo.InvariantCulture)}}}";

    public async Task<LeaderboardDocument> LeaderboardAsync(string query = "") =>
        (await Client.GetFromJsonAsync<LeaderboardDocument>("/api/leaderboard" + query))!;

    public async Task<Dictionary<string, LeaderboardEntry>> RowsAsync() =>
        (await LeaderboardAsync()).Rows.ToDictionary(r => r.Username);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_ownsFolder)
            Directory.Delete(Folder, recursive: true);
        _ownsFolder = false;
    }
}
