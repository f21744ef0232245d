using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Swarm.Dashboard.Tests;

/// <summary>What an operator or a client's tooling reads: health, the OpenAPI document, and one shape for every error.</summary>
public sealed class ApiTests
{
    [Fact]
    public async Task HealthReportsTheLedgerStore()
    {
        await using var host = await DashboardHost.StartAsync();
        using var response = await host.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = (await response.Content.ReadFromJsonAsync<HealthDocument>())!;
        Assert.Equal("Healthy", health.Status);
        var ledger = Assert.Single(health.Checks);
        Assert.Equal(("ledger", "Healthy"), (ledger.Name, ledger.Status));
        Assert.Contains("SqliteLedgerStore", ledger.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryEndpointAndBothCredentials()
    {
        await using var host = await DashboardHost.StartAsync();
        using var document = JsonDocument.Parse(await host.Client.GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = root.GetProperty("paths");
        foreach (string path in new[] { "/reports", "/peers", "/peers/{peerId}/rotate", "/api/leaderboard", "/api/history", "/api/config" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is in the document");
        var reports = paths.GetProperty("/reports").GetProperty("post");
        Assert.True(reports.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/x-ndjson", out _));
        foreach (string status in new[] { "200", "207", "400", "401", "413", "429" })
            Assert.True(reports.GetProperty("responses").TryGetProperty(status, out _), $"POST /reports documents {status}");
        var schemes = root.GetProperty("components").GetProperty("securitySchemes");
        Assert.Contains("Content-Digest", schemes.GetProperty("HMAC-SHA256").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task EveryErrorIsAProblemDocument()
    {
        await using var host = await DashboardHost.StartAsync();
        using var notFound = await host.Client.GetAsync("/no/such/page");
        using var wrongMethod = await host.Client.DeleteAsync("/reports");
        var badJson = host.Admin(HttpMethod.Post, "/peers");
        badJson.Content = new StringContent("{\"peerId\":", System.Text.Encoding.UTF8, "application/json");
        using var malformed = await host.Client.SendAsync(badJson);
        using var unsigned = await host.Client.PostAsync("/reports", new StringContent("{}"));

        Assert.Equal(404, (await DashboardHost.ProblemAsync(notFound)).Status);
        Assert.Equal(405, (await DashboardHost.ProblemAsync(wrongMethod)).Status);
        Assert.Equal(400, (await DashboardHost.ProblemAsync(malformed)).Status);
        Assert.Equal(401, (await DashboardHost.ProblemAsync(unsigned)).Status);
    }
}
