using FsCheck;
using FsCheck.Fluent;
using Scoring.Durability.Tests.Streams;

namespace Scoring.Durability.Tests.Properties;

/// <summary>
/// A scheme's ledger is a function of its accepted reports (see <see cref="DurabilityProperties"/>): every property,
/// over the streams a derived class generates for its scheme.
/// </summary>
public abstract class SchemeDurabilityProperties
{
    /// <summary>The scheme's generated inputs.</summary>
    private protected abstract Gen<DurabilityCase> Cases { get; }

    private void Check(Func<DurabilityCase, Task> property) =>
        FsCheck.Check.One(PropertyConfig.Default, Prop.ForAll(DurabilityCase.Arbitrary(Cases), c => property(c).GetAwaiter().GetResult()));

    [Fact]
    public void Any_batch_size_gives_the_ledger_of_one_batch() => Check(DurabilityProperties.AnyBatchSizeAsync);

    [Fact]
    public void Restarts_without_settling_give_the_ledger_of_one_run() => Check(DurabilityProperties.RestartsAsync);

    [Fact]
    public void Parts_settled_at_every_split_give_one_in_order_run_over_the_accepted_reports() => Check(DurabilityProperties.SettledSplitsAsync);

    [Fact]
    public void Replaying_any_prefix_changes_nothing() => Check(DurabilityProperties.ReplaysAsync);

    [Fact]
    public void Two_interleaved_writers_give_one_in_order_run_over_the_accepted_reports() => Check(DurabilityProperties.InterleavedWritersAsync);

    [Fact]
    public void Re_sends_with_other_content_are_conflicts_and_change_nothing() => Check(DurabilityProperties.ConflictsAsync);
}
