namespace Scoring.Rules.ProofOfGpu;

/// <summary>
/// The validated GPU score table: names in order, their scores, and <c>gmax</c> (the first maximum in table order,
/// as Python's <c>max(gpu_scores, key=gpu_scores.get)</c> picks it).
/// </summary>
public sealed class GpuScoreTable
{
    private readonly Dictionary<string, double> _scores;

    private GpuScoreTable(IReadOnlyList<KeyValuePair<string, double>> entries, Dictionary<string, double> scores, int maxIndex)
    {
        Entries = entries;
        _scores = scores;
        MaxScore = entries[maxIndex].Value;
        MaxGpuName = entries[maxIndex].Key;
    }

    /// <summary>
    /// The default table of issue 6 (SN27's <c>gpu_performance.gpu_scores</c> with B200, H200 and RTX 5090 added), in
    /// this order: B200 is <c>gmax</c> = 5.0.
    /// </summary>
    public static GpuScoreTable Default { get; } = Create(
    [
        KeyValuePair.Create("NVIDIA B200", 5.0),
        KeyValuePair.Create("NVIDIA H200", 4.0),
        KeyValuePair.Create("NVIDIA H100 80GB HBM3", 3.3),
        KeyValuePair.Create("NVIDIA H100", 2.8),
        KeyValuePair.Create("NVIDIA A100-SXM4-80GB", 1.9),
        KeyValuePair.Create("NVIDIA A100 80GB PCIe", 1.7),
        KeyValuePair.Create("NVIDIA A100-SXM4-40GB", 1.3),
        KeyValuePair.Create("NVIDIA GeForce RTX 5090", 0.92),
        KeyValuePair.Create("NVIDIA L40s", 0.9),
        KeyValuePair.Create("NVIDIA RTX 6000 Ada Generation", 0.83),
        KeyValuePair.Create("NVIDIA L40", 1.0),
        KeyValuePair.Create("NVIDIA RTX A6000", 0.75),
        KeyValuePair.Create("NVIDIA RTX 4090", 0.68),
        KeyValuePair.Create("NVIDIA A40", 0.0),
        KeyValuePair.Create("NVIDIA GeForce RTX 3090", 0.0),
        KeyValuePair.Create("NVIDIA L4", 0.0),
        KeyValuePair.Create("NVIDIA RTX A5000", 0.26),
        KeyValuePair.Create("NVIDIA RTX A4500", 0.0),
    ]);

    /// <summary>The rows in table order.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Entries { get; }

    /// <summary><c>gmax</c>: the largest score, &gt; 0.</summary>
    public double MaxScore { get; }

    /// <summary>The GPU that holds <c>gmax</c> (the first one in table order on a tie).</summary>
    public string MaxGpuName { get; }

    /// <summary>Validates and builds a table from rows in order.</summary>
    /// <exception cref="ProofOfGpuConfigurationException">
    /// No rows, a blank or repeated name, a NaN, infinite or negative score, or every score 0.
    /// </exception>
    public static GpuScoreTable Create(IEnumerable<KeyValuePair<string, double>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var entries = new List<KeyValuePair<string, double>>();
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        int maxIndex = -1;
        foreach (var (name, score) in rows)
        {
            int row = entries.Count;
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ProofOfGpuConfigurationException($"GPU score table row {row}: the GPU name is empty.");
            }
            if (!double.IsFinite(score) || score < 0)
            {
                throw new ProofOfGpuConfigurationException(
                    $"GPU score table row {row} ('{name}'): the score is {score}; a GPU score must be a finite number ≥ 0.");
            }
            if (!scores.TryAdd(name, score))
            {
                throw new ProofOfGpuConfigurationException($"GPU score table row {row}: '{name}' appears more than once.");
            }
            entries.Add(KeyValuePair.Create(name, score));
            if (maxIndex < 0 || score > entries[maxIndex].Value)
            {
                maxIndex = row;
            }
        }
        if (entries.Count == 0)
        {
            throw new ProofOfGpuConfigurationException("The GPU score table is empty: at least one GPU needs a score above 0.");
        }
        if (entries[maxIndex].Value == 0)
        {
            throw new ProofOfGpuConfigurationException(
                $"Every GPU score in the table is 0 ({entries.Count} rows): the largest score divides every miner's score, so at least one must be above 0.");
        }
        return new GpuScoreTable(entries, scores, maxIndex);
    }

    /// <summary>Looks up a GPU name exactly (case-sensitive, no trimming).</summary>
    public bool TryGetScore(string gpuName, out double score) => _scores.TryGetValue(gpuName, out score);
}
