using Microsoft.Extensions.Configuration;

namespace Scoring.Cli.Commands;

/// <summary>
/// Builds the configuration the schemes bind their options from, as a host's appsettings.json would give it: the
/// <c>--options</c> file placed under the scheme's configuration section, then the <c>--set</c> overrides.
/// </summary>
internal static class SchemeConfiguration
{
    /// <summary>The root every scheme section lives under; <c>--set</c> keys without it get it.</summary>
    public const string Root = "Scoring";

    /// <summary>
    /// The entries of an options file for <paramref name="section"/> (e.g. <c>Scoring:Swarm</c>): the file's
    /// <c>Scoring:Swarm</c> section, else its <c>Swarm</c> section, else the whole file, with keys under <paramref name="section"/>.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="scheme">The scheme's name, for messages.</param>
    /// <param name="section">The scheme's configuration section.</param>
    /// <param name="otherSections">Other schemes' sections by scheme name: a file that holds only one of those was meant for that scheme.</param>
    /// <exception cref="CommandException">The file is missing, not JSON, or holds another scheme's section.</exception>
    public static IReadOnlyList<KeyValuePair<string, string?>> OptionsFile(
        string path, string scheme, string section, IReadOnlyDictionary<string, string> otherSections)
    {
        byte[] json = InputFile.ReadAllBytes(path, BoundedFile.MaxSettingsFileBytes, "--options");
        IConfigurationRoot file;
        try
        {
            file = new ConfigurationBuilder().AddJsonStream(new MemoryStream(json)).Build();
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not text (an escaped lone surrogate).
            throw new CommandException(
                $"--options '{path}' is not a valid JSON options file: {CommandFailures.OneLine(exception.GetBaseException().Message)}", exception);
        }

        string leaf = Leaf(section);
        IConfigurationSection fullPath = file.GetSection(section), shortPath = file.GetSection(leaf);
        IConfiguration source = fullPath.Exists() ? fullPath : shortPath.Exists() ? shortPath : file;
        if (ReferenceEquals(source, file))
        {
            // A file with another scheme's section and none of this one's was written for that scheme.
            foreach (var child in file.GetChildren())
            {
                foreach (var (other, otherSection) in otherSections)
                {
                    if (string.Equals(child.Key, Leaf(otherSection), StringComparison.OrdinalIgnoreCase)
                        || (string.Equals(child.Key, Root, StringComparison.OrdinalIgnoreCase) && file.GetSection(otherSection).Exists()))
                    {
                        throw new CommandException(
                            $"--options '{path}' has the {other} scheme's '{otherSection}' section and no '{leaf}' section for the {scheme} scheme.");
                    }
                }
            }
        }
        return source.AsEnumerable(makePathsRelative: true)
            .Where(entry => entry.Value is not null)
            .Select(entry => KeyValuePair.Create($"{section}:{entry.Key}", entry.Value))
            .ToArray();
    }

    /// <summary>Parses <c>--set KEY=VALUE</c> overrides; a key without the <c>Scoring:</c> root gets it (<c>Jobs:HoldingsPath</c>).</summary>
    /// <exception cref="CommandException">An override is not KEY=VALUE.</exception>
    public static IReadOnlyList<KeyValuePair<string, string?>> Overrides(IEnumerable<string> sets) =>
        sets.Select(set =>
        {
            int equals = set.IndexOf('=', StringComparison.Ordinal);
            string key = equals > 0 ? set[..equals].Trim() : "";
            if (key.Length == 0 || key.StartsWith(':') || key.EndsWith(':'))
                throw new CommandException($"--set '{set}' must be KEY=VALUE, e.g. --set Jobs:HoldingsPath=holdings.jsonl.");
            if (!key.StartsWith(Root + ":", StringComparison.OrdinalIgnoreCase))
                key = $"{Root}:{key}";
            return KeyValuePair.Create(key, (string?)set[(equals + 1)..]);
        }).ToArray();

    /// <summary>The last segment of a section path: <c>Swarm</c> of <c>Scoring:Swarm</c>.</summary>
    public static string Leaf(string section) => section[(section.LastIndexOf(':') + 1)..];
}
