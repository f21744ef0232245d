namespace Scoring.Ledger;

/// <summary>Checks a whole batch before a store touches anything, so a bad report rejects the batch cleanly.</summary>
internal static class BatchValidator
{
    /// <summary>The longest scheme, producer, report, account, peer, rule-set or operator id accepted.</summary>
    public const int MaxIdLength = 256;

    /// <summary>The longest reason accepted.</summary>
    public const int MaxReasonLength = 4096;

    public static void Validate(LedgerBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Validate(batch.Reports);
    }

    public static void Validate(IReadOnlyList<LedgerReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        for (int i = 0; i < reports.Count; i++)
            Validate(i, reports[i]);
    }

    private static void Validate(int index, LedgerReport? report)
    {
        if (report is null)
            throw new LedgerValidationException(index, null, "report", "is null");
        string? id = report.ReportId;
        Text(index, id, -1, "Scheme", report.Scheme, required: true, MaxIdLength);
        Text(index, id, -1, "Producer", report.Producer, required: false, MaxIdLength);
        Text(index, id, -1, "ReportId", report.ReportId, required: true, MaxIdLength);
        if (report.Postings is null || report.Postings.Count == 0)
            throw new LedgerValidationException(index, id, "Postings", "a report needs at least one posting (a zero amount is fine)");

        bool allManual = true;
        for (int p = 0; p < report.Postings.Count; p++)
        {
            var posting = report.Postings[p];
            if (posting is null)
                throw new LedgerValidationException(index, id, Field(p, ""), "is null");
            if (!PostingKinds.IsValid(posting.Kind))
                throw new LedgerValidationException(index, id, Field(p, ".Kind"),
                    $"'{posting.Kind}' is not a valid kind: use 1 to {PostingKinds.MaxLength} of a-z, 0-9, '.', '_' and '-'");
            bool manual = PostingKinds.IsManual(posting.Kind);
            allManual &= manual;
            Text(index, id, p, ".Account", posting.Account, required: true, MaxIdLength);
            // A slash or adjustment may target the whole account (empty peer); earned points always have a peer.
            Text(index, id, p, ".Peer", posting.Peer, required: !manual, MaxIdLength);
            if (posting.Amount.Units < 0 && !manual)
                throw new LedgerValidationException(index, id, Field(p, ".Amount"), $"{posting.Kind} amount {posting.Amount} is negative; only slashes and adjustments may be");
            if (posting.Kind == PostingKinds.Slash && posting.Amount.Units > 0)
                throw new LedgerValidationException(index, id, Field(p, ".Amount"), $"a slash removes points, but {posting.Amount} is positive; use an adjustment to add points");
            if (posting.ActiveSeconds < 0)
                throw new LedgerValidationException(index, id, Field(p, ".ActiveSeconds"), $"{posting.ActiveSeconds} is negative");
            // Active seconds count activity; an operator's correction is not activity.
            if (posting.ActiveSeconds != 0 && manual)
                throw new LedgerValidationException(index, id, Field(p, ".ActiveSeconds"), $"only activity postings carry active seconds, not a {posting.Kind}");
            Text(index, id, p, ".Reason", posting.Reason, required: manual, MaxReasonLength, nullable: !manual);
            Text(index, id, p, ".Operator", posting.Operator, required: manual, MaxIdLength, nullable: !manual);
        }

        // Manual corrections are not produced by a rule set; everything else must say which one scored it.
        Text(index, id, -1, "RuleSetId", report.RuleSetId, required: !allManual, MaxIdLength);
        Text(index, id, -1, "RuleSetHash", report.RuleSetHash, required: !allManual, MaxIdLength);
    }

    // Field names are built only for the message: the checks run for every posting of every batch.
    private static string Field(int posting, string name) => posting < 0 ? name : $"Postings[{posting}]{name}";

    private static void Text(int index, string? id, int posting, string name, string? value, bool required, int maxLength, bool nullable = false)
    {
        if (value is null)
        {
            if (nullable) return;
            throw new LedgerValidationException(index, id, Field(posting, name), required ? "is required" : "must not be null (use an empty string)");
        }
        if (required && string.IsNullOrWhiteSpace(value))
            throw new LedgerValidationException(index, id, Field(posting, name), "is required and must not be blank");
        if (value.Length > maxLength)
            throw new LedgerValidationException(index, id, Field(posting, name), $"is {value.Length} characters long; at most {maxLength} are allowed");
        // Ids are almost always plain text: one vectorized search decides (the ledger's one definition of it), the loop
        // below runs only when needed.
        if (LedgerState.IsPlainText(value, maxLength))
            return;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            // Stores keep text as UTF-8: a lone surrogate would come back as U+FFFD, a different id.
            if (char.IsSurrogate(c))
                throw new LedgerValidationException(index, id, Field(posting, name), $"has an unpaired surrogate at position {i}; it is not valid Unicode");
            if (c == '\0')
                throw new LedgerValidationException(index, id, Field(posting, name), $"has a NUL character at position {i}");
        }
    }
}
