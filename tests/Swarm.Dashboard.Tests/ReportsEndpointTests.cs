using System.Net;
using System.Net.Http.Json;
using Scoring;

namespace Swarm.Dashboard.Tests;

public sealed class ReportsEndpointTests
{
    private const long T0 = 1_767_225_600;

    private static async Task<LeaderboardDocument> Leaderboard(DashboardHost host, string query = "") =>
        (await host.Client.GetFromJsonAsync<LeaderboardDocument>("/api/leaderboard" + query))!;

    [Fact]
    public async Task SignedReportsAreRecordedAndRanked()
    {
        await using var host = await DashboardHost.StartAsync(new FlopsScorer());
        var alice = await host.RegisterAsync("p-a", "alice");
        var bob = await host.RegisterAsync("p-b", "bob");

        using var a = await host.PostAsync(alice, DashboardHost.Report("a1", alice, T0, 3e15) + "\n" + DashboardHost.Report("a2", alice, T0 + 60, 2e15));
        using var b = await host.PostAsync(bob, $"[{DashboardHost.Report("b1", bob, T0 + 30, 7e15)}]");
        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.OK, b.StatusCode);
        var posted = (await a.Content.ReadFromJsonAsync<ReportsResponse>())!;
        Assert.Equal((2L, 2L, 0L, 0), (posted.Read, posted.Accepted, posted.Duplicates, posted.Rejected.Count));

        var board = await Leaderboard(host);
        Assert.Equal(["bob", "alice"], board.Rows.Select(r => r.Username));
        Assert.Equal([Points.FromUnits(7_000_000), Points.FromUnits(5_000_000)], board.Rows.Select(r => r.Score));
        Assert.Equal([1L, 2L], board.Rows.Select(r => r.Rank));

        var before = await Leaderboard(host, $"?asOf={T0 + 30}");
        Assert.Equal(Points.FromUnits(3_000_000), before.Rows.Single(r => r.Username == "alice").Score);
    }

    [Fact]
    public async Task ABadSignatureUnknownPeerOrMissingHeaderIs401AndRecordsNothing()
    {
        await using var host = await DashboardHost.StartAsync(new FlopsScorer());
        var alice = await host.RegisterAsync("p-a", "alice");
        string body = DashboardHost.Report("a1", alice, T0, 1e15);

        using var wrongSecret = await host.Client.SendAsync(DashboardHost.Signed(alice, body, secret: new string('0', 64)));
        using var unknownPeer = await host.Client.SendAsync(DashboardHost.Signed(alice with { PeerId = "nobody" }, body));
        using var noHeader = await host.Client.PostAsync("/reports", new StringContent(body));
        var tampered = DashboardHost.Signed(alice, body);
        tampered.Content = new StringContent(body.Replace("1E+15", "9E+15", StringComparison.Ordinal).Replace("1000000000000000", "9000000000000000", StringComparison.Ordinal));
        using var tamperedResponse = await host.Client.SendAsync(tampered);

        Assert.All([wrongSecret, unknownPeer, noHeader, tamperedResponse], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Empty((await Leaderboard(host)).Rows);
    }

    [Fact]
    public async Task MalformedLinesAreListedByNumberWhileGoodLinesAreRecorded()
    {
        await using var host = await DashboardHost.StartAsync(new FlopsScorer());
        var alice = await host.RegisterAsync("p-a", "alice");
        string body = string.Join("\n",
            DashboardHost.Report("a1", alice, T0, 1e15),
            "{\"type\":\"swarm\",\"id\":",
            DashboardHost.Report("a3", alice, T0 + 60, 2e15),
            "{\"type\":\"swarm\",\"id\":\"a4\",\"peerId\":\"p-a\",\"account\":\"alice\",\"timestamp\":1767225600}");

        using var response = await host.PostAsync(alice, body);

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<ReportsResponse>())!;
        Assert.Equal(2, result.Accepted);
        Assert.Equal([2L, 4L], result.Rejected.Select(r => r.Line));
        Assert.Equal("$.cumulativeFlops", result.Rejected[1].Field);
        Assert.Equal(Points.FromUnits(3_000_000), (await Leaderboard(host)).Rows.Single().Score);
    }

    [Fact]
    public async Task ReportsOfAnotherPeerOrAccountAreRejected()
    {
        await using var host = await DashboardHost.StartAsync(new FlopsScorer());
        var alice = await host.RegisterAsync("p-a", "alice");
        var bob = await host.RegisterAsync("p-b", "bob");
        string body = string.Join("\n",
            DashboardHost.Report("b1", bob, T0, 1e15),
            DashboardHost.Report("a1", alice with { Account = "bob" }, T0, 1e15));

        using var response = await host.PostAsync(alice, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<ReportsResponse>())!;
        Assert.Equal(["$.peerId", "$.account"], result.Rejected.Select(r => r.Field));
        Assert.Empty((await Leaderboard(host)).Rows);
    }

    [Fact]
    public async Task AReplayIsANoOp()
    {
        await using var host = await DashboardHost.StartAsync(new FlopsScorer());
        var alice = await host.RegisterAsync("p-a", "alice");
        string body = DashboardHost.Report("a1", alice, T0, 4e15);

        using var first = await host.PostAsync(alice, body);
        using var replay = await host.PostAsync(alice, body);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var result = (await replay.Content.ReadFromJsonAsync<ReportsResponse>())!;
        Assert.Equal((0L, 1L), (result.Accepted, result.Duplicates));
        Assert.Equal(Points.FromUnits(4_000_000), (await Leaderboard(host)).Rows.Single().Score);
    }

    [Fact]
    public async Task AnInvalidArrayIs400()
    {
        await using var host = await DashboardHost.StartAsync(new FlopsScorer());
        var alice = await host.RegisterAsync("p-a", "alice");
        using var response = await host.PostAsync(alice, "[{\"type\":\"swarm\"},");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a valid JSON array", (await response.Content.ReadFromJsonAsync<ReportsResponse>())!.Rejected.Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APeerCannotMoveToAnotherAccount()
    {
        await using var host = await DashboardHost.StartAsync(new FlopsScorer());
        await host.RegisterAsync("p-a", "alice");
        using var response = await host.Client.PostAsJsonAsync("/peers", new PeerRequest("p-a", "mallory"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task BadLeaderboardQueriesAre400()
    {
        await using var host = await DashboardHost.StartAsync(new FlopsScorer());
        using var badTime = await host.Client.GetAsync("/api/leaderboard?asOf=yesterday");
        using var badTop = await host.Client.GetAsync("/api/leaderboard?top=0");
        Assert.Equal(HttpStatusCode.BadRequest, badTime.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badTop.StatusCode);
    }
}
