namespace Scoring.Evaluation;

/// <summary>The result for one report: its micro-points, or why it was voided.</summary>
/// <param name="Error">Why the report was voided, or <see cref="EvaluationError.None"/>.</param>
/// <param name="Units">Micro-points (1e-6 point units) when <paramref name="Error"/> is <see cref="EvaluationError.None"/>; else 0.</param>
public readonly record struct RowResult(EvaluationError Error, long Units)
{
    /// <summary>Whether the report was scored.</summary>
    public bool Succeeded => Error == EvaluationError.None;

    /// <summary>The exact points; throws when the report was voided.</summary>
    public Points Points => Succeeded ? Points.FromUnits(Units) : throw new InvalidOperationException($"The report was voided: {Error}.");

    /// <summary>"12.5 points", or "voided (reason)": never throws, unlike <see cref="Points"/> (which a record's generated text would read).</summary>
    public override string ToString() => Succeeded ? $"{Points} points" : $"voided ({Error})";
}
