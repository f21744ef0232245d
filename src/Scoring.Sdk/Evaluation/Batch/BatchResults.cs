using Scoring.RuleSets;

namespace Scoring.Evaluation.Batch;

/// <summary>
/// The per-row results of one batch evaluation: one 64-bit value per output (<see cref="Values(int)"/>) and the
/// <see cref="Errors"/>, parallel arrays indexed by row. A <see cref="RuleOutputType.Points"/> output's values are
/// micro-point units, a <see cref="RuleOutputType.Double"/> output's are the double's raw IEEE bits; a voided row has
/// every value 0. Reuse one instance across batches: the arrays only grow, so a stream of batches allocates nothing
/// once the largest batch (and output count) has been seen.
/// </summary>
public sealed class BatchResults
{
    private static readonly RuleOutputType[] OnePointsOutput = [RuleOutputType.Points];

    private long[][] _values;
    private RuleOutputType[] _outputTypes = OnePointsOutput;

    /// <summary>Creates results for one points output with room for <paramref name="capacity"/> rows.</summary>
    public BatchResults(int capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _values = [new long[capacity]];
        Errors = new EvaluationError[capacity];
    }

    /// <summary>The number of valid rows.</summary>
    public int Count { get; private set; }

    /// <summary>The number of outputs (the rule program's <see cref="RuleProgram.Outputs"/> after an evaluation).</summary>
    public int OutputCount => _outputTypes.Length;

    /// <summary>The type of each output, in output order.</summary>
    public IReadOnlyList<RuleOutputType> OutputTypes => _outputTypes;

    /// <summary>
    /// Output 0's values: micro-points per row (0 for a voided row) for a points output — the only output of most rule
    /// sets. The array may be longer than <see cref="Count"/>.
    /// </summary>
    public long[] Units => _values[0];

    /// <summary>Why each row was voided, or <see cref="EvaluationError.None"/>; the array may be longer than <see cref="Count"/>.</summary>
    public EvaluationError[] Errors { get; private set; }

    /// <summary>
    /// The per-row values of output <paramref name="output"/>: units for a points output, raw IEEE bits for a double
    /// output, 0 for a voided row. The array may be longer than <see cref="Count"/>; it is the array evaluators write.
    /// </summary>
    public long[] Values(int output)
    {
        if ((uint)output >= (uint)OutputCount) throw new ArgumentOutOfRangeException(nameof(output), $"Output {output} is not in 0..{OutputCount - 1}.");
        return _values[output];
    }

    /// <summary>
    /// Row <paramref name="row"/>'s primary result: the row's error and output 0's value (micro-points for a points
    /// output; for a double output its IEEE bits, read them with <see cref="GetDouble"/>).
    /// </summary>
    public RowResult this[int row] => new(Errors[CheckRow(row)], _values[0][row]);

    /// <summary>The raw 64-bit value of output <paramref name="output"/> in row <paramref name="row"/> (units or IEEE bits; 0 when voided).</summary>
    public long GetValue(int row, int output) => Values(output)[CheckRow(row)];

    /// <summary>The double of a <see cref="RuleOutputType.Double"/> output, bit for bit as computed.</summary>
    /// <exception cref="InvalidOperationException">The row was voided, or the output is a points output.</exception>
    public double GetDouble(int row, int output)
    {
        var bits = Scored(row, output, RuleOutputType.Double);
        return BitConverter.Int64BitsToDouble(bits);
    }

    /// <summary>The exact points of a <see cref="RuleOutputType.Points"/> output.</summary>
    /// <exception cref="InvalidOperationException">The row was voided, or the output is a double output.</exception>
    public Points GetPoints(int row, int output) => Points.FromUnits(Scored(row, output, RuleOutputType.Points));

    /// <summary>Sets <see cref="Count"/> for the current outputs, growing the arrays when needed (their contents are then undefined until evaluated).</summary>
    public void Reset(int count) => Reset(count, _outputTypes);

    /// <summary>
    /// Sets <see cref="Count"/> and the outputs (one array per entry of <paramref name="outputTypes"/>), growing the
    /// arrays when needed; their contents are undefined until evaluated. Evaluators call this with their program's
    /// output types; passing the same types again allocates nothing.
    /// </summary>
    public void Reset(int count, IReadOnlyList<RuleOutputType> outputTypes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(outputTypes);
        if (outputTypes.Count == 0) throw new ArgumentException("Results need at least one output.", nameof(outputTypes));
        var capacity = Errors.Length;
        if (count > capacity)
        {
            capacity = count;
            Errors = new EvaluationError[capacity];
            for (var i = 0; i < _values.Length; i++) _values[i] = new long[capacity];
        }
        if (!ReferenceEquals(outputTypes, _outputTypes) && !outputTypes.SequenceEqual(_outputTypes))
        {
            _outputTypes = [.. outputTypes];
            if (_values.Length != _outputTypes.Length)
            {
                // keep the arrays already grown; one array per output, so evaluators get them without copying
                var resized = new long[_outputTypes.Length][];
                for (var i = 0; i < resized.Length; i++) resized[i] = i < _values.Length ? _values[i] : new long[capacity];
                _values = resized;
            }
        }
        Count = count;
    }

    /// <summary>The value arrays of the current outputs, for evaluators (one per output, each at least <see cref="Count"/> long).</summary>
    internal long[][] ValueArrays => _values;

    private int CheckRow(int row) =>
        (uint)row < (uint)Count ? row : throw new ArgumentOutOfRangeException(nameof(row), $"Row {row} is not in 0..{Count - 1}.");

    private long Scored(int row, int output, RuleOutputType type)
    {
        var value = GetValue(row, output);
        if (_outputTypes[output] != type)
        {
            throw new InvalidOperationException($"Output {output} is a {_outputTypes[output].ToName()} output, not a {type.ToName()} output.");
        }
        if (Errors[row] != EvaluationError.None) throw new InvalidOperationException($"Row {row} was voided: {Errors[row]}.");
        return value;
    }
}
