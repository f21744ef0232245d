using Scoring.Evaluation;
using Scoring.Evaluation.Batch;
using Scoring.Evaluation.Batch.Testing;

namespace Scoring.Sdk.Tests.Evaluators;

public class AutoBatchEvaluatorTests
{
    private static readonly BackendCase Case = BackendCase.All.Single(c => c.Name == "symbol table");

    [Fact]
    public void Auto_measures_every_candidate_and_routes_to_the_fastest()
    {
        var ruleSet = Case.Compile();
        var slow = new DelayedEvaluator(new ScalarBatchEvaluator(ruleSet), TimeSpan.FromMilliseconds(30));
        using var auto = AutoBatchEvaluator.Calibrate(ruleSet.Program, [slow, new SimdBatchEvaluator(ruleSet)], Case.Batch(ruleSet), ["opencl: unavailable — test"], new AutoBatchEvaluatorOptions { CalibrationRows = 2048, Repetitions = 2 });

        Assert.Equal("simd", auto.Chosen.Name);
        Assert.Equal("simd", auto.Calibration.Chosen);
        Assert.Equal(["delayed", "simd"], auto.Calibration.Measurements.Select(m => m.Name));
        Assert.All(auto.Calibration.Measurements, m => Assert.Equal(2048, m.Rows));
        Assert.True(auto.Calibration.Measurements[0].Best >= TimeSpan.FromMilliseconds(30));
        Assert.Contains("opencl: unavailable — test", auto.Calibration.ToString());
        Assert.Contains("auto chose simd", auto.Calibration.ToString());

        var results = new BatchResults();
        var batch = Case.Batch(ruleSet);
        auto.Evaluate(batch, results);
        Assert.Null(BatchAgreement.FirstDifference(batch, Case.Rows.Select(r => r.Expected).ToArray(), results));
    }

    [Fact]
    public void A_backend_that_disagrees_with_the_reference_is_not_eligible_however_fast()
    {
        var ruleSet = Case.Compile();
        using var auto = AutoBatchEvaluator.Calibrate(ruleSet.Program, [new ScalarBatchEvaluator(ruleSet), new WrongEvaluator()], Case.Batch(ruleSet));
        Assert.Equal("scalar", auto.Chosen.Name);
        Assert.StartsWith("disagreed with the reference at calibration row 0", auto.Calibration.Measurements[1].Rejection);
    }

    [Fact]
    public void A_backend_that_throws_is_reported_and_skipped()
    {
        var ruleSet = Case.Compile();
        using var auto = AutoBatchEvaluator.Calibrate(ruleSet.Program, [new ScalarBatchEvaluator(ruleSet), new ThrowingEvaluator()], Case.Batch(ruleSet));
        Assert.Equal("scalar", auto.Chosen.Name);
        Assert.Equal("failed: device lost", auto.Calibration.Measurements[1].Rejection);
        Assert.Contains("throwing: not used — failed: device lost", auto.Calibration.ToString());
    }

    [Fact]
    public void Calibration_needs_reports_and_candidates()
    {
        var ruleSet = Case.Compile();
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => AutoBatchEvaluator.Calibrate(ruleSet.Program, [new ScalarBatchEvaluator(ruleSet)], ruleSet.CreateBatch())).Message);
        Assert.Contains("at least one backend", Assert.Throws<ArgumentException>(() => AutoBatchEvaluator.Calibrate(ruleSet.Program, [], Case.Batch(ruleSet))).Message);
    }

    [Fact]
    public void Simd_refuses_a_batch_of_another_rule_set()
    {
        using var simd = new SimdBatchEvaluator(Case.Compile());
        Assert.Contains("another rule set", Assert.Throws<ArgumentException>(() => simd.Evaluate(BackendCase.All[0].Compile().CreateBatch(), new BatchResults())).Message);
    }

    [Fact]
    public void Results_grow_and_index_by_row()
    {
        var results = new BatchResults();
        results.Reset(3);
        Assert.Equal(3, results.Count);
        Assert.True(results.Units.Length >= 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => results[3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => results.Reset(-1));
    }

    private sealed class DelayedEvaluator(IBatchEvaluator inner, TimeSpan delay) : IBatchEvaluator
    {
        public string Name => "delayed";

        public string Description => "scalar plus a fixed delay";

        public void Evaluate(ReportBatch batch, BatchResults results)
        {
            Thread.Sleep(delay);
            inner.Evaluate(batch, results);
        }

        public void Dispose() => inner.Dispose();
    }

    private sealed class WrongEvaluator : IBatchEvaluator
    {
        public string Name => "wrong";

        public string Description => "adds one micro-point";

        public void Evaluate(ReportBatch batch, BatchResults results)
        {
            results.Reset(batch.Count);
            Array.Fill(results.Units, 1, 0, batch.Count);
            Array.Fill(results.Errors, EvaluationError.None, 0, batch.Count);
        }

        public void Dispose()
        {
        }
    }

    private sealed class ThrowingEvaluator : IBatchEvaluator
    {
        public string Name => "throwing";

        public string Description => "fails";

        public void Evaluate(ReportBatch batch, BatchResults results) => throw new InvalidOperationException("device lost");

        public void Dispose()
        {
        }
    }
}
