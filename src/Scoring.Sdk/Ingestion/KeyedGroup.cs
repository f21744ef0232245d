namespace Scoring.Ingestion;

/// <summary>
/// What one ledger transaction scores: keyed segments in order and the input each report came from. A group's inputs
/// (<see cref="ReportIngestion.RunGroupAsync"/>) become one sequence of segments, cut only where a report id repeats —
/// the segments one batch of the same reports in the same order has (<see cref="KeyedSegments"/>) — so a group pays
/// one classify, score, record, append and state flush per segment instead of per input.
/// </summary>
internal sealed class KeyedGroup
{
    private static readonly KeyedSegment Empty = new([], []);

    // Per segment, the input of each report; null when there is one input.
    private readonly List<int[]>? _inputs;

    private KeyedGroup(IReadOnlyList<KeyedSegment> segments, int inputs, List<int[]>? inputOf)
    {
        Segments = segments;
        Inputs = inputs;
        _inputs = inputOf;
    }

    /// <summary>The segments, in input order.</summary>
    public IReadOnlyList<KeyedSegment> Segments { get; }

    /// <summary>How many inputs the reports came from.</summary>
    public int Inputs { get; }

    /// <summary>One input's segments (a batch of <see cref="ReportIngestion.RunAsync"/>, or an input written alone).</summary>
    public static KeyedGroup Single(IReadOnlyList<KeyedSegment> segments) => new(segments, 1, null);

    /// <summary>Settling: no reports, one (empty) step of the writer.</summary>
    public static KeyedGroup Settling { get; } = new([Empty], 1, null);

    /// <summary>The reports of several inputs, in order, as one sequence of segments; the keys computed when each input was decoded are reused.</summary>
    public static KeyedGroup Merge(IReadOnlyList<IReadOnlyList<KeyedSegment>> inputs)
    {
        int count = 0;
        foreach (var segments in inputs)
            foreach (var segment in segments)
                count += segment.Reports.Count;
        var merged = new KeyedSegments(count);
        var inputOf = new int[count];
        int at = 0;
        for (int input = 0; input < inputs.Count; input++)
        {
            foreach (var segment in inputs[input])
            {
                for (int i = 0; i < segment.Reports.Count; i++)
                {
                    merged.Add(segment.Reports[i], segment.Keys[i]);
                    inputOf[at++] = input;
                }
            }
        }
        var perSegment = new List<int[]>(merged.Segments.Count);
        at = 0;
        foreach (var segment in merged.Segments)
        {
            perSegment.Add(inputOf[at..(at + segment.Reports.Count)]);
            at += segment.Reports.Count;
        }
        return new KeyedGroup(merged.Segments, inputs.Count, perSegment);
    }

    /// <summary>The input that report <paramref name="index"/> of segment <paramref name="segment"/> came from.</summary>
    public int InputOf(int segment, int index) => _inputs is null ? 0 : _inputs[segment][index];
}
