namespace Scoring.RuleSets;

/// <summary>
/// Fluent C# construction of a <see cref="RuleSet"/>; gives the same model (and content hash) as the equivalent
/// JSON document. The builder does not validate: compile the result to get diagnostics.
/// </summary>
/// <example>
/// <code>
/// var rules = new RuleSetBuilder("image-jobs")
///     .Version("1.0.0")
///     .EffectiveFrom(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
///     .Input("width", ScalarType.Int).Input("category", ScalarType.String)
///     .Parameter("rate", 1e-6)
///     .Table("multiplier", ScalarType.String, t => t.Entry("sdxl", 1.0).Entry("sd15", 0.3).Default(0))
///     .Rule("base", r => r.Set("points", "width * rate * multiplier[category]"))
///     .Output("points")
///     .Build();
/// </code>
/// </example>
public sealed class RuleSetBuilder
{
    private readonly string _id;
    private readonly List<RuleInput> _inputs = [];
    private readonly List<RuleParameter> _parameters = [];
    private readonly List<LookupTable> _tables = [];
    private readonly List<TierTable> _tiers = [];
    private readonly List<Rule> _rules = [];
    private string _version = "1";
    private string? _description;
    private DateTimeOffset _effectiveFrom = DateTimeOffset.UnixEpoch;
    private readonly List<RuleOutput> _outputs = [];

    /// <summary>Starts a rule set with the given id (version "1", effective from the Unix epoch, one points output "points" unless <see cref="Output(string)"/> adds outputs).</summary>
    public RuleSetBuilder(string id) => _id = id ?? throw new ArgumentNullException(nameof(id));

    /// <summary>Sets a semantic or free-form version.</summary>
    public RuleSetBuilder Version(string version)
    {
        _version = version ?? throw new ArgumentNullException(nameof(version));
        return this;
    }

    /// <summary>Sets an integer version.</summary>
    public RuleSetBuilder Version(long version) => Version(version.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Sets the description.</summary>
    public RuleSetBuilder Description(string description)
    {
        _description = description;
        return this;
    }

    /// <summary>Sets the instant from which this version applies.</summary>
    public RuleSetBuilder EffectiveFrom(DateTimeOffset effectiveFrom)
    {
        _effectiveFrom = effectiveFrom;
        return this;
    }

    /// <summary>Declares an input (report field); inputs keep declaration order as columns.</summary>
    public RuleSetBuilder Input(string name, ScalarType type)
    {
        _inputs.Add(new RuleInput(name, type));
        return this;
    }

    /// <summary>Declares a double parameter.</summary>
    public RuleSetBuilder Parameter(string name, double value) => Parameter(name, ScalarValue.FromDouble(value));

    /// <summary>Declares an int parameter.</summary>
    public RuleSetBuilder Parameter(string name, long value) => Parameter(name, ScalarValue.FromInt(value));

    /// <summary>Declares a bool parameter.</summary>
    public RuleSetBuilder Parameter(string name, bool value) => Parameter(name, ScalarValue.FromBool(value));

    /// <summary>Declares a string parameter.</summary>
    public RuleSetBuilder Parameter(string name, string value) => Parameter(name, ScalarValue.FromString(value));

    /// <summary>Declares a parameter of any type.</summary>
    public RuleSetBuilder Parameter(string name, ScalarValue value)
    {
        _parameters.Add(new RuleParameter(name, value));
        return this;
    }

    /// <summary>Declares a lookup table with <paramref name="keyType"/> keys (int or string).</summary>
    public RuleSetBuilder Table(string name, ScalarType keyType, Action<LookupTableBuilder> build)
    {
        var table = new LookupTableBuilder(keyType);
        build(table);
        _tables.Add(new LookupTable(name, keyType, table.Entries, table.DefaultValue));
        return this;
    }

    /// <summary>Declares a tier table.</summary>
    public RuleSetBuilder Tier(string name, Action<TierTableBuilder> build)
    {
        var tier = new TierTableBuilder();
        build(tier);
        _tiers.Add(new TierTable(name, tier.Steps, tier.DefaultValue));
        return this;
    }

    /// <summary>Appends a rule.</summary>
    public RuleSetBuilder Rule(string name, Action<RuleBuilder> build)
    {
        var rule = new RuleBuilder();
        build(rule);
        _rules.Add(new Rule(name, rule.Condition, rule.Assignments));
        return this;
    }

    /// <summary>
    /// Adds a points output: the variable <paramref name="variable"/>, converted to exact points. Each call adds one
    /// output after the earlier ones; without any call the rule set has the single points output <c>points</c>.
    /// </summary>
    public RuleSetBuilder Output(string variable) => Output(variable, RuleOutputType.Points);

    /// <summary>Adds an output of type <paramref name="type"/> (e.g. <see cref="RuleOutputType.Double"/> for an unrounded score) after the earlier ones.</summary>
    public RuleSetBuilder Output(string variable, RuleOutputType type)
    {
        _outputs.Add(new RuleOutput(variable ?? throw new ArgumentNullException(nameof(variable)), type));
        return this;
    }

    /// <summary>Builds the model.</summary>
    public RuleSet Build() =>
        new(_id, _version, _description, _effectiveFrom, _inputs, _parameters, _tables, _tiers, _rules, _outputs.Count == 0 ? [new RuleOutput("points", RuleOutputType.Points)] : _outputs);
}

/// <summary>Entries of a lookup table under construction.</summary>
public sealed class LookupTableBuilder
{
    private readonly ScalarType _keyType;

    internal LookupTableBuilder(ScalarType keyType) => _keyType = keyType;

    internal List<KeyValuePair<ScalarValue, double>> Entries { get; } = [];

    internal double? DefaultValue { get; private set; }

    /// <summary>Adds a string-keyed entry.</summary>
    public LookupTableBuilder Entry(string key, double value)
    {
        Entries.Add(new(ScalarValue.FromString(key), value));
        return this;
    }

    /// <summary>Adds an int-keyed entry.</summary>
    public LookupTableBuilder Entry(long key, double value)
    {
        Entries.Add(new(_keyType == ScalarType.String ? ScalarValue.FromString(key.ToString(System.Globalization.CultureInfo.InvariantCulture)) : ScalarValue.FromInt(key), value));
        return this;
    }

    /// <summary>Sets the value for missing keys.</summary>
    public LookupTableBuilder Default(double value)
    {
        DefaultValue = value;
        return this;
    }
}

/// <summary>Steps of a tier table under construction.</summary>
public sealed class TierTableBuilder
{
    internal List<KeyValuePair<double, double>> Steps { get; } = [];

    internal double? DefaultValue { get; private set; }

    /// <summary>Adds a step: from <paramref name="threshold"/> (inclusive) on, the value is <paramref name="value"/>.</summary>
    public TierTableBuilder Step(double threshold, double value)
    {
        Steps.Add(new(threshold, value));
        return this;
    }

    /// <summary>Sets the value below the first threshold.</summary>
    public TierTableBuilder Default(double value)
    {
        DefaultValue = value;
        return this;
    }
}

/// <summary>A rule under construction.</summary>
public sealed class RuleBuilder
{
    internal string? Condition { get; private set; }

    internal List<Assignment> Assignments { get; } = [];

    /// <summary>Sets the condition.</summary>
    public RuleBuilder When(string condition)
    {
        Condition = condition;
        return this;
    }

    /// <summary>Appends an assignment <c>variable = expression</c>.</summary>
    public RuleBuilder Set(string variable, string expression)
    {
        Assignments.Add(new Assignment(variable, expression));
        return this;
    }
}
