using Scoring;
using Scoring.Ingestion;
using static Storage.Proofs.Tests.StorageRun;

namespace Storage.Proofs.Tests;

/// <summary>The scheme's rules one at a time: the uptime gate, the gap rule, the smaller byte count, late proofs, replays.</summary>
public sealed class ProofRulesTests : IDisposable
{
    private readonly LedgerStores _stores = new();

    public void Dispose() => _stores.Dispose();

    [Theory]
    [InlineData(3420, "1")]      // 3420 / 3600 = 0.95: the gate is "at least", so it pays
    [InlineData(3419.9, "0")]    // just below 0.95
    [InlineData(0, "0")]         // down the whole hour
    [InlineData(7200, "1")]      // over-reported uptime passes the gate but pays no more than the hour
    public async Task A_proof_pays_only_when_uptime_over_the_interval_is_at_least_95_percent(double uptime, string paid)
    {
        await using var ledger = await _stores.CreateAsync("memory");
        await ScoreAsync(ledger, [Proof("p1", "acme", TiB, 0, T0), Proof("p1", "acme", TiB, uptime, T0 + 3600)]);

        var entries = await EntriesAsync(ledger);
        Assert.Equal(paid, entries[1].Amount.ToString());
        if (paid == "0")
            Assert.StartsWith("0 points: uptime (uptimeRatio < minUptime)", entries[1].Reason);
    }

    [Theory]
    [InlineData(24 * 3600, "24")]     // exactly maxGapHours: 1 TiB x 24 h
    [InlineData(24 * 3600 + 1, "0")]  // one second more: the provider vanished, the gap pays nothing
    public async Task A_gap_longer_than_24_hours_pays_nothing_and_restarts_the_clock(double gap, string paid)
    {
        await using var ledger = await _stores.CreateAsync("memory");
        await ScoreAsync(ledger,
        [
            Proof("p1", "acme", TiB, 0, T0),
            Proof("p1", "acme", TiB, gap, T0 + gap),
            Proof("p1", "acme", TiB, 3600, T0 + gap + 3600), // paid from the gap proof on: 1 TiB x 1 h
        ]);

        var entries = await EntriesAsync(ledger);
        Assert.Equal(paid, entries[1].Amount.ToString());
        Assert.Equal("1", entries[2].Amount.ToString());
        if (paid == "0")
            Assert.StartsWith("0 points: gap (elapsedHours > maxGapHours); 24.00027777777778 h", entries[1].Reason);
    }

    [Fact]
    public async Task An_interval_is_paid_at_the_smaller_of_its_two_byte_counts()
    {
        await using var ledger = await _stores.CreateAsync("memory");
        await ScoreAsync(ledger,
        [
            Proof("p1", "acme", 0, 0, T0),
            Proof("p1", "acme", 8 * TiB, 3600, T0 + 3600),      // min(0, 8) TiB: nothing was held at the start
            Proof("p1", "acme", 3 * TiB, 3600, T0 + 7200),      // min(8, 3) = 3 TiB x 1 h
            Proof("p1", "acme", 6 * TiB, 1800, T0 + 9000),      // min(3, 6) = 3 TiB x 0.5 h
        ]);

        var entries = await EntriesAsync(ledger);
        Assert.Equal(["0", "0", "3", "1.5"], entries.Select(e => e.Amount.ToString()));
        // No rule fired: the interval itself is worth 0.
        Assert.Equal("0 points: rule set storage-points@1 values the interval at 0; 1 h since the previous proof, uptime ratio 1, 0 bytes held at both ends", entries[1].Reason);
    }

    [Theory]
    [MemberData(nameof(LedgerStores.Kinds), MemberType = typeof(LedgerStores))]
    public async Task A_proof_at_or_before_the_providers_previous_one_is_late_and_changes_nothing(string kind)
    {
        await using var ledger = await _stores.CreateAsync(kind);
        await ScoreAsync(ledger, [Proof("p1", "acme", TiB, 0, T0), Proof("p1", "acme", TiB, 3600, T0 + 3600)]);
        var before = await EntriesAsync(ledger);

        var rejects = new CollectedRejects();
        var summary = await ScoreAsync(ledger,
        [
            Proof("p1", "acme", 4 * TiB, 3600, T0 + 3600, id: "same-instant"), // another id at the same instant
            Proof("p1", "acme", 4 * TiB, 1800, T0 + 1800, id: "earlier"),      // before the previous proof
            Proof("p2", "acme", TiB, 0, T0),                                   // another provider's clock is its own
        ], rejects: rejects);

        Assert.Equal(new IngestionSummary(Read: 3, Scored: 1, Duplicates: 0, Conflicts: 0, Late: 2, Rejected: 0, Entries: 1), summary);
        Assert.All(rejects.Lines, r => Assert.Equal(RejectionKind.Late, r.Kind));
        Assert.All(rejects.Lines, r => Assert.Equal("$.timestamp", r.Field));
        Assert.Equal("late proof: provider 'p1' already proved at 2026-01-01T01:00:00.0000000+00:00; a proof must be later than the provider's previous one (it pays for the time since then)", rejects.Lines[0].Reason);
        Assert.Equal(before, (await EntriesAsync(ledger)).Where(e => e.Peer == "p1"));

        // The late proofs moved nothing: the next proof is paid from T0 + 1 h.
        await ScoreAsync(ledger, [Proof("p1", "acme", TiB, 3600, T0 + 7200)]);
        Assert.Equal("1", (await EntriesAsync(ledger)).Last().Amount.ToString());
    }

    [Fact]
    public async Task Proofs_out_of_order_within_one_batch_are_judged_in_input_order()
    {
        await using var ledger = await _stores.CreateAsync("memory");
        var summary = await ScoreAsync(ledger,
        [
            Proof("p1", "acme", TiB, 0, T0),
            Proof("p1", "acme", TiB, 7200, T0 + 7200),
            Proof("p1", "acme", TiB, 3600, T0 + 3600), // arrives after a later proof: late
        ]);

        Assert.Equal(1, summary.Late);
        Assert.Equal(["0", "2"], (await EntriesAsync(ledger)).Select(e => e.Amount.ToString()));
    }

    [Theory]
    [MemberData(nameof(LedgerStores.Kinds), MemberType = typeof(LedgerStores))]
    public async Task A_replay_is_all_duplicates_and_changes_no_total(string kind)
    {
        await using var ledger = await _stores.CreateAsync(kind);
        await ScoreAsync(ledger, WorkedExample);
        var entries = await EntriesAsync(ledger);
        var totals = await TotalsAsync(ledger);

        var again = await ScoreAsync(ledger, WorkedExample, batchSize: 5);

        Assert.Equal(new IngestionSummary(Read: 12, Scored: 0, Duplicates: 12, Conflicts: 0, Late: 0, Rejected: 0, Entries: 0), again);
        Assert.Equal(entries, await EntriesAsync(ledger));
        Assert.Equal(totals, await TotalsAsync(ledger));
    }

    [Fact]
    public async Task The_same_id_with_other_content_is_a_conflict_never_a_duplicate()
    {
        await using var ledger = await _stores.CreateAsync("memory");
        await ScoreAsync(ledger, [Proof("p1", "acme", TiB, 0, T0)]);

        var rejects = new CollectedRejects();
        // The derived id p1@1767225600 again, claiming more bytes.
        var summary = await ScoreAsync(ledger, [Proof("p1", "acme", 2 * TiB, 0, T0)], rejects: rejects);

        Assert.Equal(1, summary.Conflicts);
        Assert.Equal(RejectionKind.Conflict, Assert.Single(rejects.Lines).Kind);
        Assert.Single(await EntriesAsync(ledger));
    }

    [Fact]
    public async Task One_provider_cannot_take_another_providers_id()
    {
        await using var ledger = await _stores.CreateAsync("memory");
        var summary = await ScoreAsync(ledger,
        [
            Proof("p1", "acme", TiB, 0, T0, id: "proof-1"),
            Proof("p2", "evil", TiB, 0, T0, id: "proof-1"), // ids are scoped by the provider
        ]);

        Assert.Equal(2, summary.Scored);
        Assert.Equal(["p1", "p2"], (await EntriesAsync(ledger)).Select(e => e.Peer));
    }

    [Fact]
    public async Task The_longest_provider_id_a_report_allows_fits_the_state()
    {
        // Provider ids may be 256 characters, the longest a state key may be: the state is keyed by the id alone.
        // Its proofs need explicit ids: "{providerId}@{timestamp}" would be longer than the ledger keeps.
        string provider = new('p', 256);
        await using var ledger = await _stores.CreateAsync("sqlite");
        var rejects = new CollectedRejects();
        var summary = await ScoreAsync(ledger,
        [
            Proof(provider, "acme", TiB, 0, T0, id: "a"),
            Proof(provider, "acme", TiB, 3600, T0 + 3600, id: "b"),
            Proof(provider, "acme", TiB, 3600, T0 + 7200),
        ], rejects: rejects);

        Assert.Equal(2, summary.Scored);
        Assert.Equal(Points.FromWhole(1), (await ledger.GetAccountTotalsAsync("acme"))!.Total);
        var rejected = Assert.Single(rejects.Lines);
        Assert.Equal("$.providerId", rejected.Field);
        Assert.EndsWith("(267 characters; the limit is 256): give the proof an explicit \"id\"", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_proves_for_one_account()
    {
        await using var ledger = await _stores.CreateAsync("memory");
        var rejects = new CollectedRejects();
        var summary = await ScoreAsync(ledger, [Proof("p1", "acme", TiB, 0, T0), Proof("p1", "globex", TiB, 3600, T0 + 3600)], rejects: rejects);

        Assert.Equal(1, summary.Rejected);
        var rejected = Assert.Single(rejects.Lines);
        Assert.Equal("$.account", rejected.Field);
        Assert.Equal("provider 'p1' proves for account 'acme' (its first proof); a provider cannot move to account 'globex'", rejected.Reason);
        Assert.Null(await ledger.GetAccountTotalsAsync("globex"));
    }

    [Fact]
    public async Task Bad_lines_are_rejected_with_the_field_and_the_run_goes_on()
    {
        await using var ledger = await _stores.CreateAsync("memory");
        var rejects = new CollectedRejects();
        var summary = await ScoreAsync(ledger,
        [
            Proof("p1", "acme", TiB, 0, T0),
            "{\"type\":\"storage-proof\",\"providerId\":\"p1\",\"account\":\"acme\",\"bytesStored\":2.5,\"uptimeSeconds\":1,\"timestamp\":1767229200}",
            Proof("p1", "acme", TiB, 3600, T0 + 3600),
        ], rejects: rejects);

        Assert.Equal(2, summary.Scored);
        Assert.Equal(1, summary.Rejected);
        Assert.Equal(("$.bytesStored", "must be a whole number, got 2.5"), (rejects.Lines[0].Field, rejects.Lines[0].Reason));
        Assert.Equal(Points.FromWhole(1), (await ledger.GetAccountTotalsAsync("acme"))!.Total);
    }
}
