using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scoring;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Rules.Swarm;
using Scoring.Schemes;

namespace PackageConsumer.Guide;

/// <summary>Plugs <see cref="ReferralScheme"/> in beside the built-in schemes, with and without a host.</summary>
public static class PlugInScheme
{
    private const string Reports = """
        {"type":"referral","id":"r1","referrer":"alice","seats":3,"timestamp":1767225600}
        {"type":"swarm","id":"a1","peerId":"p-a","account":"alice","timestamp":1767225600,"flopsSinceLast":3e15}
        {"type":"referral","id":"r2","referrer":"bob","seats":0,"timestamp":1767225660}
        """;

    /// <summary>Without a host: the registry lists the schemes; each scheme scores the lines of its own types.</summary>
    public static async Task<IngestionSummary> WithoutHostAsync(ILedgerStore ledger)
    {
        var registry = new SchemeRegistry([new SwarmScheme(), new ReferralScheme()]);
        var context = new SchemeContext(registry.CreateRuleSets());
        using var scorer = ((PointsScheme)registry.Get("referral")).CreateScorer(context);
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(Reports));
        // The swarm line is refused here: this run scores referrals (a swarm scorer's run scores it).
        return await new ReportIngestion().RunAsync(input, registry.Decoder, scorer, ledger);
    }

    /// <summary>With a host: <c>AddScheme&lt;T&gt;()</c> registers it beside the others; the registry finds it by name.</summary>
    public static IReadOnlyList<string> WithHost(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddScoring(scoring => scoring
            .UseInMemoryLedger()
            .AddSwarm()
            .AddScheme<ReferralScheme>());
        using var host = builder.Build();
        return host.Services.GetRequiredService<SchemeRegistry>().Schemes.Select(s => s.Name).ToList();
    }
}
