namespace Scoring.Evaluation.Batch;

/// <summary>How <see cref="AutoBatchEvaluator"/> calibrates.</summary>
internal sealed class AutoBatchEvaluatorOptions
{
    /// <summary>
    /// Rows timed per run (default 65 536). A smaller calibration batch is repeated row by row up to this size, so the
    /// measurement uses the real rule set and real reports but is long enough to time.
    /// </summary>
    public int CalibrationRows { get; init; } = 1 << 16;

    /// <summary>Timed runs per backend after one warm-up run (default 3); the fastest counts.</summary>
    public int Repetitions { get; init; } = 3;
}
