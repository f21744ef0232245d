using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace Swarm.Dashboard.Tests;

/// <summary>
/// A request without a registered peer's valid signature costs the server no memory for its body: it is refused from
/// its headers, and its body is never buffered. Measured on a real server process (Linux <c>/proc</c>).
/// </summary>
public sealed class MemoryTests
{
    private const long BodyBytes = 29L * 1024 * 1024;

    [Fact]
    public async Task FortyEightParallelUnsignedBodiesOf29MegabytesKeepTheServerUnder200MegabytesMore()
    {
        if (!OperatingSystem.IsLinux())
            return; // The measurement reads /proc; the behaviour is the same elsewhere.
        using var server = await ServerProcess.StartAsync();
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(3) };
        var admin = new HttpRequestMessage(HttpMethod.Post, "/peers") { Content = JsonContent.Create(new PeerRequest("p-a", "alice")) };
        admin.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.AdminToken);
        using var registered = await client.SendAsync(admin);
        var credentials = (await registered.Content.ReadFromJsonAsync<PeerCredentials>())!;
        var alice = new RegisteredPeer(credentials.PeerId, credentials.Account, credentials.Secret);
        // Warm every path once (a signed body, each kind of refusal) so that what follows measures bodies, not code.
        using (var warm = await client.SendAsync(DashboardHost.Signed(alice, DashboardHost.Report("w1", alice, 1_767_225_600, 1e15))))
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        foreach (var kind in Kinds)
            await SendAsync(client, kind(alice), 1024);
        GC.Collect();
        long before = server.ResidentBytes;

        // 48 at once, each declaring and sending 29 MB: no signature, an unregistered peer, a registered peer with a
        // wrong secret, and a registered peer's valid signature over a body larger than Dashboard:MaxBodyBytes.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 48).Select(i => SendAsync(client, Kinds[i % Kinds.Length](alice), BodyBytes)));

        long growth = server.PeakResidentBytes - before;
        Assert.True(growth < 200L * 1024 * 1024, $"the server grew by {growth / (1024 * 1024)} MB (peak) for 48 refused 29 MB bodies");
        Assert.All(outcomes, o => Assert.True(o is "401" or "413" or "closed", $"a refused body got {o}"));
        Assert.Contains("401", outcomes);
        using var summary = await client.GetAsync("/api/leaderboard");
        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
    }

    private static readonly Func<RegisteredPeer, Func<long, HttpRequestMessage>>[] Kinds =
    [
        _ => length => Post(length, []),
        alice => length => Post(length, Headers(alice with { PeerId = "nobody" }, alice.Secret)),
        alice => length => Post(length, Headers(alice, new string('0', 64))),
        alice => length => Post(length, Headers(alice, alice.Secret)),
    ];

    /// <summary>Signature headers over a small body's digest: the big body sent with them never matches, but only a read could tell.</summary>
    private static (string, string)[] Headers(RegisteredPeer peer, string secret) =>
        DashboardHost.SignatureHeaders(peer, Encoding.UTF8.GetBytes("{}"), secret);

    private static HttpRequestMessage Post(long length, (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/reports") { Content = new RepeatedContent(length) };
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    /// <summary>Sends, and says what became of it: the status, or "closed" when the server stopped reading and closed the connection.</summary>
    private static async Task<string> SendAsync(HttpClient client, Func<long, HttpRequestMessage> request, long length)
    {
        try
        {
            using var response = await client.SendAsync(request(length));
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException)
        {
            return "closed";
        }
    }

    /// <summary>A body of <c>length</c> bytes streamed from one small buffer, so the client holds no copy of it.</summary>
    private sealed class RepeatedContent(long length) : HttpContent
    {
        private static readonly byte[] Chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"type\":\"swarm\"}\n", 4096)));

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (long sent = 0; sent < length; sent += Chunk.Length)
                await stream.WriteAsync(Chunk.AsMemory(0, (int)Math.Min(Chunk.Length, length - sent)));
        }

        protected override bool TryComputeLength(out long size)
        {
            size = length;
            return true;
        }
    }
}
