using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Swarm.Dashboard.Tests;

/// <summary>Bounds on what a client can make the server hold or do: body size, request rates.</summary>
public sealed class LimitsTests
{
    private const long T0 = 1_767_225_600;

    [Fact]
    public async Task ABodyOverTheLimitIs413WhateverItsFramingAndRecordsNothing()
    {
        await using var host = await DashboardHost.StartAsync(new Dictionary<string, string?> { ["Dashboard:MaxBodyBytes"] = "4096" });
        var alice = await host.RegisterAsync("p-a", "alice");
        byte[] body = Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(0, 40).Select(i => DashboardHost.Report($"a{i}", alice, T0 + i * 60, 1e15))));
        Assert.True(body.Length > 4096);

        using var declared = await host.Client.SendAsync(DashboardHost.Signed(alice, body));
        var chunked = DashboardHost.Signed(alice, body);
        chunked.Content = new StreamContent(new MemoryStream(body));
        chunked.Headers.TransferEncodingChunked = true;
        using var streamed = await host.Client.SendAsync(chunked);

        foreach (var response in new[] { declared, streamed })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Contains("at most 4096 bytes (Dashboard:MaxBodyBytes)", (await DashboardHost.ProblemAsync(response)).Detail, StringComparison.Ordinal);
        }
        Assert.Equal(0, (await host.Ledger.GetSummaryAsync()).Reports);
    }

    [Fact]
    public async Task APeerPostingFasterThanItsRateGets429WithRetryAfterAndOthersAreNotSlowed()
    {
        await using var host = await DashboardHost.StartAsync(new Dictionary<string, string?> { ["Dashboard:ReportRequestsPerSecond"] = "1" });
        var alice = await host.RegisterAsync("p-a", "alice");
        var bob = await host.RegisterAsync("p-b", "bob");

        // A bucket of 2 that refills one token a second: of 20 requests sent at once, most are refused.
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            host.Client.SendAsync(DashboardHost.Signed(alice, DashboardHost.Report($"a{i}", alice, T0 + i, 1e15)))));
        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"{r.StatusCode}"));
        Assert.NotNull(limited[0].Headers.RetryAfter);
        Assert.Contains("peer 'p-a'", (await DashboardHost.ProblemAsync(limited[0])).Detail, StringComparison.Ordinal);
        // Another peer has its own bucket.
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(bob, DashboardHost.Report("b1", bob, T0, 1e15))).Status);
        foreach (var response in responses)
            response.Dispose();
    }

    [Fact]
    public async Task OneClientAddressIsLimitedOnPeersAndOnUnsignedReports()
    {
        await using var host = await DashboardHost.StartAsync(new Dictionary<string, string?> { ["Dashboard:ClientRequestsPerMinute"] = "3" });
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 5; i++)
        {
            using var response = await host.Client.SendAsync(host.Admin(HttpMethod.Post, "/peers", new PeerRequest($"p-{i}", "alice")));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                Assert.Equal(429, (await DashboardHost.ProblemAsync(response)).Status);
        }
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);

        var unsigned = new List<HttpStatusCode>();
        for (int i = 0; i < 5; i++)
        {
            using var response = await host.Client.PostAsync("/reports", new StringContent("{}"));
            unsigned.Add(response.StatusCode);
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], unsigned);
    }
}
