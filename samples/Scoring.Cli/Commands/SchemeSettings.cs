namespace Scoring.Cli.Commands;

/// <summary>
/// How the CLI's schemes are loaded and configured for one command: the plug-ins, the options file of the scheme the
/// command runs (<c>--options</c>) and the configuration overrides (<c>--set KEY=VALUE</c>, keys under <c>Scoring:</c>),
/// between the command's own defaults and its flags.
/// </summary>
internal sealed record SchemeSettings
{
    /// <summary>The <c>--plugin</c> assemblies.</summary>
    public IReadOnlyList<string> Plugins { get; init; } = [];

    /// <summary>The <c>--options</c> JSON file, if any.</summary>
    public string? OptionsFile { get; init; }

    /// <summary>The scheme <see cref="OptionsFile"/> configures (its <c>ConfigurationSection</c>).</summary>
    public string? OptionsScheme { get; init; }

    /// <summary>The <c>--set KEY=VALUE</c> overrides, in order (a later one wins).</summary>
    public IReadOnlyList<string> Sets { get; init; } = [];

    /// <summary>The command's own defaults (full keys, e.g. <c>Scoring:Ingestion:BatchSize</c>): below the options file and <c>--set</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Defaults { get; init; } = [];

    /// <summary>Values of the command's own flags (e.g. <c>--batch-size</c>, when given): above the options file and <c>--set</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Flags { get; init; } = [];
}
