using Scoring.Evaluation;
using Scoring.Evaluation.Batch;
using Scoring.Evaluation.Batch.Testing;
using Scoring.RuleSets;

namespace Scoring.Sdk.Tests.Evaluators;

/// <summary>The result types of several outputs: <see cref="BatchResults"/>, <see cref="RowOutputs"/>, the compiled rule set's overloads and explain.</summary>
public class OutputResultsTests
{
    // outputs: big (points) = a, odd (double) = b; rows (1, 2), (1e300, NaN), (0.5, -0.0)
    private static readonly OutputCase Case = OutputCase.All.Single(c => c.Name == "outputs convert in order: the first output's error wins");

    private static (CompiledRuleSet RuleSet, ReportBatch Batch) Reports(params (double A, double B)[] rows)
    {
        var ruleSet = Case.Compile();
        var batch = ruleSet.CreateBatch();
        foreach (var (a, b) in rows)
        {
            var row = batch.AddRow();
            batch.SetDouble(0, row, a);
            batch.SetDouble(1, row, b);
        }
        return (ruleSet, batch);
    }

    [Fact]
    public void Batch_results_give_each_output_by_index_and_type()
    {
        var (ruleSet, batch) = Reports((1, 2), (1e300, double.NaN), (0.5, -0.0));
        using var simd = new SimdBatchEvaluator(ruleSet);
        var results = new BatchResults();
        simd.Evaluate(batch, results);

        Assert.Equal(2, results.OutputCount);
        Assert.Equal([RuleOutputType.Points, RuleOutputType.Double], results.OutputTypes);
        Assert.Same(results.Units, results.Values(0));
        Assert.Equal(Points.FromWhole(1), results.GetPoints(0, 0));
        Assert.Equal(2.0, results.GetDouble(0, 1));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), results.GetValue(2, 1));
        Assert.True(double.IsNegative(results.GetDouble(2, 1)));
        Assert.Equal(new RowResult(EvaluationError.None, 1_000_000), results[0]);

        // a voided row: its error, every value 0, and no value to read as points or a double
        Assert.Equal(new RowResult(EvaluationError.PointsOutOfRange, 0), results[1]);
        Assert.Equal(0, results.GetValue(1, 0));
        Assert.Equal(0, results.GetValue(1, 1));
        Assert.Throws<InvalidOperationException>(() => results.GetPoints(1, 0));
        Assert.Throws<InvalidOperationException>(() => results.GetDouble(1, 1));

        // the type is checked, and so are the indexes
        Assert.Contains("points output, not a double output", Assert.Throws<InvalidOperationException>(() => results.GetDouble(0, 0)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => results.GetPoints(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => results.Values(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => results.GetValue(3, 0));
    }

    [Fact]
    public void Batch_results_reuse_their_arrays_across_batches_and_output_shapes()
    {
        var (ruleSet, batch) = Reports((1, 2), (3, 4), (5, 6));
        using var scalar = new ScalarBatchEvaluator(ruleSet);
        var results = new BatchResults();
        scalar.Evaluate(batch, results);
        var arrays = (results.Values(0), results.Values(1), results.Errors);
        scalar.Evaluate(batch, results);
        Assert.Equal(arrays, (results.Values(0), results.Values(1), results.Errors));

        // a one-output rule set next: its output keeps the first array; growing again gives every output room
        var single = BackendCase.All[0].Compile();
        using var other = new ScalarBatchEvaluator(single);
        other.Evaluate(BackendCase.All[0].Batch(single), results);
        Assert.Equal(1, results.OutputCount);
        Assert.Same(arrays.Item1, results.Units);
        results.Reset(10, [RuleOutputType.Double, RuleOutputType.Points, RuleOutputType.Points]);
        Assert.Equal(3, results.OutputCount);
        Assert.All(Enumerable.Range(0, 3), k => Assert.True(results.Values(k).Length >= 10));
        Assert.True(results.Errors.Length >= 10);
    }

    [Fact]
    public void Scoring_batch_after_batch_allocates_nothing_once_the_results_have_grown()
    {
        var (ruleSet, batch) = Reports((1, 2), (3, 4), (5, double.NaN));
        using var scalar = new ScalarBatchEvaluator(ruleSet);
        var results = new BatchResults();
        scalar.Evaluate(batch, results);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++) scalar.Evaluate(batch, results);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Row_outputs_give_each_output_by_name()
    {
        var (ruleSet, batch) = Reports((0.5, 0.25), (1e300, 1));
        var scored = ruleSet.EvaluateRow(batch, 0);
        Assert.True(scored.Succeeded);
        Assert.Equal(ruleSet.RuleSet.Outputs, scored.Outputs);
        Assert.Equal(Points.FromDouble(0.5), scored.GetPoints("big"));
        Assert.Equal(0.25, scored.GetDouble("odd"));
        Assert.Equal(1, scored.IndexOf("odd"));
        Assert.Equal(new RowResult(EvaluationError.None, 500_000), scored.Primary);
        Assert.Equal("big = 0.5 points, odd = 0.25", scored.ToString());
        Assert.Throws<ArgumentException>(() => scored.IndexOf("nope"));
        Assert.Throws<InvalidOperationException>(() => scored.GetDouble("big"));

        var voided = ruleSet.EvaluateRow(batch, 1);
        Assert.Equal(EvaluationError.PointsOutOfRange, voided.Error);
        Assert.Equal([0L, 0L], voided.Values);
        Assert.Equal("voided (PointsOutOfRange)", voided.ToString());
        Assert.Throws<InvalidOperationException>(() => voided.GetDouble("odd"));
        Assert.Throws<ArgumentException>(() => new RowOutputs(ruleSet.RuleSet.Outputs, EvaluationError.NonFiniteOutput, [0L, 5L]));
        Assert.Throws<ArgumentException>(() => new RowOutputs(ruleSet.RuleSet.Outputs, EvaluationError.None, [0L]));
    }

    [Fact]
    public void Evaluating_into_arrays_takes_one_array_per_output_and_refuses_a_single_array_for_several()
    {
        var (ruleSet, batch) = Reports((1, 2), (2, 3));
        long[][] values = [new long[2], new long[2]];
        var errors = new EvaluationError[2];
        ruleSet.Evaluate(batch, values, errors);
        Assert.Equal([1_000_000L, 2_000_000L], values[0]);
        Assert.Equal([BitConverter.DoubleToInt64Bits(2.0), BitConverter.DoubleToInt64Bits(3.0)], values[1]);

        var single = Assert.Throws<ArgumentException>(() => ruleSet.Evaluate(batch, new long[2], errors));
        Assert.Contains("has 2 outputs (big, odd)", single.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ruleSet.Evaluate(batch, [new long[2]], errors));
        Assert.Throws<ArgumentException>(() => ruleSet.Evaluate(batch, [new long[2], new long[1]], errors));
    }

    [Fact]
    public void Explain_lists_every_output_and_what_converting_it_gave()
    {
        var (ruleSet, batch) = Reports((0.5, 0.25), (1e300, double.NaN), (2, double.PositiveInfinity));
        var scored = ruleSet.Explain(batch, 0);
        Assert.Equal("big", scored.Output);
        Assert.Equal(0.5, scored.OutputValue);
        Assert.Equal(new RowResult(EvaluationError.None, 500_000), scored.Result);
        Assert.Equal([new OutputTrace("big", RuleOutputType.Points, 0.5, 500_000, EvaluationError.None), new OutputTrace("odd", RuleOutputType.Double, 0.25, 0, EvaluationError.None)], scored.Outputs);
        Assert.Equal("odd = 0.25 (double)", scored.Outputs[1].ToString());

        // both outputs fail on their own; the row reports the first, in output order
        var both = ruleSet.Explain(batch, 1);
        Assert.Equal(new RowResult(EvaluationError.PointsOutOfRange, 0), both.Result);
        Assert.Equal([EvaluationError.PointsOutOfRange, EvaluationError.NonFiniteOutput], both.Outputs.Select(o => o.Error));

        // the second output voids the row though the first converted
        var second = ruleSet.Explain(batch, 2);
        Assert.Equal(new RowResult(EvaluationError.NonFiniteOutput, 0), second.Result);
        Assert.True(second.Outputs[0].Converted);
        Assert.Equal(2_000_000, second.Outputs[0].Units);
        Assert.Equal("odd = Infinity → NonFiniteOutput", second.Outputs[1].ToString());
    }

    [Fact]
    public void Explain_after_a_rule_error_has_no_output_values()
    {
        var c = OutputCase.All.Single(x => x.Name == "rule errors come before output errors");
        var ruleSet = c.Compile();
        var trace = ruleSet.Explain(c.Batch(ruleSet), 0);
        Assert.Equal(new RowResult(EvaluationError.DivisionByZero, 0), trace.Result);
        Assert.Null(trace.OutputValue);
        Assert.All(trace.Outputs, o => Assert.Equal((null, 0L, EvaluationError.None, false), (o.Value, o.Units, o.Error, o.Converted)));
        Assert.Equal("nan: not computed", trace.Outputs[0].ToString());
    }

    [Fact]
    public void Auto_compares_every_output_with_the_reference()
    {
        var (ruleSet, batch) = Reports((1, 2), (3, 4));
        using var auto = AutoBatchEvaluator.Calibrate(ruleSet.Program, [new ScalarBatchEvaluator(ruleSet), new SecondOutputOff(new SimdBatchEvaluator(ruleSet))], batch,
            options: new AutoBatchEvaluatorOptions { CalibrationRows = 64, Repetitions = 1 });
        Assert.Equal(ScalarBatchEvaluator.BackendName, auto.Chosen.Name);
        var rejected = auto.Calibration.Measurements.Single(m => m.Name == "wrong");
        Assert.Contains("disagreed with the reference at calibration row 0, output 1", rejected.Rejection, StringComparison.Ordinal);
    }

    /// <summary>A backend whose first output is right and whose second is off by one bit.</summary>
    private sealed class SecondOutputOff(IBatchEvaluator inner) : IBatchEvaluator
    {
        public string Name => "wrong";

        public string Description => "second output off by one bit";

        public void Evaluate(ReportBatch batch, BatchResults results)
        {
            inner.Evaluate(batch, results);
            for (var row = 0; row < results.Count; row++) results.Values(1)[row] ^= 1;
        }

        public void Dispose() => inner.Dispose();
    }
}
