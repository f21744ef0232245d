using Microsoft.Extensions.Options;
using Scoring.Rules.Swarm;

namespace Scoring.Rules.Tests.Swarm;

public sealed class SwarmOptionsTests
{
    [Fact]
    public void DefaultsAreTheSwarmsPublishedRulesAndValid()
    {
        var options = new SwarmOptions();
        Assert.Equal(2, options.PeerCap);
        Assert.Equal(TimeSpan.FromMinutes(2), options.PresenceTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ReorderWindow);
        Assert.Empty(options.PeerCapChanges);
        Assert.True(new SwarmOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void EveryBadValueIsReportedWithItsKey()
    {
        var options = new SwarmOptions
        {
            PeerCap = 0,
            PresenceTimeout = TimeSpan.Zero,
            ReorderWindow = TimeSpan.FromSeconds(-1),
            PeerCapChanges =
            {
                new PeerCapChange { From = 100, PeerCap = 3 },
                new PeerCapChange { From = 100, PeerCap = 0 },
                new PeerCapChange { From = -1, PeerCap = 1 },
            },
        };
        var result = new SwarmOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Equal(
        [
            "Swarm:PeerCap must be at least 1 (got 0).",
            "Swarm:PresenceTimeout must be positive and at most 1.00:00:00 (got 00:00:00).",
            "Swarm:ReorderWindow must be between 0 and 01:00:00 (got -00:00:01).",
            "Swarm:PeerCapChanges:1:From must be later than Swarm:PeerCapChanges:0:From (100 <= 100).",
            "Swarm:PeerCapChanges:1:PeerCap must be at least 1 (got 0).",
            "Swarm:PeerCapChanges:2:From must be a unix time in seconds between 0 and 100000000000 (got -1).",
        ], result.Failures);
        Assert.Contains("Swarm:PeerCap must be at least 1", Assert.Throws<OptionsValidationException>(() => new SwarmAccrual(options)).Message, StringComparison.Ordinal);
        Assert.Contains("Swarm:PeerCap must be at least 1", Assert.Throws<OptionsValidationException>(() => new SwarmScheme(options)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooLongATimeoutOrWindowAndANullListAreRefused()
    {
        var result = new SwarmOptionsValidator().Validate(null, new SwarmOptions
        {
            PresenceTimeout = TimeSpan.FromDays(2),
            ReorderWindow = TimeSpan.FromHours(2),
            PeerCapChanges = null!,
        });
        Assert.Equal(
        [
            "Swarm:PresenceTimeout must be positive and at most 1.00:00:00 (got 2.00:00:00).",
            "Swarm:ReorderWindow must be between 0 and 01:00:00 (got 02:00:00).",
            "Swarm:PeerCapChanges must be a list (it is null).",
        ], result.Failures);
    }
}
