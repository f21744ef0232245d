using Microsoft.Extensions.Primitives;
using Scoring.Evaluation;

namespace Scoring.RuleSets;

/// <summary>
/// The compiled versions of every rule set, by id; picks the version in force at a report's time (the one with the
/// latest <see cref="RuleSet.EffectiveFrom"/> not after it). Reads are lock-free on an immutable snapshot; changes
/// swap the snapshot atomically and fire <see cref="GetChangeToken"/>.
/// </summary>
public sealed class RuleSetRegistry
{
    private readonly object _writeLock = new();
    private volatile Dictionary<string, CompiledRuleSet[]> _byId = new(StringComparer.Ordinal);
    private CancellationTokenSource _changed = new();

    /// <summary>The ids with at least one version.</summary>
    public IReadOnlyCollection<string> Ids => _byId.Keys;

    /// <summary>The versions of <paramref name="id"/>, oldest effective time first (empty when unknown).</summary>
    public IReadOnlyList<CompiledRuleSet> Versions(string id) => _byId.TryGetValue(id, out var v) ? v : [];

    /// <summary>A token that fires on the next change of the registry.</summary>
    public IChangeToken GetChangeToken() => new CancellationChangeToken(_changed.Token);

    /// <summary>Adds a version. A version with the same id and version string is replaced.</summary>
    /// <exception cref="ArgumentException">Another version of the id has the same effective time (ambiguous).</exception>
    public void Add(CompiledRuleSet ruleSet) => Replace(null, ruleSet);

    /// <summary>Removes <paramref name="ruleSet"/>; returns whether it was present.</summary>
    public bool Remove(CompiledRuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        lock (_writeLock)
        {
            var id = ruleSet.RuleSet.Id;
            if (!_byId.TryGetValue(id, out var versions) || !versions.Contains(ruleSet)) return false;
            var next = new Dictionary<string, CompiledRuleSet[]>(_byId, StringComparer.Ordinal);
            var rest = versions.Where(v => !ReferenceEquals(v, ruleSet)).ToArray();
            if (rest.Length == 0) next.Remove(id);
            else next[id] = rest;
            Publish(next);
            return true;
        }
    }

    /// <summary>Atomically removes <paramref name="old"/> (when given) and adds <paramref name="replacement"/>.</summary>
    public void Replace(CompiledRuleSet? old, CompiledRuleSet replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        lock (_writeLock)
        {
            var next = new Dictionary<string, CompiledRuleSet[]>(_byId, StringComparer.Ordinal);
            if (old is not null && next.TryGetValue(old.RuleSet.Id, out var oldVersions))
            {
                var rest = oldVersions.Where(v => !ReferenceEquals(v, old)).ToArray();
                if (rest.Length == 0) next.Remove(old.RuleSet.Id);
                else next[old.RuleSet.Id] = rest;
            }
            var model = replacement.RuleSet;
            var versions = next.TryGetValue(model.Id, out var existing) ? existing : [];
            versions = versions.Where(v => v.RuleSet.Version != model.Version).ToArray();
            var clash = versions.FirstOrDefault(v => v.RuleSet.EffectiveFrom == model.EffectiveFrom);
            if (clash is not null)
            {
                throw new ArgumentException($"Rule set {model} and {clash.RuleSet} are both effective from {model.EffectiveFrom:O}; which applies would be ambiguous.", nameof(replacement));
            }
            next[model.Id] = versions.Append(replacement).OrderBy(v => v.RuleSet.EffectiveFrom).ToArray();
            Publish(next);
        }
    }

    /// <summary>The version of <paramref name="id"/> in force at <paramref name="at"/>, if any.</summary>
    public bool TryResolve(string id, DateTimeOffset at, out CompiledRuleSet ruleSet)
    {
        ruleSet = null!;
        if (!_byId.TryGetValue(id, out var versions)) return false;
        for (var i = versions.Length - 1; i >= 0; i--)
        {
            if (versions[i].RuleSet.EffectiveFrom <= at)
            {
                ruleSet = versions[i];
                return true;
            }
        }
        return false;
    }

    /// <summary>The version of <paramref name="id"/> in force at <paramref name="at"/>.</summary>
    /// <exception cref="KeyNotFoundException">No version of <paramref name="id"/> is effective at that time.</exception>
    public CompiledRuleSet Resolve(string id, DateTimeOffset at) =>
        TryResolve(id, at, out var ruleSet)
            ? ruleSet
            : throw new KeyNotFoundException(_byId.ContainsKey(id)
                ? $"No version of rule set '{id}' is effective at {at:O} (the first starts at {_byId[id][0].RuleSet.EffectiveFrom:O})."
                : $"No rule set '{id}' is registered.");

    private void Publish(Dictionary<string, CompiledRuleSet[]> next)
    {
        _byId = next;
        var fired = _changed;
        _changed = new CancellationTokenSource();
        fired.Cancel();
        fired.Dispose();
    }
}
