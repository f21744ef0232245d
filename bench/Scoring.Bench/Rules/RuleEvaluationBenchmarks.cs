using BenchmarkDotNet.Attributes;
using Scoring.Evaluation;

namespace Scoring.Bench.Rules;

/// <summary>
/// Scalar reference evaluator on the 10-rule image-job rule set: the compiled delegate over a columnar batch on one
/// core (reported per report via OperationsPerInvoke), the per-row entry point, and the tree-walking interpreter.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class RuleEvaluationBenchmarks
{
    private const int Rows = 1_000_000;
    private CompiledRuleSet _compiled = null!;
    private ReportBatch _batch = null!;
    private long[] _units = null!;
    private EvaluationError[] _errors = null!;

    /// <summary>Compiles the rule set and fills the batch.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _compiled = RuleSetCompiler.CompileOrThrow(ImageJobRules.Build());
        _batch = ImageJobRules.Batch(_compiled, Rows);
        _units = new long[Rows];
        _errors = new EvaluationError[Rows];
    }

    /// <summary>The batch kernel: one call for a million reports.</summary>
    [Benchmark(OperationsPerInvoke = Rows, Baseline = true)]
    public void CompiledBatch() => _compiled.Evaluate(_batch, _units, _errors);

    /// <summary>The per-row entry point, called once per report.</summary>
    [Benchmark(OperationsPerInvoke = 10_000)]
    public long CompiledRow()
    {
        long sum = 0;
        for (var row = 0; row < 10_000; row++) sum += _compiled.Evaluate(_batch, row).Units;
        return sum;
    }

    /// <summary>The reference interpreter (test oracle), for scale.</summary>
    [Benchmark(OperationsPerInvoke = 10_000)]
    public long Interpreter()
    {
        long sum = 0;
        for (var row = 0; row < 10_000; row++) sum += IrInterpreter.Evaluate(_compiled.Program, _batch, row).Units;
        return sum;
    }
}
