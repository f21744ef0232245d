using System.ComponentModel.DataAnnotations;

namespace Scoring;

/// <summary>Which batch evaluator scores reports: configuration section <c>Scoring:Evaluation</c>.</summary>
public sealed class EvaluationOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Scoring:Evaluation";

    /// <summary>
    /// The evaluator backend: <c>auto</c> (the fastest available, the default), <c>scalar</c> (the reference),
    /// <c>simd</c> or <c>opencl</c> (needs the Scoring.Gpu package's <c>UseOpenCl()</c>). Case-insensitive; checked
    /// when the host starts against what the registered evaluator factory offers.
    /// </summary>
    [Required]
    public string Backend { get; set; } = "auto";

    /// <summary>The OpenCL device index (as <c>scoring devices</c> lists them) for <c>opencl</c> or <c>auto</c>; the best device when unset.</summary>
    [Range(0, int.MaxValue)]
    public int? Device { get; set; }
}
