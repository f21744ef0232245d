namespace Scoring.Ledger;

/// <summary>A batch was rejected before anything was written, because one of its reports is invalid.</summary>
public sealed class LedgerValidationException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reportIndex">The 0-based index of the bad report in the batch.</param>
    /// <param name="reportId">The bad report's id (may be empty when that is the problem).</param>
    /// <param name="field">The field at fault, e.g. <c>Postings[1].Reason</c>.</param>
    /// <param name="problem">What is wrong with it.</param>
    public LedgerValidationException(int reportIndex, string? reportId, string field, string problem)
        : base($"Report #{reportIndex} (id '{reportId}'), {field}: {problem}. Nothing in the batch was written.")
    {
        ReportIndex = reportIndex;
        ReportId = reportId;
        Field = field;
    }

    /// <summary>The 0-based index of the bad report in the batch.</summary>
    public int ReportIndex { get; }

    /// <summary>The bad report's id.</summary>
    public string? ReportId { get; }

    /// <summary>The field at fault, e.g. <c>Postings[1].Reason</c>.</summary>
    public string Field { get; }
}
