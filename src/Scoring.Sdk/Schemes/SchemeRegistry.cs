using Scoring.Evaluation;
using Scoring.Reports;
using Scoring.RuleSets;

namespace Scoring.Schemes;

/// <summary>
/// The registered schemes: looked up by name, by report type and by rule-set id, with one <see cref="ReportDecoder"/>
/// over every report type. What the CLI, the hosts and the pipeline use instead of knowing any scheme. Thread-safe.
/// </summary>
public sealed class SchemeRegistry
{
    private readonly Dictionary<string, Scheme> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Scheme> _byReportType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Scheme> _byRuleSet = new(StringComparer.Ordinal);
    private readonly Lazy<IReadOnlyList<CompiledRuleSet>> _builtIn;

    /// <summary>Registers <paramref name="schemes"/>.</summary>
    /// <exception cref="ArgumentException">
    /// Two schemes share a name, a report type or a rule-set id, or a name is not valid; the message names both.
    /// </exception>
    public SchemeRegistry(IEnumerable<Scheme> schemes)
    {
        ArgumentNullException.ThrowIfNull(schemes);
        foreach (var scheme in schemes)
        {
            ArgumentNullException.ThrowIfNull(scheme, nameof(schemes));
            if (!ReportType.IsValidName(scheme.Name))
                throw new ArgumentException($"Scheme name '{scheme.Name}' is not valid: use 1 to 64 of a-z, 0-9, '-', '_' and '.'.", nameof(schemes));
            if (!_byName.TryAdd(scheme.Name, scheme))
            {
                if (ReferenceEquals(_byName[scheme.Name], scheme) || _byName[scheme.Name].GetType() == scheme.GetType())
                    continue; // registered twice (e.g. AddSwarm() called twice): one scheme
                throw new ArgumentException($"Two schemes are named '{scheme.Name}' ({_byName[scheme.Name].GetType().Name} and {scheme.GetType().Name}).", nameof(schemes));
            }
            foreach (var type in scheme.ReportTypes)
            {
                if (!_byReportType.TryAdd(type.Name, scheme))
                    throw new ArgumentException($"Report type '{type.Name}' is claimed by schemes '{_byReportType[type.Name].Name}' and '{scheme.Name}'.", nameof(schemes));
            }
            foreach (var id in scheme.RuleSets.Select(r => r.Id).Distinct(StringComparer.Ordinal))
            {
                if (!_byRuleSet.TryAdd(id, scheme))
                    throw new ArgumentException($"Rule set '{id}' is shipped by schemes '{_byRuleSet[id].Name}' and '{scheme.Name}'.", nameof(schemes));
            }
        }
        Schemes = _byName.Values.ToArray();
        Decoder = new ReportDecoder(Schemes.SelectMany(s => s.ReportTypes));
        _builtIn = new(() => Schemes.SelectMany(s => s.RuleSets).Select(r => RuleSetCompiler.CompileOrThrow(r)).ToArray());
    }

    /// <summary>The schemes, in registration order.</summary>
    public IReadOnlyList<Scheme> Schemes { get; }

    /// <summary>The decoder of every registered report type.</summary>
    public ReportDecoder Decoder { get; }

    /// <summary>Every built-in rule-set version of every scheme, compiled.</summary>
    public IReadOnlyList<CompiledRuleSet> BuiltInRuleSets => _builtIn.Value;

    /// <summary>The scheme named <paramref name="name"/>, if registered.</summary>
    public bool TryGet(string name, out Scheme scheme) => _byName.TryGetValue(name, out scheme!);

    /// <summary>The scheme named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such scheme; the message lists the registered ones.</exception>
    public Scheme Get(string name) =>
        TryGet(name, out var scheme)
            ? scheme
            : throw new ArgumentException($"unknown scheme '{name}'; registered schemes: {string.Join(", ", _byName.Keys)}");

    /// <summary>The scheme that owns report type <paramref name="type"/>, if any.</summary>
    public Scheme? OwnerOfReportType(string type) => _byReportType.GetValueOrDefault(type);

    /// <summary>The scheme that ships rule set <paramref name="id"/>, if any.</summary>
    public Scheme? OwnerOfRuleSet(string id) => _byRuleSet.GetValueOrDefault(id);

    /// <summary>
    /// The rule-set versions in force: every built-in version, except that an id with operator <paramref name="overrides"/>
    /// uses those versions instead (several versions of one id, with different effective times, are a history).
    /// </summary>
    /// <exception cref="ArgumentException">An override's id is not used by any registered scheme, or two versions of one id take effect at the same time.</exception>
    public RuleSetRegistry CreateRuleSets(IEnumerable<CompiledRuleSet>? overrides = null)
    {
        var replaced = new Dictionary<string, List<CompiledRuleSet>>(StringComparer.Ordinal);
        foreach (var ruleSet in overrides ?? [])
        {
            ArgumentNullException.ThrowIfNull(ruleSet, nameof(overrides));
            var id = ruleSet.RuleSet.Id;
            if (!_byRuleSet.ContainsKey(id))
                throw new ArgumentException($"rule set id '{id}' is not used by any registered scheme (ids: {string.Join(", ", _byRuleSet.Keys.Order(StringComparer.Ordinal))})");
            if (!replaced.TryGetValue(id, out var versions))
                replaced[id] = versions = [];
            versions.Add(ruleSet);
        }
        var registry = new RuleSetRegistry();
        foreach (var ruleSet in BuiltInRuleSets.Where(r => !replaced.ContainsKey(r.RuleSet.Id)).Concat(replaced.Values.SelectMany(v => v)))
            registry.Add(ruleSet);
        return registry;
    }
}
