using Scoring.Evaluation;
using Scoring.Evaluation.Batch;
using Scoring.RuleSets;

namespace Scoring.Schemes;

/// <summary>What a scheme scores with: the rule-set versions in force and the evaluator backend.</summary>
public sealed class SchemeContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="ruleSets">Every compiled version in force, by id (built-ins and operator overrides).</param>
    /// <param name="evaluators">
    /// Creates the batch evaluator of one rule-set version (scalar, SIMD, OpenCL, or Auto, which calibrates on the batch
    /// it is given); null for the scalar reference. Every backend gives bit-identical results, so this changes speed only.
    /// </param>
    /// <param name="time">The clock; the system clock by default.</param>
    public SchemeContext(RuleSetRegistry ruleSets, Func<CompiledRuleSet, ReportBatch, IBatchEvaluator>? evaluators = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(ruleSets);
        RuleSets = ruleSets;
        Evaluators = evaluators ?? ((compiled, _) => new ScalarBatchEvaluator(compiled));
        Time = time ?? TimeProvider.System;
    }

    /// <summary>Every compiled rule-set version in force, by id.</summary>
    public RuleSetRegistry RuleSets { get; }

    /// <summary>Creates the batch evaluator of one rule-set version.</summary>
    public Func<CompiledRuleSet, ReportBatch, IBatchEvaluator> Evaluators { get; }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }
}
