using BenchmarkDotNet.Attributes;
using Scoring.Evaluation;
using Scoring.RuleSets;

namespace Scoring.Bench.Rules;

/// <summary>Compiling a 20-rule rule set from its model (parse, type check, fold, IR, delegate), and reading it from JSON first.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class RuleCompileBenchmarks
{
    private RuleSet _ruleSet = null!;
    private byte[] _json = null!;

    /// <summary>Builds the 20-rule model and its JSON document.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _ruleSet = ImageJobRules.Build(extraRules: 10);
        if (_ruleSet.Rules.Count != 20) throw new InvalidOperationException("expected 20 rules");
        _json = System.Text.Encoding.UTF8.GetBytes(RuleSetDocument.Write(_ruleSet));
    }

    /// <summary>Model → compiled delegate.</summary>
    [Benchmark(Baseline = true)]
    public CompiledRuleSet Compile20Rules() => RuleSetCompiler.CompileOrThrow(_ruleSet);

    /// <summary>JSON bytes → model → compiled delegate.</summary>
    [Benchmark]
    public CompiledRuleSet ReadAndCompile20Rules() => RuleSetDocument.Compile(_json).GetValueOrThrow();
}
