using System.Text.Json;
using Scoring.Ingestion;
using Scoring.Weights;

namespace Scoring.Schemes;

/// <summary>
/// The result of one round of a <see cref="WeightsScheme"/>: a score per uid (ascending uid), and the scheme's own
/// presentation of its rows and counts.
/// </summary>
public abstract class WeightsRound
{
    /// <summary>The uids scored, ascending.</summary>
    public abstract IReadOnlyList<int> Uids { get; }

    /// <summary>The score of each uid in <see cref="Uids"/> (IEEE double, exactly as the rule set computed it).</summary>
    public abstract IReadOnlyList<double> Scores { get; }

    /// <summary>
    /// The round's weights: each score rounded to float32 (a validator's score tensor), then
    /// <see cref="SubnetWeights.Compute(ReadOnlySpan{int}, ReadOnlySpan{double}, WeightSettings?)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The round has no uid (and no burn uid is set).</exception>
    public SubnetWeights ToWeights(WeightSettings? settings = null) =>
        SubnetWeights.Compute(Uids.ToArray(), Scores.ToArray(), settings);

    /// <summary>Writes the round's rows as the scheme presents them (a fixed-width text block).</summary>
    public abstract void WriteRows(TextWriter output);

    /// <summary>Writes the round's counts and problems (a fixed-width text block), including the input's bad lines.</summary>
    public abstract void WriteSummary(TextWriter output, IReadOnlyList<ReportRejection> badLines);

    /// <summary>
    /// Writes the round's rows as one JSON array value: one object per uid, its <c>uid</c> first, the other fields in
    /// order of importance — a host that shows them in a table too narrow for all (the <c>scoring</c> CLI) keeps the first.
    /// </summary>
    public abstract void WriteRowsJson(Utf8JsonWriter writer);

    /// <summary>Writes the round's counts and problems as one JSON object value, including the input's bad lines.</summary>
    public abstract void WriteSummaryJson(Utf8JsonWriter writer, IReadOnlyList<ReportRejection> badLines);
}
