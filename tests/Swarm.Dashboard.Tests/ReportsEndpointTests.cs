using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Scoring;

namespace Swarm.Dashboard.Tests;

/// <summary>
/// <c>POST /reports</c> and the leaderboard with the real swarm scheme (default reorder window 30 s): reports 60 s apart
/// settle when the next one arrives, so each account's newest report is still held and the tests end on a heartbeat.
/// </summary>
public sealed class ReportsEndpointTests
{
    private const long T0 = 1_767_225_600;

    private static Points Units(long units) => Points.FromUnits(units);

    [Fact]
    public async Task SignedReportsAreRecordedAndRanked()
    {
        await using var host = await DashboardHost.StartAsync();
        var alice = await host.RegisterAsync("p-a", "alice");
        var bob = await host.RegisterAsync("p-b", "bob");

        var (aliceStatus, posted) = await host.SendAsync(alice, string.Join("\n",
            DashboardHost.Report("a1", alice, T0, 3e15), DashboardHost.Report("a2", alice, T0 + 60, 2e15), DashboardHost.Report("a3", alice, T0 + 120, 0)));
        var (bobStatus, _) = await host.SendAsync(bob, $"[{DashboardHost.Report("b1", bob, T0 + 30, 7e15)},{DashboardHost.Report("b2", bob, T0 + 90, 0)}]");
        Assert.Equal(HttpStatusCode.OK, aliceStatus);
        Assert.Equal(HttpStatusCode.OK, bobStatus);
        Assert.Equal((3L, 3L, 0L, 0L, 0L, 0L), (posted.Read, posted.Accepted, posted.Duplicates, posted.Conflicts, posted.Late, posted.Rejected));
        Assert.Empty(posted.Refused);

        var board = await host.LeaderboardAsync();
        Assert.Equal(["bob", "alice"], board.Rows.Select(r => r.Username));
        Assert.Equal([1L, 2L], board.Rows.Select(r => r.Rank));
        // bob: b1's 7 PFLOP (b2 is held). alice: a1 + a2 = 5 PFLOP and the minute between them online, 1/60 point.
        var (bobRow, aliceRow) = (board.Rows[0], board.Rows[1]);
        Assert.Equal((Units(7_000_000), Points.Zero, Units(7_000_000)), (bobRow.Compute, bobRow.Presence, bobRow.Score));
        Assert.Equal((Units(5_000_000), Units(16_667), Units(5_016_667)), (aliceRow.Compute, aliceRow.Presence, aliceRow.Score));
        Assert.Equal(60, aliceRow.ActiveSeconds);

        var before = await host.LeaderboardAsync($"?asOf={T0 + 30}");
        Assert.Equal(Units(3_000_000), before.Rows.Single(r => r.Username == "alice").Score);
    }

    [Fact]
    public async Task EveryLineIsCountedOnceAsAcceptedDuplicateConflictLateOrRejected()
    {
        await using var host = await DashboardHost.StartAsync();
        var alice = await host.RegisterAsync("p-a", "alice");
        var (first, _) = await host.SendAsync(alice, string.Join("\n",
            DashboardHost.Report("a1", alice, T0, 1e15), DashboardHost.Report("a2", alice, T0 + 60, 1e15), DashboardHost.Report("a3", alice, T0 + 120, 1e15)));
        Assert.Equal(HttpStatusCode.OK, first);

        // a1 and a2 are settled (alice's watermark is T0 + 60): a report at T0 + 30 is late.
        var (status, result) = await host.SendAsync(alice, string.Join("\n",
            DashboardHost.Report("a4", alice, T0 + 180, 1e15),
            DashboardHost.Report("a2", alice, T0 + 60, 1e15),
            DashboardHost.Report("a3", alice, T0 + 120, 5e15),
            DashboardHost.Report("a5", alice, T0 + 30, 1e15),
            "{\"type\":\"swarm\",\"id\":"));

        Assert.Equal(HttpStatusCode.MultiStatus, status);
        Assert.Equal((5L, 1L, 1L, 1L, 1L, 1L), (result.Read, result.Accepted, result.Duplicates, result.Conflicts, result.Late, result.Rejected));
        Assert.Equal(result.Read, result.Accepted + result.Duplicates + result.Conflicts + result.Late + result.Rejected);
        // Every refused line is listed with its outcome, in line order.
        Assert.Equal([(3L, "conflict"), (4L, "late"), (5L, "rejected")], result.Refused.Select(r => (r.Line, r.Outcome)));
        // Nothing refused changed the ledger: a1..a3 are paid 1 PFLOP each, a4 is held.
        Assert.Equal(Units(3_000_000), (await host.RowsAsync())["alice"].Compute);

        // A body with nothing usable (only late): a 400 problem document that carries the same counts.
        using var lateOnly = await host.PostAsync(alice, DashboardHost.Report("a6", alice, T0 + 90, 1e15));
        var problem = await DashboardHost.ProblemAsync(lateOnly);
        Assert.Equal(400, problem.Status);
        var lateResult = JsonSerializer.Deserialize<ReportsResponse>(await lateOnly.Content.ReadAsStringAsync(), JsonSerializerOptions.Web)!;
        Assert.Equal((1L, 0L, 1L, 0L), (lateResult.Read, lateResult.Accepted, lateResult.Late, lateResult.Rejected));
        Assert.Equal("late", Assert.Single(lateResult.Refused).Outcome);
    }

    [Fact]
    public async Task AReSentIdenticalBodyIsAllDuplicatesAndChangesNothing()
    {
        await using var host = await DashboardHost.StartAsync();
        var alice = await host.RegisterAsync("p-a", "alice");
        string body = $"[{DashboardHost.Report("a1", alice, T0, 4e15)},{DashboardHost.Report("a2", alice, T0 + 60, 1e15)},{DashboardHost.Report("a3", alice, T0 + 120, 0)}]";

        var (firstStatus, first) = await host.SendAsync(alice, body);
        var before = await host.RowsAsync();
        var (replayStatus, replay) = await host.SendAsync(alice, body);

        Assert.Equal(HttpStatusCode.OK, firstStatus);
        Assert.Equal(3L, first.Accepted);
        Assert.Equal(HttpStatusCode.OK, replayStatus);
        Assert.Equal((3L, 0L, 3L, 0L, 0L, 0L), (replay.Read, replay.Accepted, replay.Duplicates, replay.Conflicts, replay.Late, replay.Rejected));
        Assert.Equal(before["alice"], (await host.RowsAsync())["alice"]);
        Assert.Equal(Units(5_000_000), before["alice"].Compute);
    }

    [Fact]
    public async Task ABadSignatureUnknownPeerOrMissingHeaderIs401AndRecordsNothing()
    {
        await using var host = await DashboardHost.StartAsync();
        var alice = await host.RegisterAsync("p-a", "alice");
        string body = DashboardHost.Report("a1", alice, T0, 1e15) + "\n" + DashboardHost.Report("a2", alice, T0 + 60, 1e15);

        using var wrongSecret = await host.Client.SendAsync(DashboardHost.Signed(alice, body, secret: new string('0', 64)));
        using var unknownPeer = await host.Client.SendAsync(DashboardHost.Signed(alice with { PeerId = "nobody" }, body));
        using var noHeader = await host.Client.PostAsync("/reports", new StringContent(body));
        using var oldScheme = await host.Client.SendAsync(WithoutDigest(DashboardHost.Signed(alice, body)));
        var tampered = DashboardHost.Signed(alice, body);
        tampered.Content = new StringContent(body.Replace("\"a2\"", "\"a9\"", StringComparison.Ordinal));
        using var tamperedResponse = await host.Client.SendAsync(tampered);

        foreach (var (response, says) in new[] { (wrongSecret, "does not verify"), (unknownPeer, "does not verify"), (noHeader, "no Authorization header"),
            (oldScheme, "Content-Digest"), (tamperedResponse, "differs from the signed Content-Digest") })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("HMAC-SHA256", response.Headers.WwwAuthenticate.Single().Scheme);
            Assert.Contains(says, (await DashboardHost.ProblemAsync(response)).Detail, StringComparison.Ordinal);
        }
        Assert.Equal(0, (await host.Ledger.GetSummaryAsync()).Reports);
    }

    [Fact]
    public async Task MalformedLinesAreListedByNumberWhileGoodLinesAreRecorded()
    {
        await using var host = await DashboardHost.StartAsync();
        var alice = await host.RegisterAsync("p-a", "alice");
        string body = string.Join("\n",
            DashboardHost.Report("a1", alice, T0, 1e15),
            "{\"type\":\"swarm\",\"id\":",
            DashboardHost.Report("a3", alice, T0 + 60, 2e15),
            "{\"type\":\"swarm\",\"id\":\"a4\",\"peerId\":\"p-a\",\"account\":\"alice\",\"timestamp\":1767225600}",
            DashboardHost.Report("a5", alice, T0 + 120, 0));

        var (status, result) = await host.SendAsync(alice, body);

        Assert.Equal(HttpStatusCode.MultiStatus, status);
        Assert.Equal(3, result.Accepted);
        Assert.Equal([2L, 4L], result.Refused.Select(r => r.Line));
        Assert.Equal("$.cumulativeFlops", result.Refused[1].Field);
        Assert.Equal(5L, result.Accepted + result.Rejected);
        Assert.Equal(Units(3_000_000), (await host.RowsAsync())["alice"].Compute);
    }

    [Fact]
    public async Task ReportsOfAnotherPeerOrAccountOrSchemeAreRejected()
    {
        await using var host = await DashboardHost.StartAsync();
        var alice = await host.RegisterAsync("p-a", "alice");
        var bob = await host.RegisterAsync("p-b", "bob");
        string body = string.Join("\n",
            DashboardHost.Report("b1", bob, T0, 1e15),
            DashboardHost.Report("a1", alice with { Account = "bob" }, T0, 1e15),
            "{\"type\":\"llm\",\"jobId\":\"j1\",\"minerId\":\"m\",\"wallet\":\"w\",\"model\":\"x\",\"inputTokens\":1,\"outputTokens\":1,\"gpuVramGb\":24,\"latencySeconds\":1,\"timestamp\":1767225600}");

        var (status, result) = await host.SendAsync(alice, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["$.peerId", "$.account", "$.type"], result.Refused.Select(r => r.Field));
        Assert.Equal(0, (await host.Ledger.GetSummaryAsync()).Reports);
    }

    [Fact]
    public async Task AnInvalidArrayIs400()
    {
        await using var host = await DashboardHost.StartAsync();
        var alice = await host.RegisterAsync("p-a", "alice");
        using var response = await host.PostAsync(alice, "[{\"type\":\"swarm\"},");
        var problem = await DashboardHost.ProblemAsync(response);
        Assert.Equal(400, problem.Status);
        Assert.Contains("not a valid JSON array", problem.Detail, StringComparison.Ordinal);
    }


    [Fact]
    public async Task BadLeaderboardQueriesAre400()
    {
        await using var host = await DashboardHost.StartAsync();
        using var badTime = await host.Client.GetAsync("/api/leaderboard?asOf=yesterday");
        using var badTop = await host.Client.GetAsync("/api/leaderboard?top=0");
        using var notANumber = await host.Client.GetAsync("/api/leaderboard?top=ten");
        Assert.Contains("asOf 'yesterday'", (await DashboardHost.ProblemAsync(badTime)).Detail, StringComparison.Ordinal);
        Assert.Contains("top must be between 1 and 10000", (await DashboardHost.ProblemAsync(badTop)).Detail, StringComparison.Ordinal);
        Assert.Equal(400, (await DashboardHost.ProblemAsync(notANumber)).Status);
    }

    /// <summary>The request as an earlier version signed it: no Content-Digest.</summary>
    private static HttpRequestMessage WithoutDigest(HttpRequestMessage request)
    {
        request.Headers.Remove(PeerSignature.DigestHeader);
        return request;
    }
}
