using System.Reflection;
using Scoring.Evaluation;

namespace Scoring.RuleSets;

/// <summary>
/// Reads rule-set documents shipped inside an assembly as embedded resources: how a scheme ships its formulas as
/// readable, diffable data (<c>scoring rules show --id ID</c> prints them back).
/// </summary>
public static class EmbeddedRuleSets
{
    /// <summary>Reads every embedded resource of <paramref name="assembly"/> whose name ends with <paramref name="suffix"/>, in name order.</summary>
    /// <param name="assembly">The assembly (e.g. <c>typeof(MyScheme).Assembly</c>).</param>
    /// <param name="prefix">Only resources whose name starts with this (e.g. the scheme folder's namespace).</param>
    /// <param name="suffix">The resource name ending (default <c>.rules.json</c>).</param>
    /// <exception cref="RuleSetException">A shipped document is invalid (a packaging bug): its diagnostics.</exception>
    public static IReadOnlyList<RuleSet> Load(Assembly assembly, string prefix = "", string suffix = ".rules.json")
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var result = new List<RuleSet>();
        foreach (var name in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(suffix, StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var read = RuleSetDocument.Read(buffer.ToArray());
            if (read.RuleSet is null)
            {
                throw new RuleSetException(read.Diagnostics.Select(d => d with { Message = $"{name}: {d.Message}" }).ToArray());
            }
            result.Add(read.RuleSet);
        }
        return result;
    }
}
