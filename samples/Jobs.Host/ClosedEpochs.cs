using System.Text.Json;
using Scoring.Ledger;
using Scoring.Rules.Jobs;

namespace Jobs.Host;

/// <summary>
/// Which epochs the jobs scheme has closed, read from its durable state in the ledger: the key <c>watermark</c> holds
/// <c>{"closedThrough": N}</c>, the last closed epoch (docs/schemes.md, "Watermarks"). An epoch's boosts are recorded in
/// the same transaction that moves the watermark past it, so an epoch at or below it is final: no job of it is taken
/// any more (a late one is refused), and its leaderboard can be printed.
/// </summary>
/// <remarks>
/// The watermark rather than the epoch's boost entries: an epoch in which no wallet holds anything closes without any.
/// </remarks>
internal static class ClosedEpochs
{
    private const string WatermarkKey = "watermark";

    /// <summary>The last closed epoch, or -1 when none is.</summary>
    /// <exception cref="InvalidDataException">The stored watermark is not the scheme's.</exception>
    public static async Task<long> ThroughAsync(ILedgerStore ledger, CancellationToken cancellationToken)
    {
        await foreach (var (key, value) in ledger.ReadStateAsync(JobsScheme.SchemeName, WatermarkKey, cancellationToken).ConfigureAwait(false))
        {
            if (key != WatermarkKey)
                continue;
            try
            {
                using var document = JsonDocument.Parse(value);
                return document.RootElement.GetProperty("closedThrough").GetInt64();
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"The ledger's jobs watermark is not {{\"closedThrough\": epoch}}: {e.Message}", e);
            }
        }
        return -1;
    }
}
