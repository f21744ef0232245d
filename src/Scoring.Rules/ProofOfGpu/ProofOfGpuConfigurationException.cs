namespace Scoring.Rules.ProofOfGpu;

/// <summary>The Proof-of-GPU configuration (score table, multiplier, cap) is invalid; the message says where and why.</summary>
public sealed class ProofOfGpuConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProofOfGpuConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ProofOfGpuConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
