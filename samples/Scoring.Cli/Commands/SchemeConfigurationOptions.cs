using System.CommandLine;

namespace Scoring.Cli.Commands;

/// <summary>
/// The options that configure a scheme the way a host's appsettings.json would: <c>--set KEY=VALUE</c> (repeatable, keys
/// under <c>Scoring:</c>) and <c>--holdings FILE</c> (the documented alias of <c>--set Jobs:HoldingsPath=FILE</c>).
/// <c>--options FILE</c> is added by each command, since <c>diff</c> takes two of them.
/// </summary>
internal sealed class SchemeConfigurationOptions
{
    /// <summary>The configuration key <c>--holdings</c> sets.</summary>
    public const string HoldingsKey = "Jobs:HoldingsPath";

    /// <summary>Creates the options.</summary>
    public SchemeConfigurationOptions()
    {
        Set = new Option<string[]>("--set")
        {
            Description = "A configuration value KEY=VALUE under Scoring: (e.g. Swarm:PeerCap=3, Jobs:EpochGrace=00:30:00); repeatable, applied after --options.",
            AllowMultipleArgumentsPerToken = false,
        };
        Holdings = new Option<string?>("--holdings")
        {
            Description = $"jobs: the wallet NFT/stake snapshot (JSON Lines) for boosts; the same as --set {HoldingsKey}=FILE.",
        };
    }

    /// <summary><c>--set</c>.</summary>
    public Option<string[]> Set { get; }

    /// <summary><c>--holdings</c>.</summary>
    public Option<string?> Holdings { get; }

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Set);
        command.Options.Add(Holdings);
    }

    /// <summary>The settings of a command run: plug-ins, the options file of <paramref name="scheme"/>, the overrides.</summary>
    public SchemeSettings Settings(ParseResult parse, string? scheme, string? optionsFile)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var sets = new List<string>();
        if (parse.GetValue(Holdings) is { } holdings)
            sets.Add($"{HoldingsKey}={holdings}");
        sets.AddRange(parse.GetValue(Set) ?? []);
        return new SchemeSettings { Plugins = PluginOption.Of(parse), OptionsScheme = scheme, OptionsFile = optionsFile, Sets = sets };
    }
}
