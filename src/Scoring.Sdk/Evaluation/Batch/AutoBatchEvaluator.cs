using System.Diagnostics;

namespace Scoring.Evaluation.Batch;

/// <summary>
/// Picks the fastest backend by measurement: each candidate scores the same calibration batch of the actual rule
/// set (one warm-up run, then timed runs; the fastest run counts), its results are compared with the reference
/// (the first candidate, normally <see cref="ScalarBatchEvaluator"/>) and a backend that disagrees or fails is not
/// eligible. Then every <see cref="Evaluate"/> goes to the winner. <see cref="Calibration"/> says what was measured.
/// </summary>
public sealed class AutoBatchEvaluator : IBatchEvaluator
{
    /// <summary>The backend name.</summary>
    public const string BackendName = "auto";

    private readonly IReadOnlyList<IBatchEvaluator> _candidates;

    private AutoBatchEvaluator(IReadOnlyList<IBatchEvaluator> candidates, IBatchEvaluator chosen, BatchCalibration calibration)
    {
        _candidates = candidates;
        Chosen = chosen;
        Calibration = calibration;
    }

    /// <inheritdoc />
    public string Name => BackendName;

    /// <inheritdoc />
    public string Description => $"auto → {Chosen.Name} ({Chosen.Description})";

    /// <summary>The backend every evaluation goes to.</summary>
    public IBatchEvaluator Chosen { get; }

    /// <summary>The measurements behind the choice.</summary>
    public BatchCalibration Calibration { get; }

    /// <summary>
    /// Measures <paramref name="candidates"/> on <paramref name="calibrationBatch"/> and keeps the fastest eligible one.
    /// The auto evaluator owns the candidates (disposing it disposes them all).
    /// </summary>
    /// <param name="program">The rule program every candidate evaluates (a compiled rule set's <see cref="CompiledRuleSet.Program"/>).</param>
    /// <param name="candidates">The reference first (its results are the expected ones), then the others.</param>
    /// <param name="calibrationBatch">Real reports for the rule set (at least one row).</param>
    /// <param name="unavailable">Backends that could not even be created, and why; reported in <see cref="Calibration"/>.</param>
    /// <param name="options">Calibration size and repetitions.</param>
    internal static AutoBatchEvaluator Calibrate(RuleProgram program, IReadOnlyList<IBatchEvaluator> candidates, ReportBatch calibrationBatch, IEnumerable<string>? unavailable = null, AutoBatchEvaluatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(calibrationBatch);
        options ??= new AutoBatchEvaluatorOptions();
        if (candidates.Count == 0) throw new ArgumentException("Auto needs at least one backend to choose from.", nameof(candidates));
        if (calibrationBatch.Count == 0) throw new ArgumentException("Auto calibrates on real reports: the calibration batch is empty.", nameof(calibrationBatch));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CalibrationRows, 1, nameof(options.CalibrationRows));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Repetitions, 1, nameof(options.Repetitions));

        var batch = Repeat(program, calibrationBatch, Math.Max(options.CalibrationRows, calibrationBatch.Count));
        var reference = new BatchResults();
        candidates[0].Evaluate(batch, reference);
        var measurements = new List<BackendMeasurement>();
        var results = new BatchResults();
        IBatchEvaluator? best = null;
        var bestTime = TimeSpan.MaxValue;
        foreach (var candidate in candidates)
        {
            var measurement = Measure(candidate, batch, reference, results, options.Repetitions);
            measurements.Add(measurement);
            if (measurement.Rejection is null && measurement.Best < bestTime)
            {
                best = candidate;
                bestTime = measurement.Best;
            }
        }
        // the reference always agrees with itself, so unless it threw there is a winner
        best ??= candidates[0];
        return new AutoBatchEvaluator(candidates, best, new BatchCalibration(best.Name, measurements, [.. unavailable ?? []]));
    }

    /// <inheritdoc />
    public void Evaluate(ReportBatch batch, BatchResults results) => Chosen.Evaluate(batch, results);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var candidate in _candidates) candidate.Dispose();
    }

    private static BackendMeasurement Measure(IBatchEvaluator candidate, ReportBatch batch, BatchResults reference, BatchResults results, int repetitions)
    {
        try
        {
            candidate.Evaluate(batch, results); // warm-up: JIT, kernel build, buffer allocation
            if (results.Count != reference.Count || !results.OutputTypes.SequenceEqual(reference.OutputTypes))
            {
                return new BackendMeasurement(candidate.Name, candidate.Description, TimeSpan.Zero, batch.Count,
                    $"disagreed with the reference on the results' shape: {results.Count} rows of {results.OutputCount} output(s) instead of {reference.Count} of {reference.OutputCount}");
            }
            for (var row = 0; row < batch.Count; row++)
            {
                if (results.Errors[row] != reference.Errors[row])
                {
                    return new BackendMeasurement(candidate.Name, candidate.Description, TimeSpan.Zero, batch.Count,
                        $"disagreed with the reference at calibration row {row}: {results[row]} instead of {reference[row]}");
                }
                for (var output = 0; output < reference.OutputCount; output++)
                {
                    if (results.Values(output)[row] != reference.Values(output)[row])
                    {
                        return new BackendMeasurement(candidate.Name, candidate.Description, TimeSpan.Zero, batch.Count,
                            $"disagreed with the reference at calibration row {row}, output {output}: value {results.Values(output)[row]} instead of {reference.Values(output)[row]}");
                    }
                }
            }
            var best = TimeSpan.MaxValue;
            for (var i = 0; i < repetitions; i++)
            {
                var clock = Stopwatch.StartNew();
                candidate.Evaluate(batch, results);
                best = TimeSpan.FromTicks(Math.Min(best.Ticks, clock.Elapsed.Ticks));
            }
            return new BackendMeasurement(candidate.Name, candidate.Description, best, batch.Count, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new BackendMeasurement(candidate.Name, candidate.Description, TimeSpan.Zero, batch.Count, $"failed: {e.Message}");
        }
    }

    /// <summary>The batch's rows repeated in order up to <paramref name="rows"/> rows (the batch itself when it is big enough).</summary>
    private static ReportBatch Repeat(RuleProgram program, ReportBatch source, int rows)
    {
        if (source.Count >= rows) return source;
        var copy = new ReportBatch(program, rows);
        copy.SetCount(rows);
        for (var c = 0; c < source.Inputs.Count; c++)
        {
            var from = source.Column(c);
            var to = copy.Column(c);
            for (var at = 0; at < rows; at += source.Count) Array.Copy(from, 0, to, at, Math.Min(source.Count, rows - at));
        }
        return copy;
    }
}
