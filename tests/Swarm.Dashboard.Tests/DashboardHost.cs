using System.Globalization;
using System.Net.Sockets;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
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
            ["Dashboard:KeysPath"] = Path.Combine(folder, "keys"),
            ["Dashboard:AdminTokenPath"] = Path.Combine(folder, "admin.token"),
            // Tests register hundreds of peers and post thousands of bodies from one address; the limits have their own tests.
            ["Dashboard:ClientRequestsPerMinute"] = "1000000",
            ["Dashboard:ReportRequestsPerSecond"] = "100000",
            ["Logging:LogLevel:Default"] = "Error",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            values[key] = value;
        return values;
    }

    /// <summary>Builds the host without starting it.</summary>
    public static WebApplication Build(string folder, IDictionary<string, string?>? settings = null, string? settingsFile = null,
        Action<WebApplicationBuilder>? configure = null) =>
        DashboardApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(Settings(folder, settings));
            if (settingsFile is not null)
                builder.Configuration.AddJsonFile(settingsFile, optional: false, reloadOnChange: true);
            configure?.Invoke(builder);
        });

    public static string NewFolder() => Directory.CreateTempSubdirectory("swarm-dashboard-").FullName;

    public static async Task<DashboardHost> StartAsync(IDictionary<string, string?>? settings = null, string? settingsFile = null, string? folder = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        folder ??= NewFolder();
        var app = Build(folder, settings, settingsFile, configure);
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

    /// <summary>The admin credential the server created at its first start.</summary>
    public string AdminToken => File.ReadAllText(Path.Combine(Folder, "admin.token")).Trim();

    /// <summary>A request with the admin credential.</summary>
    public HttpRequestMessage Admin(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return request;
    }

    /// <summary>Registers a peer through <c>POST /peers</c> with the admin credential.</summary>
    public async Task<RegisteredPeer> RegisterAsync(string peerId, string account)
    {
        using var response = await Client.SendAsync(Admin(HttpMethod.Post, "/peers", new PeerRequest(peerId, account)));
        response.EnsureSuccessStatusCode();
        var credentials = await response.Content.ReadFromJsonAsync<PeerCredentials>();
        return new RegisteredPeer(credentials!.PeerId, credentials.Account, credentials.Secret);
    }

    /// <summary>A <c>POST /reports</c> request of <paramref name="body"/> signed by <paramref name="peer"/> now (or at <paramref name="at"/>).</summary>
    public static HttpRequestMessage Signed(RegisteredPeer peer, string body, string? secret = null, DateTimeOffset? at = null) =>
        Signed(peer, Encoding.UTF8.GetBytes(body), secret, at);

    /// <summary>A <c>POST /reports</c> request of <paramref name="body"/> signed by <paramref name="peer"/> now (or at <paramref name="at"/>).</summary>
    public static HttpRequestMessage Signed(RegisteredPeer peer, byte[] body, string? secret = null, DateTimeOffset? at = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/reports") { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in SignatureHeaders(peer, body, secret, at))
            request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    /// <summary>The two headers that sign a <c>POST /reports</c> of <paramref name="body"/>.</summary>
    public static (string Name, string Value)[] SignatureHeaders(RegisteredPeer peer, byte[] body, string? secret = null, DateTimeOffset? at = null)
    {
        string digest = PeerSignature.ContentDigest(body);
        return [(PeerSignature.DigestHeader, digest), ("Authorization", PeerSignature.Authorization(peer.PeerId, secret ?? peer.Secret, at ?? DateTimeOffset.UtcNow, digest))];
    }

    public async Task<HttpResponseMessage> PostAsync(RegisteredPeer peer, string body) => await Client.SendAsync(Signed(peer, body));

    /// <summary>
    /// Sends a signed request for <paramref name="body"/> (only <paramref name="sent"/> of its bytes when given), waits for
    /// <paramref name="beforeReset"/>, then resets the connection without reading the answer.
    /// </summary>
    public async Task PostAndResetAsync(RegisteredPeer peer, byte[] body, Func<Task> beforeReset, int? sent = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Address.Host, Address.Port);
        var stream = tcp.GetStream();
        string headers = string.Concat(SignatureHeaders(peer, body).Select(h => $"{h.Name}: {h.Value}\r\n"));
        string head = $"POST /reports HTTP/1.1\r\nHost: {Address.Authority}\r\n{headers}" +
            $"Content-Type: application/x-ndjson\r\nContent-Length: {body.Length}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body.AsMemory(0, sent ?? body.Length));
        await stream.FlushAsync();
        await beforeReset();
        // Linger 0: close with a reset, as a client that crashed or lost its network does.
        tcp.Client.LingerState = new LingerOption(true, 0);
        tcp.Client.Close();
    }

    /// <summary>Posts <paramref name="body"/> and reads the answer: the counts, from a success or from a 400 problem's extension members.</summary>
    public async Task<(System.Net.HttpStatusCode Status, ReportsResponse Response)> SendAsync(RegisteredPeer peer, string body)
    {
        using var response = await PostAsync(peer, body);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<ReportsResponse>())!);
    }

    /// <summary>Reads an RFC 9457 problem document, checking its media type and that its status matches the response's.</summary>
    public static async Task<ProblemDocument> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<ProblemDocument>(await response.Content.ReadAsStringAsync(), JsonSerializerOptions.Web)!;
        Assert.Equal((int)response.StatusCode, problem.Status);
        Assert.False(string.IsNullOrEmpty(problem.Title), "a problem has a title");
        return problem;
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

/// <summary>The members of an RFC 9457 problem document the tests read.</summary>
internal sealed record ProblemDocument(string? Type, string? Title, int? Status, string? Detail);
