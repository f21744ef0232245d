using System.ComponentModel.DataAnnotations;

namespace Scoring;

/// <summary>Which batch evaluator scores reports: configuration section <c>Scoring:Evaluation</c>.</summary>
public sealed class EvaluationOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Scoring:Evaluation";

    /// <summary>The backends a host may name.</summary>
    public static IReadOnlyList<string> Backends { get; } = ["auto", "scalar", "simd", "opencl"];

    /// <summary>
    /// The evaluator backend: <c>auto</c> (the fastest available, the default), <c>scalar</c> (the reference),
    /// <c>simd</c> or <c>opencl</c>. Case-insensitive.
    /// </summary>
    [Required]
    [RegularExpression("(?i)^(auto|scalar|simd|opencl)$", ErrorMessage = "must be one of auto, scalar, simd, opencl.")]
    public string Backend { get; set; } = "auto";
}
