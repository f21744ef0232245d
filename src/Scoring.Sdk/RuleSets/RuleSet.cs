namespace Scoring.RuleSets;

/// <summary>
/// A versioned rule set as data: typed inputs, parameters, lookup and tier tables, ordered rules and the output
/// variable. Written as a JSON document (<see cref="RuleSetDocument"/>) or with <see cref="RuleSetBuilder"/>;
/// both give equal models with equal <see cref="ContentHash"/>. The model is not validated here: the compiler
/// (<c>Scoring.Evaluation.RuleSetCompiler</c>) checks it and reports diagnostics.
/// </summary>
public sealed class RuleSet : IEquatable<RuleSet>
{
    private string? _contentHash;

    /// <summary>Creates a rule set. Prefer <see cref="RuleSetBuilder"/> or <see cref="RuleSetDocument"/>.</summary>
    public RuleSet(
        string id,
        string version,
        string? description,
        DateTimeOffset effectiveFrom,
        IEnumerable<RuleInput> inputs,
        IEnumerable<RuleParameter> parameters,
        IEnumerable<LookupTable> tables,
        IEnumerable<TierTable> tiers,
        IEnumerable<Rule> rules,
        string output)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Version = version ?? throw new ArgumentNullException(nameof(version));
        Description = description ?? string.Empty;
        EffectiveFrom = effectiveFrom.ToUniversalTime();
        Inputs = inputs.ToArray();
        Parameters = parameters.ToArray();
        Tables = tables.ToArray();
        Tiers = tiers.ToArray();
        Rules = rules.ToArray();
        Output = output ?? throw new ArgumentNullException(nameof(output));
    }

    /// <summary>The rule set's identity, shared by all its versions (e.g. <c>image-jobs</c>).</summary>
    public string Id { get; }

    /// <summary>The version: an integer or a semantic version, kept as written (e.g. <c>"3"</c>, <c>"1.2.0"</c>).</summary>
    public string Version { get; }

    /// <summary>Free text for people.</summary>
    public string Description { get; }

    /// <summary>The UTC instant from which this version applies to reports.</summary>
    public DateTimeOffset EffectiveFrom { get; }

    /// <summary>The report fields read, in column order.</summary>
    public IReadOnlyList<RuleInput> Inputs { get; }

    /// <summary>Named constants.</summary>
    public IReadOnlyList<RuleParameter> Parameters { get; }

    /// <summary>Key → number tables.</summary>
    public IReadOnlyList<LookupTable> Tables { get; }

    /// <summary>Threshold → number tables.</summary>
    public IReadOnlyList<TierTable> Tiers { get; }

    /// <summary>The rules, in evaluation order.</summary>
    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>The variable whose final value is the report's points.</summary>
    public string Output { get; }

    /// <summary>Lower-case hex SHA-256 of <see cref="RuleSetCanonicalForm"/>: identifies this exact version.</summary>
    public string ContentHash => _contentHash ??= RuleSetCanonicalForm.Hash(this);

    /// <summary>Two rule sets are equal when their canonical forms (and so their content hashes) are equal.</summary>
    public bool Equals(RuleSet? other) => other is not null && ContentHash == other.ContentHash;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as RuleSet);

    /// <inheritdoc />
    public override int GetHashCode() => ContentHash.GetHashCode(StringComparison.Ordinal);

    /// <summary><c>id@version</c>.</summary>
    public override string ToString() => $"{Id}@{Version}";
}
