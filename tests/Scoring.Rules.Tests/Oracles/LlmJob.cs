namespace Scoring.Rules.Tests.Oracles;

/// <summary>One LLM inference job, as the per-job formula reads it.</summary>
/// <param name="Model">The model id (e.g. <c>hermes-3-llama3.1-8b</c>).</param>
/// <param name="InputTokens">Prompt tokens.</param>
/// <param name="OutputTokens">Generated tokens.</param>
/// <param name="VramGb">The GPU's memory in GB.</param>
/// <param name="LatencySeconds">How long the job took, in seconds.</param>
public readonly record struct LlmJob(string Model, long InputTokens, long OutputTokens, double VramGb, double LatencySeconds);
