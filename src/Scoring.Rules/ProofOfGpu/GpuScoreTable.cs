namespace Scoring.Rules.ProofOfGpu;

/// <summary>
/// A validated GPU score table read from a validator's configuration: names in order, their scores, and <c>gmax</c>
/// (the first maximum in table order, as Python's <c>max(gpu_scores, key=gpu_scores.get)</c> picks it). The table in
/// force is the <c>gpuScores</c> table of the <c>pog-score</c> rule set; <see cref="ProofOfGpuConfigFile"/> turns a
/// validated table into a version of it.
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
    /// <param name="rows">The rows, in table order.</param>
    /// <param name="sourceName">Where the rows come from, to prefix messages; null for none.</param>
    public static GpuScoreTable Create(IEnumerable<KeyValuePair<string, double>> rows, string? sourceName = null)
    {
        try
        {
            return CreateCore(rows);
        }
        catch (ProofOfGpuConfigurationException e) when (sourceName is not null)
        {
            throw new ProofOfGpuConfigurationException($"{sourceName}: {e.Message}", e);
        }
    }

    private static GpuScoreTable CreateCore(IEnumerable<KeyValuePair<string, double>> rows)
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
