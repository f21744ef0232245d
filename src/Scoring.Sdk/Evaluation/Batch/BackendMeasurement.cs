namespace Scoring.Evaluation.Batch;

/// <summary>One backend's result in an <see cref="AutoBatchEvaluator"/> calibration.</summary>
/// <param name="Name">The backend name.</param>
/// <param name="Description">The backend's description (device, threads, …).</param>
/// <param name="Best">The fastest of the timed runs over the calibration batch; <see cref="TimeSpan.Zero"/> when rejected.</param>
/// <param name="Rows">Rows in the calibration batch.</param>
/// <param name="Rejection">Why the backend was not eligible (it failed, or disagreed with the reference), or <see langword="null"/>.</param>
public sealed record BackendMeasurement(string Name, string Description, TimeSpan Best, int Rows, string? Rejection)
{
    /// <summary>Reports per second in the best run (0 when rejected).</summary>
    public double ReportsPerSecond => Rejection is null && Best > TimeSpan.Zero ? Rows / Best.TotalSeconds : 0;

    /// <inheritdoc />
    public override string ToString() => Rejection is null
        ? $"{Name}: {ReportsPerSecond / 1e6:0.00} M reports/s ({Best.TotalMilliseconds:0.###} ms for {Rows} rows; {Description})"
        : $"{Name}: not used — {Rejection}";
}
