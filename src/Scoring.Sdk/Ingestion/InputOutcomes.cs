using Scoring.Ledger;

namespace Scoring.Ingestion;

/// <summary>
/// One transaction's counts per input (<see cref="KeyedGroup.Inputs"/>): what each input's reports became — accepted,
/// duplicate, refused with the input's own line numbers — and the ledger entries the input is counted for.
/// </summary>
/// <remarks>
/// A scheme posts its entries per report (<see cref="LedgerReport"/> names it: currency, producer, id), not
/// necessarily for the reports it was just given: also for reports its reorder window held since an earlier
/// transaction, and for reports it makes itself (an epoch's boost). So an input is counted for the entries of its own
/// reports that the transaction appended, and the first input also for every other entry the transaction appended:
/// the inputs' counts add up to the transaction's, and an input alone in its transaction counts all of them, as a batch
/// of <see cref="ReportIngestion.RunAsync"/> does.
/// </remarks>
internal sealed class InputOutcomes
{
    private readonly int[] _accepted;
    private readonly int[] _duplicates;
    private readonly int[] _entries;
    private readonly List<ReportRejection>[] _rejections;
    // The input of each accepted report, by the name its entries carry; only a group needs it.
    private readonly Dictionary<(string Currency, string Producer, string Id), int>? _owners;

    public InputOutcomes(int inputs)
    {
        _accepted = new int[inputs];
        _duplicates = new int[inputs];
        _entries = new int[inputs];
        _rejections = new List<ReportRejection>[inputs];
        for (int i = 0; i < inputs; i++)
            _rejections[i] = [];
        _owners = inputs > 1 ? [] : null;
    }

    public int Accepted(int input) => _accepted[input];

    public int Duplicates(int input) => _duplicates[input];

    public int Entries(int input) => _entries[input];

    /// <summary>The input's reports refused while scoring (conflicts, late, rejected by the scheme), in the order they were refused.</summary>
    public IReadOnlyList<ReportRejection> Rejections(int input) => _rejections[input];

    public void Accept(int input, ReportKey key)
    {
        _accepted[input]++;
        if (_owners is not null)
            _owners[LedgerTransaction.Id(key)] = input;
    }

    public void Duplicate(int input) => _duplicates[input]++;

    public void Refuse(int input, ReportRejection rejection) => _rejections[input].Add(rejection);

    /// <summary>Counts the <paramref name="entries"/> appended for <paramref name="posts"/> (one per posting) to the inputs whose reports they pay.</summary>
    public void Appended(IReadOnlyList<LedgerReport> posts, int entries)
    {
        int owned = 0;
        if (_owners is not null)
        {
            foreach (var post in posts)
            {
                if (_owners.TryGetValue((post.Scheme, post.Producer, post.ReportId), out int input))
                {
                    _entries[input] += post.Postings.Count;
                    owned += post.Postings.Count;
                }
            }
        }
        _entries[0] += entries - owned;
    }
}
