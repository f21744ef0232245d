using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scoring.Evaluation;
using Scoring.Evaluation.Batch;
using Scoring.Ingestion;
using Scoring.Schemes;

namespace Scoring.Cli.Commands;

/// <summary>
/// The schemes one command runs with, found the way a host finds them: a service collection with
/// <c>AddScoring(b =&gt; { built-in schemes; every --plugin registration })</c> and a configuration made of the
/// <c>--options</c> file (under the scheme's section) and the <c>--set</c> overrides. Options are validated when the
/// <see cref="SchemeRegistry"/> is resolved, as a host validates them at start. Every command that needs a scheme
/// starts one of these; nothing else in the CLI knows which schemes exist.
/// </summary>
internal sealed class SchemeHost : IDisposable
{
    private readonly ServiceProvider _services;

    private SchemeHost(ServiceProvider services, IServiceCollection descriptors, SchemeRegistry registry, IConfiguration configuration)
    {
        _services = services;
        Descriptors = descriptors;
        Registry = registry;
        Configuration = configuration;
    }

    /// <summary>Every registered scheme.</summary>
    public SchemeRegistry Registry { get; }

    /// <summary>The services the schemes were created from.</summary>
    public IServiceProvider Services => _services;

    private IServiceCollection Descriptors { get; }

    private IConfiguration Configuration { get; }

    /// <summary>Loads the plug-ins, builds the configuration and creates the schemes.</summary>
    /// <exception cref="CommandException">A plug-in, the options file or an override cannot be used, or an option is not one of the scheme's.</exception>
    /// <exception cref="OptionsValidationException">A scheme's options are invalid; the message names each key.</exception>
    public static SchemeHost Start(SchemeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var registrations = SchemePlugins.Load(settings.Plugins);
        var entries = new List<KeyValuePair<string, string?>>(settings.Defaults);
        if (settings.OptionsFile is { } file)
        {
            string name = settings.OptionsScheme ?? throw new InvalidOperationException("--options needs the scheme it configures.");
            // Where the file goes is the scheme's own declaration: ask the schemes as they are with their defaults.
            using var probe = Create(registrations, new ConfigurationBuilder().Build());
            var target = probe.Scheme(name);
            string section = target.ConfigurationSection ?? throw new CommandException(
                $"the {name} scheme has no options, so --options does not apply to it; its formulas and tables are rule sets: " +
                $"replace one with --rules FILE (scoring rules list shows them).");
            var others = probe.Registry.Schemes
                .Where(s => !ReferenceEquals(s, target) && s.ConfigurationSection is not null)
                .ToDictionary(s => s.Name, s => s.ConfigurationSection!, StringComparer.Ordinal);
            entries.AddRange(SchemeConfiguration.OptionsFile(file, name, section, others));
        }
        entries.AddRange(SchemeConfiguration.Overrides(settings.Sets));
        entries.AddRange(settings.Flags);
        // Layered as configuration sources are: a later value of a key (case-insensitive, as configuration keys are) wins.
        var layered = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in entries)
            layered[key] = value;
        var host = Create(registrations, new ConfigurationBuilder().AddInMemoryCollection(layered).Build());
        try
        {
            host.CheckSettingsAreKnown();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>The scheme named <paramref name="name"/>.</summary>
    /// <exception cref="CommandException">No such scheme; the message lists the registered ones.</exception>
    public Scheme Scheme(string name) =>
        Registry.TryGet(name, out var scheme)
            ? scheme
            : throw new CommandException($"unknown scheme '{name}'; registered schemes: {string.Join(", ", Registry.Schemes.Select(s => s.Name))}.");

    /// <summary>The context schemes score with: the rule sets in force (built-ins, replaced by <paramref name="overrides"/>) on a backend.</summary>
    /// <param name="overrides">Operator versions replacing every built-in version of their id.</param>
    /// <param name="evaluators">The backend; null for the scalar reference.</param>
    public SchemeContext CreateContext(RuleSetOverrides overrides, Func<CompiledRuleSet, ReportBatch, IBatchEvaluator>? evaluators = null)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        RuleSets.RuleSetRegistry ruleSets;
        try
        {
            ruleSets = Registry.CreateRuleSets(overrides.RuleSets);
        }
        catch (ArgumentException exception)
        {
            throw new CommandException($"--rules: {CommandFailures.OneLine(exception.Message)}", exception);
        }
        return new SchemeContext(ruleSets, evaluators);
    }

    /// <inheritdoc />
    public void Dispose() => _services.Dispose();

    private static SchemeHost Create(IReadOnlyList<ISchemeRegistration> registrations, IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddScoring(builder =>
        {
            foreach (var registration in registrations)
            {
                try
                {
                    registration.Register(builder);
                }
                catch (Exception exception) when (exception is not CommandException)
                {
                    throw new CommandException(
                        $"the scheme registration {registration.GetType().FullName} failed: {CommandFailures.Describe(exception)}", exception);
                }
            }
        });
        var provider = services.BuildServiceProvider();
        try
        {
            // Bound and validated now, as a host validates its options at start: a bad value is refused before any work.
            _ = provider.GetRequiredService<IOptions<IngestionOptions>>().Value;
            return new SchemeHost(provider, services, provider.GetRequiredService<SchemeRegistry>(), configuration);
        }
        catch (InvalidOperationException exception) when (exception.InnerException is FormatException or ArgumentException or OverflowException)
        {
            // The configuration binder: a value (from --options or --set) that is not of its setting's type.
            provider.Dispose();
            throw new CommandException(CommandFailures.OneLine(exception.Message), exception);
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Refuses settings that nothing reads (a misspelt key would otherwise be ignored and the default used): every section
    /// under <c>Scoring:</c> must be a scheme's or <see cref="IngestionOptions.SectionName"/>, and each top-level key in it a property
    /// of one options type bound from configuration (for ingestion, of <see cref="IngestionOptions"/>).
    /// </summary>
    private void CheckSettingsAreKnown()
    {
        var optionTypes = Descriptors
            .Select(d => d.ServiceType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IOptionsChangeTokenSource<>))
            .Select(t => t.GetGenericArguments()[0])
            .Distinct()
            .ToArray();
        var sections = Registry.Schemes
            .Where(scheme => scheme.ConfigurationSection is not null)
            .Select(scheme => (Section: scheme.ConfigurationSection!, Owner: $"the {scheme.Name} scheme", Types: optionTypes))
            .Append((Section: IngestionOptions.SectionName, Owner: "the ingestion", Types: [typeof(IngestionOptions)]))
            .ToArray();
        foreach (var child in Configuration.GetSection(SchemeConfiguration.Root).GetChildren())
        {
            if (!sections.Any(known => known.Section.Equals(child.Path, StringComparison.OrdinalIgnoreCase)
                                       || known.Section.StartsWith(child.Path + ":", StringComparison.OrdinalIgnoreCase)))
                throw new CommandException(
                    $"'{child.Path}' is not a section this command reads (its sections: {string.Join(", ", sections.Select(known => known.Section))}).");
        }
        foreach (var (section, owner, types) in sections)
        {
            string[] keys = Configuration.GetSection(section).GetChildren().Select(c => c.Key).ToArray();
            if (keys.Length == 0)
                continue;
            var best = types
                .Select(type => (Type: type, Unknown: keys.Where(k => !HasSetting(type, k)).ToArray()))
                .OrderBy(candidate => candidate.Unknown.Length)
                .FirstOrDefault();
            string[] unknown = best.Type is null ? keys : best.Unknown;
            if (unknown.Length == 0)
                continue;
            string known = (best.Type is not null && unknown.Length < keys.Length) || types.Length == 1
                ? $" (its settings: {string.Join(", ", Settings(best.Type!))})"
                : "";
            throw new CommandException(
                $"{string.Join(", ", unknown.Select(k => $"'{section}:{k}'"))} {(unknown.Length == 1 ? "is not a setting" : "are not settings")} of {owner}{known}.");
        }
    }

    private static bool HasSetting(Type options, string key) =>
        Settings(options).Contains(key, StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> Settings(Type options) =>
        options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && (p.CanWrite || !p.PropertyType.IsValueType))
            .Select(p => p.Name);
}
