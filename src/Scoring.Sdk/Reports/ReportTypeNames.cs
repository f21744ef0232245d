namespace Scoring.Reports;

/// <summary>The string constants of the wire format: <c>type</c> discriminators and <c>source</c> values.</summary>
internal static class ReportTypeNames
{
    public const string Swarm = "swarm";
    public const string Image = "image";
    public const string Llm = "llm";
    public const string ProofOfGpu = "pog";
    public const string LocalSource = "local";
    public const string ExternalSource = "external";
}
