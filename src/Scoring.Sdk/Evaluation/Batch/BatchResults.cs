namespace Scoring.Evaluation.Batch;

/// <summary>
/// The per-row results of one batch evaluation: micro-point <see cref="Units"/> and <see cref="Errors"/>, parallel
/// arrays indexed by row. Reuse one instance across batches: the arrays only grow, so a stream of batches allocates
/// nothing once the largest batch has been seen.
/// </summary>
public sealed class BatchResults
{
    /// <summary>Creates results with room for <paramref name="capacity"/> rows.</summary>
    public BatchResults(int capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Units = new long[capacity];
        Errors = new EvaluationError[capacity];
    }

    /// <summary>The number of valid rows.</summary>
    public int Count { get; private set; }

    /// <summary>Micro-points per row (0 for a voided row); the array may be longer than <see cref="Count"/>.</summary>
    public long[] Units { get; private set; }

    /// <summary>Why each row was voided, or <see cref="EvaluationError.None"/>; the array may be longer than <see cref="Count"/>.</summary>
    public EvaluationError[] Errors { get; private set; }

    /// <summary>The result of row <paramref name="row"/>.</summary>
    public RowResult this[int row] =>
        (uint)row < (uint)Count ? new RowResult(Errors[row], Units[row]) : throw new ArgumentOutOfRangeException(nameof(row), $"Row {row} is not in 0..{Count - 1}.");

    /// <summary>Sets <see cref="Count"/>, growing the arrays when needed (their contents are then undefined until evaluated).</summary>
    public void Reset(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > Units.Length)
        {
            Units = new long[count];
            Errors = new EvaluationError[count];
        }
        Count = count;
    }
}
