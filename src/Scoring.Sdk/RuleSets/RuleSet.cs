namespace Scoring.RuleSets;

/// <summary>
/// A versioned rule set as data: typed inputs, parameters, lookup and tier tables, ordered rules and the outputs
/// (the variables whose final values are the report's results). Written as a JSON document (<see cref="RuleSetDocument"/>) or with <see cref="RuleSetBuilder"/>;
/// both give equal models with equal <see cref="ContentHash"/>. The model is not validated here: the compiler
/// (<c>Scoring.Evaluation.RuleSetCompiler</c>) checks it and reports diagnostics.
/// </summary>
public sealed class RuleSet : IEquatable<RuleSet>
{
    private string? _contentHash;

    /// <summary>Creates a rule set with one <see cref="RuleOutputType.Points"/> output. Prefer <see cref="RuleSetBuilder"/> or <see cref="RuleSetDocument"/>.</summary>
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
        : this(id, version, description, effectiveFrom, inputs, parameters, tables, tiers, rules, [new RuleOutput(output ?? throw new ArgumentNullException(nameof(output)), RuleOutputType.Points)])
    {
    }

    /// <summary>Creates a rule set. Prefer <see cref="RuleSetBuilder"/> or <see cref="RuleSetDocument"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="outputs"/> is empty, or holds a null or an output of an undefined type.</exception>
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
        IEnumerable<RuleOutput> outputs)
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
        ArgumentNullException.ThrowIfNull(outputs);
        Outputs = outputs.ToArray();
        // at least one output, so Output (the primary one) always exists; names are checked by the compiler
        if (Outputs.Count == 0) throw new ArgumentException("A rule set needs at least one output.", nameof(outputs));
        foreach (var o in Outputs)
        {
            if (o is null || o.Name is null) throw new ArgumentException("An output is null or has no name.", nameof(outputs));
            if (!Enum.IsDefined(o.Type)) throw new ArgumentException($"Output '{o.Name}' has an undefined type {(int)o.Type}.", nameof(outputs));
        }
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

    /// <summary>
    /// The outputs in order (at least one): each names a variable the rules assign on every path, whose final value
    /// becomes a result of the report (exact points or a double, see <see cref="RuleOutputType"/>).
    /// </summary>
    public IReadOnlyList<RuleOutput> Outputs { get; }

    /// <summary>
    /// The primary output's name (<c>Outputs[0]</c>): the result that single-result APIs (<c>RowResult</c>,
    /// <c>BatchResults.Units</c>, the explain trace's <c>Output</c>) report.
    /// </summary>
    public string Output => Outputs[0].Name;

    /// <summary>Whether the rule set has exactly one output and it is points: the shape of <c>"output": "name"</c> documents.</summary>
    internal bool HasSinglePointsOutput => Outputs.Count == 1 && Outputs[0].Type == RuleOutputType.Points;

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
