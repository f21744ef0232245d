namespace Scoring.Rules.Tests.ProofOfGpu;

using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scoring.Rules.ProofOfGpu;

public class ProofOfGpuServiceCollectionTests
{
    private static ServiceProvider Build(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        services.AddProofOfGpu(configuration.GetSection("ProofOfGpu"));
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Bound_table_keeps_its_order_and_the_first_maximum_wins()
    {
        using var provider = Build("""
            { "ProofOfGpu": { "GpuScores": [ { "Name": "Zeta", "Score": 2 }, { "Name": "Alpha", "Score": 2 }, { "Name": "Beta", "Score": 1 } ],
                              "AllocationMultiplier": 1.5 } }
            """);
        provider.GetRequiredService<IStartupValidator>().Validate();
        var scorer = provider.GetRequiredService<ProofOfGpuScorer>();
        Assert.Equal(["Zeta", "Alpha", "Beta"], scorer.Table.Entries.Select(e => e.Key));
        Assert.Equal("Zeta", scorer.Table.MaxGpuName);
    }

    [Fact]
    public void Missing_section_uses_the_default_table()
    {
        using var provider = Build("{}");
        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Same(GpuScoreTable.Default, provider.GetRequiredService<ProofOfGpuScorer>().Table);
    }

    [Fact]
    public void All_zero_table_fails_at_start()
    {
        using var provider = Build("""{ "ProofOfGpu": { "GpuScores": [ { "Name": "A", "Score": 0 } ] } }""");
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Every GPU score in the table is 0", error.Message);
    }
}
