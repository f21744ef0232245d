using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scoring.Evaluation.Batch;
using Scoring.Gpu;

namespace Scoring;

/// <summary>Offers the OpenCL evaluator to a host built with <c>AddScoring</c>.</summary>
public static class ScoringBuilderOpenClExtensions
{
    /// <summary>
    /// Replaces the CPU evaluator factory with <see cref="OpenClBatchEvaluatorFactory"/>: <c>Scoring:Evaluation:Backend</c>
    /// may then be <c>opencl</c> (with an optional <c>Device</c> index), and <c>auto</c> calibrates OpenCL alongside the
    /// CPU backends, falling back to them, with the reason logged, where no OpenCL device can run.
    /// </summary>
    /// <param name="builder">The SDK's builder.</param>
    public static ScoringBuilder UseOpenCl(this ScoringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IBatchEvaluatorFactory, OpenClBatchEvaluatorFactory>());
        return builder;
    }
}
