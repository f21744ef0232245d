using Scoring.Ledger;
using static Scoring.Sdk.Tests.Ledger.Reports;

namespace Scoring.Sdk.Tests.Ledger;

/// <summary>Every reason a batch is rejected, each naming the report and field, with nothing written.</summary>
public sealed class BatchValidationTests
{
    private static readonly LedgerReport Good = Compute("good", "alice", 1);

    private static LedgerReport WithPosting(LedgerPosting posting, string ruleSet = "rs") =>
        Good with { ReportId = "bad", RuleSetId = ruleSet, Postings = [posting] };

    private static LedgerPosting Manual(EntryKind kind, long units, string? reason, string? op, string peer = "") =>
        new("alice", peer, kind, Points.FromUnits(units)) { Reason = reason, Operator = op };

    public static TheoryData<string, LedgerReport, string, string> Cases => new()
    {
        { "empty scheme", Good with { ReportId = "bad", Scheme = "" }, "Scheme", "is required" },
        { "blank report id", Good with { ReportId = "  " }, "ReportId", "is required" },
        { "null postings", Good with { ReportId = "bad", Postings = null! }, "Postings", "at least one posting" },
        { "no postings", Good with { ReportId = "bad", Postings = [] }, "Postings", "at least one posting" },
        { "null posting", Good with { ReportId = "bad", Postings = [null!] }, "Postings[0]", "is null" },
        { "empty account", WithPosting(new("", "p", EntryKind.Compute, Points.Zero)), "Postings[0].Account", "is required" },
        { "null account", WithPosting(new(null!, "p", EntryKind.Compute, Points.Zero)), "Postings[0].Account", "is required" },
        { "empty peer on earned points", WithPosting(new("alice", "", EntryKind.Job, Points.Zero)), "Postings[0].Peer", "is required" },
        { "null peer on a slash", WithPosting(Manual(EntryKind.Slash, -1, "r", "o", peer: null!)), "Postings[0].Peer", "must not be null" },
        { "undefined kind", WithPosting(new("alice", "p", (EntryKind)9, Points.Zero)), "Postings[0].Kind", "not a defined entry kind" },
        { "negative compute", WithPosting(new("alice", "p", EntryKind.Compute, Points.FromUnits(-1))), "Postings[0].Amount", "only slashes and adjustments" },
        { "negative boost", WithPosting(new("alice", "p", EntryKind.Boost, Points.FromUnits(-1))), "Postings[0].Amount", "only slashes and adjustments" },
        { "positive slash", WithPosting(Manual(EntryKind.Slash, 5, "r", "o")), "Postings[0].Amount", "is positive" },
        { "slash without reason", WithPosting(Manual(EntryKind.Slash, -5, null, "o")), "Postings[0].Reason", "is required" },
        { "slash with blank reason", WithPosting(Manual(EntryKind.Slash, -5, " ", "o")), "Postings[0].Reason", "is required" },
        { "adjustment without operator", WithPosting(Manual(EntryKind.Adjustment, 5, "r", null)), "Postings[0].Operator", "is required" },
        { "negative active seconds", WithPosting(new("alice", "p", EntryKind.Presence, Points.Zero) { ActiveSeconds = -1 }), "Postings[0].ActiveSeconds", "is negative" },
        { "active seconds on compute", WithPosting(new("alice", "p", EntryKind.Compute, Points.Zero) { ActiveSeconds = 5 }), "Postings[0].ActiveSeconds", "only presence postings" },
        { "missing rule set id", WithPosting(new("alice", "p", EntryKind.Compute, Points.Zero), ruleSet: ""), "RuleSetId", "is required" },
        { "missing rule set hash", Good with { ReportId = "bad", RuleSetHash = null! }, "RuleSetHash", "is required" },
        { "id too long", Good with { ReportId = new string('x', 257) }, "ReportId", "at most 256" },
        { "reason too long", WithPosting(Manual(EntryKind.Slash, -1, new string('r', 4097), "o")), "Postings[0].Reason", "at most 4096" },
        { "lone surrogate", WithPosting(new("al\uD800ice", "p", EntryKind.Compute, Points.Zero)), "Postings[0].Account", "unpaired surrogate" },
        { "NUL character", WithPosting(new("alice", "p\0", EntryKind.Compute, Points.Zero)), "Postings[0].Peer", "NUL" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_report_is_rejected_with_its_index_field_and_reason(string name, LedgerReport bad, string field, string problem)
    {
        // Validation is shared by every store (BatchValidator) and runs before any write.
        var store = new InMemoryLedgerStore();
        var error = await Assert.ThrowsAsync<LedgerValidationException>(() => store.AppendAsync(Batch(Good, bad)));
        Assert.True(error.Field == field, $"{name}: field {error.Field}");
        Assert.Contains(problem, error.Message);
        Assert.Equal(1, error.ReportIndex);
        Assert.Contains("Report #1", error.Message);
        Assert.Equal(0, (await store.GetSummaryAsync()).Reports);
    }

    [Fact]
    public async Task A_null_report_or_batch_is_rejected()
    {
        var store = new InMemoryLedgerStore();
        var error = await Assert.ThrowsAsync<LedgerValidationException>(() => store.AppendAsync(Batch(Good, null!)));
        Assert.Equal("report", error.Field);
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.AppendAsync(null!));
        Assert.Throws<ArgumentNullException>(() => new LedgerBatch(null!));
    }

    [Fact]
    public async Task Manual_reports_need_no_rule_set_and_may_target_the_whole_account()
    {
        var store = new InMemoryLedgerStore();
        var result = await store.AppendAsync(Batch(Slash("s1", "alice", -5), WithPosting(new("bob", "p", EntryKind.Presence, Points.Zero) { ActiveSeconds = 0 })));
        Assert.Equal(2, result.Appended);
    }
}
