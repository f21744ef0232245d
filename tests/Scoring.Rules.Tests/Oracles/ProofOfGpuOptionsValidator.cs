using Microsoft.Extensions.Options;
using Scoring.Rules.ProofOfGpu;

namespace Scoring.Rules.Tests.Oracles;

/// <summary>
/// Validates <see cref="ProofOfGpuOptions"/> at start (<c>services.AddOptions&lt;ProofOfGpuOptions&gt;().ValidateOnStart()</c>
/// with this registered as <c>IValidateOptions&lt;ProofOfGpuOptions&gt;</c>): the table must build, the multiplier must
/// be finite and ≥ 0, the GPU cap ≥ 1.
/// </summary>
public sealed class ProofOfGpuOptionsValidator : IValidateOptions<ProofOfGpuOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ProofOfGpuOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        try
        {
            options.BuildTable();
        }
        catch (ProofOfGpuConfigurationException e)
        {
            failures.Add(e.Message);
        }
        if (!double.IsFinite(options.AllocationMultiplier) || options.AllocationMultiplier < 0)
        {
            failures.Add($"AllocationMultiplier is {options.AllocationMultiplier}; it must be a finite number ≥ 0 (1 = no bonus).");
        }
        if (options.MaxGpus < 1)
        {
            failures.Add($"MaxGpus is {options.MaxGpus}; at least 1 GPU must count.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
