using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Options;
using Scoring.Ingestion;
using Scoring.Ledger;
using Scoring.Rules.Jobs;
using Scoring.Rules.Swarm;
using Scoring.Schemes;
using Scoring.Sdk.Tests.Ingestion;

namespace Scoring.Rules.Tests.Reports;

/// <summary>
/// The pipeline's two front ends agree: <see cref="ReportIngestion.RunAsync"/> decodes into columns on several cores
/// and keys each block there, <see cref="ReportIngestion.RunGroupAsync"/> decodes a request with the object decoder.
/// Over random, mutated and repeated lines (duplicates, conflicts, bad lines, other schemes' reports) both give the
/// same counts, the same refusals (line, field, reason, raw text, kind) and the same ledger, whatever the batch size
/// and the number of decoding workers (1: on the batching thread; more: on the thread pool).
/// </summary>
public class ColumnarIngestionTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(60);

    /// <summary>Lines drawn with repetition from a pool, so ids repeat in and across batches.</summary>
    private static Gen<(byte[][] Lines, int BatchSize, int Workers, bool Swarm)> Input { get; } =
        from pool in ColumnarAgreementTests.Line.NonEmptyListOf()
        from picks in Gen.Choose(0, pool.Count - 1).ListOf()
        from batchSize in Gen.Choose(1, 40)
        from workers in Gen.Choose(0, 3)
        from swarm in Gen.Elements(true, false)
        select (picks.Select(i => pool[i]).ToArray(), batchSize, workers, swarm);

    [Fact]
    public void Both_front_ends_give_the_same_counts_refusals_and_ledger()
    {
        Check.One(Config, Prop.ForAll(Input.ToArbitrary(), input =>
        {
            PointsScheme scheme = input.Swarm ? new SwarmScheme() : new JobsScheme();
            var bytes = ColumnarLines.Join(input.Lines, "\n");
            var (columnar, columnarRejects, columnarLedger) = Run(scheme, async (pipeline, scorer, ledger, rejects) =>
                await pipeline.RunAsync(new MemoryStream(bytes), BuiltInReports.Decoder, scorer, ledger, rejects, settle: false), input.BatchSize, input.Workers);
            var (objects, objectRejects, objectLedger) = Run(scheme, async (pipeline, scorer, ledger, rejects) =>
            {
                var outcome = (await pipeline.RunGroupAsync([new IngestionInput(new MemoryStream(bytes), rejects)], BuiltInReports.Decoder, scorer, ledger)).Single();
                Assert.Null(outcome.Error);
                return outcome.Summary;
            });
            Assert.Equal(objects, columnar);
            Assert.Equal(objectRejects, columnarRejects);
            Assert.Equal(objectLedger, columnarLedger);
        }));
    }

    private static (IngestionSummary Summary, List<ReportRejection> Rejects, List<string> Ledger) Run(PointsScheme scheme,
        Func<ReportIngestion, SchemeScorer, ILedgerStore, RejectList, Task<IngestionSummary>> run, int batchSize = 1_000, int decodeWorkers = 0)
    {
        var context = new SchemeContext(BuiltInReports.Registry.CreateRuleSets([]));
        using var scorer = scheme.CreateScorer(context);
        var ledger = new InMemoryLedgerStore();
        var rejects = new RejectList();
        var pipeline = new ReportIngestion(Options.Create(new IngestionOptions { BatchSize = batchSize, DecodeWorkers = decodeWorkers }));
        var summary = run(pipeline, scorer, ledger, rejects).GetAwaiter().GetResult();
        var entries = ledger.ListEntriesAsync(new EntryQuery { Limit = 100_000 }).ToBlockingEnumerable()
            .Select(e => $"{e.Sequence} {e.Scheme} {e.ReportId} {e.Account} {e.Peer} {e.Kind} {e.Amount} {e.ActiveSeconds} {e.ReportTime:O} {e.RuleSetHash}")
            .ToList();
        return (summary, rejects.Rejections, entries);
    }
}
