namespace Scoring.Evaluation.Batch;

/// <summary>What <see cref="AutoBatchEvaluator"/> measured and chose, for logs and the CLI.</summary>
/// <param name="Chosen">The backend name chosen (the fastest eligible one).</param>
/// <param name="Measurements">Every candidate, in the order given.</param>
/// <param name="Notes">Backends that were not available at all and why (e.g. no OpenCL library), supplied by the caller.</param>
public sealed record BatchCalibration(string Chosen, IReadOnlyList<BackendMeasurement> Measurements, IReadOnlyList<string> Notes)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"auto chose {Chosen}" + Environment.NewLine +
        string.Join(Environment.NewLine, Notes.Select(n => "  " + n).Concat(Measurements.Select(m => "  " + m)));
}
