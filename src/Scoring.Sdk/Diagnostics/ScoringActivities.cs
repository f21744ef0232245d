using System.Diagnostics;
using Scoring.Evaluation;
using Scoring.Evaluation.Batch;
using Scoring.Ledger;

namespace Scoring.Diagnostics;

/// <summary>
/// The SDK's spans, on the <see cref="ActivitySource"/> <see cref="ScoringTelemetry.ActivitySourceName"/>. Each start
/// returns null when nobody listens (the cost is then one check), and sets attributes only when the span is recorded.
/// Span names follow the OpenTelemetry "{operation} {target}" form with low-cardinality targets (scheme names, rule-set
/// ids); the operation names (<c>Scoring.IngestBatch</c>, …) are fixed for listeners that filter on them.
/// </summary>
internal static class ScoringActivities
{
    public const string IngestBatch = "Scoring.IngestBatch";
    public const string Evaluate = "Scoring.Evaluate";
    public const string LedgerAppend = "Scoring.LedgerAppend";

    public static ActivitySource Source { get; } = new(ScoringTelemetry.ActivitySourceName, ScoringMetrics.Version);

    /// <summary>
    /// One ingestion batch: one ledger transaction (retried as a whole on a transient conflict), including its commit.
    /// A group commit's span is the child of its one input's caller, or, for several inputs, linked to each caller.
    /// </summary>
    public static Activity? StartIngestBatch(string scheme, ILedgerStore ledger, long firstLine, long lastLine, long lines, bool settles,
        ActivityContext parent = default, IEnumerable<ActivityLink>? links = null)
    {
        var activity = Source.StartActivity(IngestBatch, ActivityKind.Internal, parent, links: links);
        if (activity is null)
            return null;
        activity.DisplayName = $"ingest {scheme}";
        if (activity.IsAllDataRequested)
        {
            activity.SetTag(TelemetryAttributes.Scheme, scheme);
            activity.SetTag(TelemetryAttributes.LedgerStore, StoreName(ledger));
            activity.SetTag(TelemetryAttributes.BatchLineCount, lines);
            if (lines > 0)
            {
                activity.SetTag(TelemetryAttributes.BatchFirstLine, firstLine);
                activity.SetTag(TelemetryAttributes.BatchLastLine, lastLine);
            }
            activity.SetTag(TelemetryAttributes.BatchSettles, settles);
        }
        return activity;
    }

    /// <summary>What the committed batch did.</summary>
    public static void Committed(Activity? activity, int accepted, int duplicates, int refused, int entries)
    {
        if (activity is not { IsAllDataRequested: true })
            return;
        activity.SetTag(TelemetryAttributes.BatchAcceptedCount, accepted);
        activity.SetTag(TelemetryAttributes.BatchDuplicateCount, duplicates);
        activity.SetTag(TelemetryAttributes.BatchRefusedCount, refused);
        activity.SetTag(TelemetryAttributes.LedgerEntryCount, entries);
    }

    /// <summary>One batch of rows evaluated by one rule-set version on <paramref name="evaluator"/>'s backend.</summary>
    public static Activity? StartEvaluate(CompiledRuleSet version, IBatchEvaluator evaluator, int rows)
    {
        var activity = Source.StartActivity(Evaluate);
        if (activity is null)
            return null;
        activity.DisplayName = $"evaluate {version.RuleSet.Id}";
        if (activity.IsAllDataRequested)
        {
            activity.SetTag(TelemetryAttributes.RuleSetId, version.RuleSet.Id);
            activity.SetTag(TelemetryAttributes.RuleSetVersion, version.RuleSet.Version);
            // auto's choice, not "auto": the backend that does the work
            activity.SetTag(TelemetryAttributes.EvaluationBackend, evaluator is AutoBatchEvaluator auto ? auto.Chosen.Name : evaluator.Name);
            activity.SetTag(TelemetryAttributes.EvaluationRowCount, rows);
        }
        return activity;
    }

    /// <summary>A batch's writes inside its transaction: report keys recorded, entries appended, the scheme's state written.</summary>
    public static Activity? StartLedgerAppend(string scheme, int keys)
    {
        var activity = Source.StartActivity(LedgerAppend);
        if (activity is null)
            return null;
        activity.DisplayName = $"ledger append {scheme}";
        if (activity.IsAllDataRequested)
        {
            activity.SetTag(TelemetryAttributes.Scheme, scheme);
            activity.SetTag(TelemetryAttributes.LedgerKeyCount, keys);
        }
        return activity;
    }

    /// <summary>The entries the append wrote.</summary>
    public static void Appended(Activity? activity, int entries)
    {
        if (activity is { IsAllDataRequested: true })
            activity.SetTag(TelemetryAttributes.LedgerEntryCount, entries);
    }

    /// <summary>
    /// Marks <paramref name="activity"/> failed with the exception's type (<c>error.type</c>) and message. Returns false,
    /// so it can be an exception filter that records without catching: <c>catch (Exception e) when (Failed(activity, e))</c>.
    /// </summary>
    public static bool Failed(Activity? activity, Exception exception)
    {
        if (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, exception.Message);
            activity.SetTag(TelemetryAttributes.ErrorType, exception.GetType().FullName);
        }
        return false;
    }

    /// <summary>The store's kind for the <c>scoring.ledger.store</c> attribute: its type name without "LedgerStore", lower case (<c>sqlite</c>, <c>postgres</c>, <c>inmemory</c>; <c>deferred</c> for a DI-registered store not opened yet).</summary>
    public static string StoreName(ILedgerStore ledger)
    {
        string name = DeferredLedgerStore.Unwrap(ledger).GetType().Name;
        const string suffix = "LedgerStore";
        return (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length ? name[..^suffix.Length] : name).ToLowerInvariant();
    }
}
