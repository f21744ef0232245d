using Scoring.RuleSets;

namespace Scoring.Evaluation;

/// <summary>
/// Every result of one report: the row's <see cref="Error"/> and one 64-bit value per output, in output order —
/// micro-point units for a <see cref="RuleOutputType.Points"/> output, the raw IEEE bits for a
/// <see cref="RuleOutputType.Double"/> output. A voided report has every value 0.
/// </summary>
public sealed class RowOutputs
{
    private readonly long[] _values;

    /// <summary>Creates the results of one report (normally done by <see cref="CompiledRuleSet.EvaluateRow"/>).</summary>
    /// <exception cref="ArgumentException">The counts differ, there is no output, or a voided report has a value other than 0.</exception>
    public RowOutputs(IReadOnlyList<RuleOutput> outputs, EvaluationError error, IReadOnlyList<long> values)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(values);
        if (outputs.Count == 0) throw new ArgumentException("A report has at least one output.", nameof(outputs));
        if (values.Count != outputs.Count) throw new ArgumentException($"{values.Count} values for {outputs.Count} outputs.", nameof(values));
        _values = [.. values];
        if (error != EvaluationError.None && _values.Any(v => v != 0)) throw new ArgumentException("A voided report has every output value 0.", nameof(values));
        Outputs = outputs;
        Error = error;
    }

    /// <summary>The outputs' names and types, in order.</summary>
    public IReadOnlyList<RuleOutput> Outputs { get; }

    /// <summary>Why the report was voided (the first error: rules first, then outputs in order), or <see cref="EvaluationError.None"/>.</summary>
    public EvaluationError Error { get; }

    /// <summary>Whether the report was scored.</summary>
    public bool Succeeded => Error == EvaluationError.None;

    /// <summary>The raw value of each output (units or IEEE bits; 0 when voided).</summary>
    public IReadOnlyList<long> Values => _values;

    /// <summary>The primary output (output 0) as a <see cref="RowResult"/>.</summary>
    public RowResult Primary => new(Error, _values[0]);

    /// <summary>The position of the output named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No output has that name.</exception>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Outputs.Count; i++)
        {
            if (Outputs[i].Name == name) return i;
        }
        throw new ArgumentException($"There is no output '{name}' (outputs: {string.Join(", ", Outputs.Select(o => o.Name))}).", nameof(name));
    }

    /// <summary>The raw value of output <paramref name="output"/> (units or IEEE bits; 0 when voided).</summary>
    public long GetValue(int output) => _values[CheckOutput(output)];

    /// <summary>The double of a <see cref="RuleOutputType.Double"/> output, bit for bit as computed.</summary>
    /// <exception cref="InvalidOperationException">The report was voided, or the output is a points output.</exception>
    public double GetDouble(int output) => BitConverter.Int64BitsToDouble(Scored(output, RuleOutputType.Double));

    /// <summary>The double of the <see cref="RuleOutputType.Double"/> output named <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">The report was voided, or the output is a points output.</exception>
    public double GetDouble(string name) => GetDouble(IndexOf(name));

    /// <summary>The exact points of a <see cref="RuleOutputType.Points"/> output.</summary>
    /// <exception cref="InvalidOperationException">The report was voided, or the output is a double output.</exception>
    public Points GetPoints(int output) => Points.FromUnits(Scored(output, RuleOutputType.Points));

    /// <summary>The exact points of the <see cref="RuleOutputType.Points"/> output named <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">The report was voided, or the output is a double output.</exception>
    public Points GetPoints(string name) => GetPoints(IndexOf(name));

    /// <summary><c>name = value</c> per output (points, or the double in round-trip form), or "voided (reason)".</summary>
    public override string ToString() => Succeeded
        ? string.Join(", ", Outputs.Select((o, i) => $"{o.Name} = {(o.Type == RuleOutputType.Points ? $"{Points.FromUnits(_values[i])} points" : ScalarValue.FormatDouble(BitConverter.Int64BitsToDouble(_values[i])))}"))
        : $"voided ({Error})";

    private int CheckOutput(int output) =>
        (uint)output < (uint)_values.Length ? output : throw new ArgumentOutOfRangeException(nameof(output), $"Output {output} is not in 0..{_values.Length - 1}.");

    private long Scored(int output, RuleOutputType type)
    {
        var value = _values[CheckOutput(output)];
        if (Outputs[output].Type != type) throw new InvalidOperationException($"Output '{Outputs[output].Name}' is a {Outputs[output].Type.ToName()} output, not a {type.ToName()} output.");
        if (!Succeeded) throw new InvalidOperationException($"The report was voided: {Error}.");
        return value;
    }
}
