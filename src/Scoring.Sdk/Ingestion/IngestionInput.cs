using System.Diagnostics;
using Scoring.Reports;
using Scoring.Schemes;

namespace Scoring.Ingestion;

/// <summary>
/// One input of a group commit (<see cref="ReportIngestion.RunGroupAsync"/>): a whole request's reports, with its own
/// admission rule and its own place for refused lines. It is scored whole, in one transaction with the other inputs
/// of its group, and recorded whole or not at all.
/// </summary>
public sealed class IngestionInput
{
    /// <summary>Creates an input.</summary>
    /// <param name="utf8Lines">The reports as UTF-8 JSON Lines; read to the end before the transaction starts, not disposed.</param>
    /// <param name="rejects">Where this input's refused lines go (may be null: they are still counted).</param>
    /// <param name="admit">This input's admission rule (e.g. "the report is the signed peer's"), as in <see cref="ReportIngestion.RunAsync"/>.</param>
    public IngestionInput(Stream utf8Lines, IRejectSink? rejects = null, Func<Report, (string Field, string Reason)?>? admit = null)
    {
        ArgumentNullException.ThrowIfNull(utf8Lines);
        Utf8Lines = utf8Lines;
        Rejects = rejects;
        Admit = admit;
        Caller = Activity.Current?.Context ?? default;
    }

    /// <summary>The reports as UTF-8 JSON Lines.</summary>
    public Stream Utf8Lines { get; }

    /// <summary>Where this input's refused lines go, or null.</summary>
    public IRejectSink? Rejects { get; }

    /// <summary>
    /// The trace context current when the input was created (e.g. its HTTP request's span), or default: the ingest span
    /// of a group is its child when the input is alone, and links to it when the group holds several inputs.
    /// </summary>
    public ActivityContext Caller { get; }

    /// <summary>This input's admission rule, or null to admit every decoded report.</summary>
    public Func<Report, (string Field, string Reason)?>? Admit { get; }

    // Set by ReportIngestion.Prepare, with the decoder and scheme it decoded for.
    private (ReportDecoder Decoder, PointsScheme Scheme, PendingBatch Batch)? _prepared;

    internal void SetPrepared(ReportDecoder decoder, PointsScheme scheme, PendingBatch batch) => _prepared = (decoder, scheme, batch);

    /// <summary>The input as <see cref="ReportIngestion.Prepare"/> decoded it for <paramref name="decoder"/> and <paramref name="scheme"/>, or null.</summary>
    internal PendingBatch? PreparedFor(ReportDecoder decoder, PointsScheme scheme) =>
        _prepared is { } prepared && ReferenceEquals(prepared.Decoder, decoder) && ReferenceEquals(prepared.Scheme, scheme) ? prepared.Batch : null;
}
