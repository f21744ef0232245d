using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Swarm.Dashboard.Tests;

/// <summary>Who may do what: signatures with a time, the admin credential, explicit rotation, names, secrets at rest, logs.</summary>
public sealed class SecurityTests
{
    private const long T0 = 1_767_225_600;

    [Fact]
    public async Task ARequestSignedOutsideTheClockSkewIs401AndAnExactRetryInsideItIsAllDuplicates()
    {
        await using var host = await DashboardHost.StartAsync();
        var alice = await host.RegisterAsync("p-a", "alice");
        byte[] body = Encoding.UTF8.GetBytes(DashboardHost.Report("a1", alice, T0, 1e15) + "\n" + DashboardHost.Report("a2", alice, T0 + 60, 1e15));

        using var stale = await host.Client.SendAsync(DashboardHost.Signed(alice, body, at: DateTimeOffset.UtcNow.AddMinutes(-6)));
        using var early = await host.Client.SendAsync(DashboardHost.Signed(alice, body, at: DateTimeOffset.UtcNow.AddMinutes(6)));
        foreach (var refused in new[] { stale, early })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("Dashboard:ClockSkew", (await DashboardHost.ProblemAsync(refused)).Detail, StringComparison.Ordinal);
        }
        Assert.Equal(0, (await host.Ledger.GetSummaryAsync()).Reports);

        // Signed four minutes ago and sent twice with the very same headers (a client's retry, or a captured replay).
        var headers = DashboardHost.SignatureHeaders(alice, body, at: DateTimeOffset.UtcNow.AddMinutes(-4));
        var results = new List<ReportsResponse>();
        for (int attempt = 0; attempt < 2; attempt++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/reports") { Content = new ByteArrayContent(body) };
            foreach (var (name, value) in headers)
                request.Headers.TryAddWithoutValidation(name, value);
            using var response = await host.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            results.Add((await response.Content.ReadFromJsonAsync<ReportsResponse>())!);
        }
        Assert.Equal((2L, 2L, 0L), (results[0].Read, results[0].Accepted, results[0].Duplicates));
        Assert.Equal((2L, 0L, 2L), (results[1].Read, results[1].Accepted, results[1].Duplicates));
    }

    [Fact]
    public async Task AReportSentAgainAfterItsAccountMovedOnIsADuplicateNotLate()
    {
        await using var host = await DashboardHost.StartAsync();
        var alice = await host.RegisterAsync("p-a", "alice");
        string first = string.Join("\n", DashboardHost.Report("a1", alice, T0, 1e15), DashboardHost.Report("a2", alice, T0 + 60, 1e15));
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(alice, first)).Status);
        // Much later reports settle a1 and a2: the account's watermark passes them.
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(alice, DashboardHost.Report("a3", alice, T0 + 600, 1e15) + "\n" + DashboardHost.Report("a4", alice, T0 + 900, 0))).Status);

        var (status, again) = await host.SendAsync(alice, first);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((2L, 0L, 2L, 0L, 0L, 0L), (again.Read, again.Accepted, again.Duplicates, again.Conflicts, again.Late, again.Rejected));
    }

    [Fact]
    public async Task AReportStampedTooFarInTheFutureIsRejectedWithAReason()
    {
        await using var host = await DashboardHost.StartAsync();
        var alice = await host.RegisterAsync("p-a", "alice");
        long soon = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds();

        var (status, result) = await host.SendAsync(alice, string.Join("\n",
            DashboardHost.Report("a1", alice, soon, 1e15), DashboardHost.Report("a2099", alice, 4_070_908_800, 1e15)));

        Assert.Equal(HttpStatusCode.MultiStatus, status);
        Assert.Equal((2L, 1L, 1L), (result.Read, result.Accepted, result.Rejected));
        var refused = Assert.Single(result.Refused);
        Assert.Equal((2L, "rejected", "$.timestamp"), (refused.Line, refused.Outcome, refused.Field));
        Assert.Contains("2099-01-01T00:00:00Z, later than the server's clock allows", refused.Reason, StringComparison.Ordinal);
        Assert.False(await host.Ledger.ContainsReportAsync("swarm", "p-a", "a2099"));
    }

    [Fact]
    public async Task PostPeersAlwaysNeedsTheAdminCredentialEvenFromLoopback()
    {
        await using var host = await DashboardHost.StartAsync();
        var alice = await host.RegisterAsync("p-a", "alice");
        var request = new PeerRequest("p-m", "mallory");

        using var none = await host.Client.PostAsJsonAsync("/peers", request);
        var wrong = new HttpRequestMessage(HttpMethod.Post, "/peers") { Content = JsonContent.Create(request) };
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", new string('0', 64));
        using var wrongToken = await host.Client.SendAsync(wrong);
        var signed = DashboardHost.Signed(alice, "{}");
        signed.RequestUri = new Uri("/peers", UriKind.Relative);
        using var peerSignature = await host.Client.SendAsync(signed);

        foreach (var response in new[] { none, wrongToken, peerSignature })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("admin", (await DashboardHost.ProblemAsync(response)).Title, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        using var admin = await host.Client.SendAsync(host.Admin(HttpMethod.Post, "/peers", request));
        Assert.Equal(HttpStatusCode.Created, admin.StatusCode);
    }

    [Fact]
    public async Task TheAdminCredentialIsCreatedOnceOwnerReadableAndRotatedOnlyOnRequest()
    {
        var logs = new LogCapture();
        var host = await DashboardHost.StartAsync(configure: logs.AddTo);
        try
        {
            string path = Path.Combine(host.Folder, "admin.token");
            string token = host.AdminToken;
            Assert.Matches("^[0-9a-f]{64}$", token);
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Contains(logs.Lines, l => l.Contains($"Created the admin credential in {path}", StringComparison.Ordinal));
            Assert.DoesNotContain(logs.Lines, l => l.Contains(token, StringComparison.Ordinal));

            host = await host.RestartAsync();
            Assert.Equal(token, host.AdminToken);

            // The operator rotates it beside the running server: the old token stops working at once.
            var output = new StringWriter();
            int exit = IssuePeerCommand.Run("rotate-admin-token", [.. DashboardHost.Settings(host.Folder).Select(s => $"--{s.Key}={s.Value}")], output, new StringWriter());
            Assert.Equal(0, exit);
            Assert.Contains($"the new one is in {path}", output.ToString(), StringComparison.Ordinal);
            Assert.NotEqual(token, host.AdminToken);
            var stale = new HttpRequestMessage(HttpMethod.Post, "/peers") { Content = JsonContent.Create(new PeerRequest("p-b", "bob")) };
            stale.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var refused = await host.Client.SendAsync(stale);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("bob", (await host.RegisterAsync("p-b", "bob")).Account);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task RegisteringAnExistingPeerIsRefusedAndRotationIsExplicitAndLogged()
    {
        var logs = new LogCapture();
        await using var host = await DashboardHost.StartAsync(configure: logs.AddTo);
        var alice = await host.RegisterAsync("p-a", "alice");

        using var again = await host.Client.SendAsync(host.Admin(HttpMethod.Post, "/peers", new PeerRequest("p-a", "alice")));
        using var otherAccount = await host.Client.SendAsync(host.Admin(HttpMethod.Post, "/peers", new PeerRequest("p-a", "mallory")));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("rotate its secret", (await DashboardHost.ProblemAsync(again)).Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, otherAccount.StatusCode);
        // The refused registrations changed nothing: alice's secret still signs.
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(alice, DashboardHost.Report("a1", alice, T0, 1e15))).Status);

        using var rotated = await host.Client.SendAsync(host.Admin(HttpMethod.Post, "/peers/p-a/rotate"));
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var fresh = (await rotated.Content.ReadFromJsonAsync<PeerCredentials>())!;
        Assert.NotEqual(alice.Secret, fresh.Secret);
        using var old = await host.PostAsync(alice, DashboardHost.Report("a2", alice, T0 + 60, 1e15));
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(alice with { Secret = fresh.Secret }, DashboardHost.Report("a2", alice, T0 + 60, 1e15))).Status);
        using var unknown = await host.Client.SendAsync(host.Admin(HttpMethod.Post, "/peers/nobody/rotate"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        Assert.Contains(logs.Lines, l => l.Contains("Issued a secret to new peer p-a of account alice", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("Rotated the secret of peer p-a of account alice", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("Refused POST /reports from 127.0.0.1, peer p-a: the signature does not verify", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(alice.Secret, StringComparison.Ordinal) || l.Contains(fresh.Secret, StringComparison.Ordinal)
            || l.Contains(host.AdminToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuthenticationFailuresAreLoggedWithoutAnySecretOrMac()
    {
        var logs = new LogCapture();
        await using var host = await DashboardHost.StartAsync(configure: logs.AddTo);
        var alice = await host.RegisterAsync("p-a", "alice");
        var forged = DashboardHost.Signed(alice, "{}", secret: new string('7', 64));
        string mac = forged.Headers.Authorization!.ToString().Split(':')[^1];
        using var _ = await host.Client.SendAsync(forged);
        var wrongAdmin = new HttpRequestMessage(HttpMethod.Post, "/peers") { Content = JsonContent.Create(new PeerRequest("x", "y")) };
        wrongAdmin.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "guessed-admin-token");
        using var __ = await host.Client.SendAsync(wrongAdmin);

        Assert.Contains(logs.Lines, l => l.Contains("Refused POST /reports from 127.0.0.1, peer p-a", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("Refused POST /peers from 127.0.0.1: the admin token does not match", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(mac, StringComparison.Ordinal) || l.Contains("guessed-admin-token", StringComparison.Ordinal)
            || l.Contains(alice.Secret, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("bad\u0001peer", "alice", "control character U+0001")]
    [InlineData("bad\u007fpeer", "alice", "control character U+007F")]
    [InlineData("node:1", "alice", "contains ':'")]
    [InlineData("", "alice", "peerId is required")]
    [InlineData(" node", "alice", "white space")]
    [InlineData("node-1", "ali\nce", "control character U+000A")]
    [InlineData("node-1", "", "account is required")]
    public async Task UnacceptablePeerIdsAndAccountsAreRefused(string peerId, string account, string reason)
    {
        await using var host = await DashboardHost.StartAsync();
        using var response = await host.Client.SendAsync(host.Admin(HttpMethod.Post, "/peers", new PeerRequest(peerId, account)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (await DashboardHost.ProblemAsync(response)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APeerIdWithAnUnpairedSurrogateIsRefused()
    {
        await using var host = await DashboardHost.StartAsync();
        // Escaped in the JSON text: a serializer would have replaced the lone surrogate before sending it.
        var request = host.Admin(HttpMethod.Post, "/peers");
        request.Content = new StringContent("{\"peerId\":\"bad\\ud800peer\",\"account\":\"alice\"}", Encoding.UTF8, "application/json");
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, (await DashboardHost.ProblemAsync(response)).Status);
        Assert.Equal(0, await CountPeersAsync(host));
    }

    [Fact]
    public async Task APeerIdOver256CharactersIsRefusedAnd256AreAccepted()
    {
        await using var host = await DashboardHost.StartAsync();
        using var tooLong = await host.Client.SendAsync(host.Admin(HttpMethod.Post, "/peers", new PeerRequest(new string('p', 257), "alice")));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("257 characters long; at most 256", (await DashboardHost.ProblemAsync(tooLong)).Detail, StringComparison.Ordinal);
        var longest = await host.RegisterAsync(new string('p', 256), "alice");
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(longest, DashboardHost.Report("a1", longest, T0, 1e15))).Status);
    }

    [Fact]
    public async Task SecretsAreEncryptedAtRestAndAnOldPlainTextPeersFileIsEncryptedOnOpen()
    {
        string folder = DashboardHost.NewFolder();
        // A peers file as an earlier version wrote it: the secret in plain text.
        const string OldSecret = "5f0c2d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e";
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "peers.db")}"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = $"""
                CREATE TABLE peers (peer_id TEXT PRIMARY KEY NOT NULL, account TEXT NOT NULL, secret TEXT NOT NULL, issued_at TEXT NOT NULL);
                INSERT INTO peers VALUES ('p-old', 'olga', '{OldSecret}', '2026-01-01T00:00:00Z');
                """;
            create.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();

        await using var host = await DashboardHost.StartAsync(folder: folder);
        var old = new RegisteredPeer("p-old", "olga", OldSecret);
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(old, DashboardHost.Report("o1", old, T0, 1e15))).Status);
        var alice = await host.RegisterAsync("p-a", "alice");
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(alice, DashboardHost.Report("a1", alice, T0, 1e15))).Status);

        SqliteConnection.ClearAllPools();
        foreach (string file in Directory.GetFiles(folder, "peers.db*"))
        {
            string bytes = Encoding.Latin1.GetString(await ReadSharedAsync(file));
            Assert.DoesNotContain(OldSecret, bytes, StringComparison.Ordinal);
            Assert.DoesNotContain(alice.Secret, bytes, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheRetiredAdminTokenSettingStopsTheStartWithOneLine()
    {
        string folder = DashboardHost.NewFolder();
        try
        {
            var error = new StringWriter();
            int exit = await DashboardApp.RunAsync([.. DashboardHost.Settings(folder).Select(s => $"--{s.Key}={s.Value}"), "--Dashboard:AdminToken=hunter2"], error);
            Assert.Equal(1, exit);
            Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("Dashboard:AdminToken: is no longer read", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task TheIssuePeerCommandRegistersAndRotatesOnTheServersFiles()
    {
        string folder = DashboardHost.NewFolder();
        string[] settings = [.. DashboardHost.Settings(folder).Select(s => $"--{s.Key}={s.Value}")];
        var output = new StringWriter();
        Assert.Equal(0, IssuePeerCommand.Run("issue-peer", ["--peer", "node-1", "--account", "alice", .. settings], output, new StringWriter()));
        string secret = output.ToString().Split('\n').Single(l => l.StartsWith("secret:", StringComparison.Ordinal))[7..].Trim();
        var error = new StringWriter();
        Assert.Equal(1, IssuePeerCommand.Run("issue-peer", ["--peer", "node-1", "--account", "alice", .. settings], new StringWriter(), error));
        Assert.Contains("rotate its secret", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, IssuePeerCommand.Run("issue-peer", ["--peer", "node-1", .. settings], new StringWriter(), new StringWriter()));

        await using (var host = await DashboardHost.StartAsync(folder: folder))
        {
            var peer = new RegisteredPeer("node-1", "alice", secret);
            Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(peer, DashboardHost.Report("n1", peer, T0, 1e15))).Status);
            output = new StringWriter();
            Assert.Equal(0, IssuePeerCommand.Run("issue-peer", ["--peer", "node-1", "--rotate", .. settings], output, new StringWriter()));
            string rotated = output.ToString().Split('\n').Single(l => l.StartsWith("secret:", StringComparison.Ordinal))[7..].Trim();
            // Rotated beside the running server: the old secret stops working at once.
            using var stale = await host.PostAsync(peer, DashboardHost.Report("n2", peer, T0 + 60, 1e15));
            Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(peer with { Secret = rotated }, DashboardHost.Report("n2", peer, T0 + 60, 1e15))).Status);
        }
    }

    private static async Task<long> CountPeersAsync(DashboardHost host)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(host.Folder, "peers.db")}");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM peers";
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
