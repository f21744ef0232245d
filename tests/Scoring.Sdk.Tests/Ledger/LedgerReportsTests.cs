using Scoring.Ledger;
using static Scoring.Sdk.Tests.Ledger.Reports;

namespace Scoring.Sdk.Tests.Ledger;

/// <summary><see cref="LedgerReports.ContentHash"/>: stored with every report key, so it must never change.</summary>
public sealed class LedgerReportsTests
{
    /// <summary>The content hash of the report below, computed once: the same on every platform and in every later version.</summary>
    private const long PinnedHash = -2053035842508187747;

    [Fact]
    public void The_content_hash_is_stable_and_covers_every_field()
    {
        var report = With("r1", "alice", 5,
            new LedgerPosting("alice", "peer-1", "compute", Points.FromUnits(1_500_000)) { ActiveSeconds = 60 },
            new LedgerPosting("alice", "", PostingKinds.Adjustment, Points.FromUnits(-7)) { Reason = "fix", Operator = "ops" });
        long hash = LedgerReports.ContentHash(report);

        // Pinned: the hash is stored, so it must come out the same on every platform and in every future version.
        Assert.Equal(PinnedHash, hash);
        // Not part of the content: the key itself.
        Assert.Equal(hash, LedgerReports.ContentHash(report with { Scheme = "jobs", Producer = "p", ReportId = "other" }));
        Assert.Equal(hash, LedgerReports.ContentHash(report with { ReportTime = report.ReportTime.ToOffset(TimeSpan.FromHours(3)) }));
        var p0 = report.Postings[0];
        var p1 = report.Postings[1];
        var variants = new[]
        {
            report with { ReportTime = report.ReportTime.AddTicks(1) },
            report with { RuleSetId = "other" },
            report with { RuleSetHash = "other" },
            // Length prefixes: moving a character from one field to the next changes the hash.
            report with { RuleSetId = report.RuleSetId + "s", RuleSetHash = report.RuleSetHash[1..] },
            report with { Postings = [p0 with { Account = "bob" }, p1] },
            report with { Postings = [p0 with { Peer = "peer-2" }, p1] },
            report with { Postings = [p0 with { Kind = "job" }, p1] },
            report with { Postings = [p0 with { Amount = Points.FromUnits(1_500_001) }, p1] },
            report with { Postings = [p0 with { ActiveSeconds = 61 }, p1] },
            report with { Postings = [p0 with { Reason = "" }, p1] },
            report with { Postings = [p0, p1 with { Reason = "fix!" }] },
            report with { Postings = [p0, p1 with { Operator = "op" }] },
            report with { Postings = [p1, p0] },
            report with { Postings = [p0] },
        };
        var hashes = variants.Select(LedgerReports.ContentHash).Append(hash).ToList();
        Assert.Equal(hashes.Count, hashes.Distinct().Count());
    }

    [Fact]
    public void Text_beyond_ascii_is_hashed_as_utf8_with_its_utf16_length()
    {
        // The expected value was computed outside .NET, from the documented encoding (FNV-1a 64 over version byte,
        // little-endian ticks, and each text as a 0/1 null flag, its UTF-16 length and its UTF-8 bytes).
        var report = With("r1", "\u00E5lice", 5,
            new LedgerPosting("\u00E5lice", "peer-\U0001F600", "compute", Points.FromUnits(1_500_000)) { ActiveSeconds = 60 },
            new LedgerPosting("\u00E5lice", "", PostingKinds.Adjustment, Points.FromUnits(-7)) { Reason = "f\u00EFx", Operator = "ops" });

        Assert.Equal(-6029921093020492925, LedgerReports.ContentHash(report));
    }

    [Fact]
    public void The_key_of_a_report_is_its_scheme_producer_id_and_content_hash()
    {
        var report = Compute("r1", "alice", 5, producer: "peer-7");
        Assert.Equal(new ReportKey("swarm", "peer-7", "r1", LedgerReports.ContentHash(report)), ReportKey.Of(report));
        Assert.Equal("'swarm/peer-7/r1'", ReportKey.Of(report).ToString());
    }
}
