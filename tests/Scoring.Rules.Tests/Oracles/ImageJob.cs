namespace Scoring.Rules.Tests.Oracles;

/// <summary>One image generation job, as the per-job formula reads it.</summary>
/// <param name="Category">The model category id (e.g. <c>sdxl</c>).</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Height">Image height in pixels.</param>
/// <param name="Steps">Sampling steps.</param>
/// <param name="VramGb">The GPU's memory in GB.</param>
/// <param name="LatencySeconds">How long the job took, in seconds.</param>
public readonly record struct ImageJob(string Category, int Width, int Height, int Steps, double VramGb, double LatencySeconds);
