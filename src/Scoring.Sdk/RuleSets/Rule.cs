namespace Scoring.RuleSets;

/// <summary>One ordered rule: when <see cref="When"/> holds (or is absent), its assignments run in order.</summary>
public sealed class Rule
{
    /// <summary>Creates a rule.</summary>
    public Rule(string name, string? when, IEnumerable<Assignment> assignments)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        When = when;
        Assignments = assignments?.ToArray() ?? throw new ArgumentNullException(nameof(assignments));
    }

    /// <summary>The rule's name, unique in the rule set; shown in explain traces.</summary>
    public string Name { get; }

    /// <summary>The condition expression (bool), or <see langword="null"/> for a rule that always fires.</summary>
    public string? When { get; }

    /// <summary>The assignments, run in order; each sees the ones before it.</summary>
    public IReadOnlyList<Assignment> Assignments { get; }
}

/// <summary>An assignment <c>Variable = Expression</c> inside a rule.</summary>
/// <param name="Variable">The variable written.</param>
/// <param name="Expression">The expression source text.</param>
public sealed record Assignment(string Variable, string Expression);
