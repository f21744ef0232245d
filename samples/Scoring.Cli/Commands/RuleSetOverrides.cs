using Scoring.Evaluation;
using Scoring.Rules.ProofOfGpu;
using Scoring.RuleSets;
using Scoring.Schemes;

namespace Scoring.Cli.Commands;

/// <summary>
/// The operator's rule-set documents of one command (<c>--rules FILE</c>, and the <c>--gpu-config</c> convenience):
/// compiled, each with the file it came from. A document replaces every built-in version of its id; its id must be
/// one a registered scheme uses.
/// </summary>
internal sealed class RuleSetOverrides
{
    private readonly List<(CompiledRuleSet RuleSet, string Source)> _versions;

    private RuleSetOverrides(List<(CompiledRuleSet, string)> versions) => _versions = versions;

    /// <summary>No overrides: the built-in rule sets.</summary>
    public static RuleSetOverrides None { get; } = new([]);

    /// <summary>The compiled documents, in command-line order.</summary>
    public IReadOnlyList<CompiledRuleSet> RuleSets => _versions.Select(v => v.RuleSet).ToArray();

    /// <summary>The file a version came from, or null for a built-in version.</summary>
    public string? SourceOf(CompiledRuleSet ruleSet) =>
        _versions.FirstOrDefault(v => ReferenceEquals(v.RuleSet, ruleSet)).Source;

    /// <summary>Reads and compiles <paramref name="files"/> and, when given, a validator config for the Proof-of-GPU score table.</summary>
    /// <param name="files">The <c>--rules</c> documents.</param>
    /// <param name="registry">The registered schemes: every document's id must be one of theirs.</param>
    /// <param name="gpuConfig">
    /// <c>--gpu-config</c>: an SN27 validator's <c>config.yaml</c> (or a JSON GPU table), turned into a version of the
    /// <c>pog-score</c> rule set with that table: the same as giving that rule set as <c>--rules</c>.
    /// </param>
    /// <exception cref="CommandException">A file is missing or invalid, or its id is not a registered scheme's.</exception>
    public static RuleSetOverrides Load(IEnumerable<string> files, SchemeRegistry registry, string? gpuConfig = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(registry);
        var versions = new List<(CompiledRuleSet, string)>();
        foreach (string file in files)
            versions.Add((Compile(file), file));
        if (gpuConfig is not null)
            versions.Add((FromValidatorConfig(gpuConfig), gpuConfig));
        foreach (var (version, source) in versions)
        {
            if (registry.OwnerOfRuleSet(version.RuleSet.Id) is null)
            {
                var ids = registry.Schemes.SelectMany(s => s.RuleSets).Select(r => r.Id).Distinct().Order(StringComparer.Ordinal);
                throw new CommandException($"{source}: rule set id '{version.RuleSet.Id}' is not used by any registered scheme (ids: {string.Join(", ", ids)}).");
            }
        }
        return new RuleSetOverrides(versions);
    }

    /// <summary>
    /// Checks that every document is one <paramref name="scheme"/> uses (a document for another scheme given to this one
    /// is a mistake, not something to ignore), and returns these overrides.
    /// </summary>
    /// <exception cref="CommandException">A document's rule set belongs to another scheme.</exception>
    public RuleSetOverrides For(Scheme scheme, SchemeRegistry registry)
    {
        foreach (var (version, source) in _versions)
        {
            var owner = registry.OwnerOfRuleSet(version.RuleSet.Id);
            if (!ReferenceEquals(owner, scheme))
            {
                throw new CommandException(
                    $"{source}: rule set '{version.RuleSet.Id}' belongs to the {owner?.Name} scheme, not {scheme.Name} " +
                    $"(the {scheme.Name} scheme's rule sets: {string.Join(", ", scheme.RuleSets.Select(r => r.Id).Distinct())}).");
            }
        }
        return this;
    }

    private static CompiledRuleSet Compile(string file)
    {
        if (!File.Exists(file))
            throw new CommandException($"--rules '{file}': the file does not exist.");
        CompilationResult result;
        try
        {
            result = RuleSetDocument.CompileFile(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CommandException($"--rules '{file}' cannot be read: {exception.Message}", exception);
        }
        if (result.Succeeded)
            return result.Compiled!;
        // One line: the first diagnostic, and where to see them all.
        var diagnostics = result.Diagnostics;
        string more = diagnostics.Count > 1 ? $" (and {diagnostics.Count - 1} more: scoring check {file})" : "";
        throw new CommandException($"{file}:{diagnostics[0]}{more}");
    }

    private static CompiledRuleSet FromValidatorConfig(string path)
    {
        string text = InputFile.ReadAllText(path, BoundedFile.MaxSettingsFileBytes, "--gpu-config");
        try
        {
            using var reader = new StringReader(text);
            var ruleSet = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? ProofOfGpuConfigFile.LoadJson(reader, path)
                : ProofOfGpuConfigFile.LoadValidatorConfig(reader, path);
            return RuleSetCompiler.CompileOrThrow(ruleSet);
        }
        catch (Exception exception) when (exception is ProofOfGpuConfigurationException or RuleSetException)
        {
            throw new CommandException($"--gpu-config: {CommandFailures.OneLine(exception.Message)}", exception);
        }
    }
}
