using System.CommandLine;
using Scoring.Ledger;
using Scoring.Rules.Jobs;
using Scoring.Reports;

namespace Scoring.Cli.Commands;

/// <summary>
/// <c>scoring slash</c>: records an auditable negative entry (never an edit of history): a fixed amount, or everything
/// the account earned in one epoch of a scheme. Idempotent by <c>--id</c>.
/// </summary>
internal static class SlashCommand
{
    public static Command Create()
    {
        var scheme = new Option<string>("--scheme") { Description = "The ledger scheme (point currency) slashed: swarm, jobs.llama or jobs.waifu.", Required = true };
        var account = new Option<string>("--account") { Description = "The account (wallet, username) slashed.", Required = true };
        var amount = new Option<string?>("--amount") { Description = "Points to remove, e.g. 12.5 (exact, at most 6 decimals)." };
        var epoch = new Option<long?>("--epoch") { Description = "Remove everything the account earned in this epoch of the scheme (epochs per --options, default 1 day from 1970)." };
        var reason = new Option<string>("--reason") { Description = "Why: shown to the account and kept in the ledger.", Required = true };
        var operatorName = new Option<string>("--operator") { Description = "Who (default: the current user).", DefaultValueFactory = _ => Environment.UserName };
        var id = new Option<string>("--id") { Description = "A unique id for this slash (e.g. a ticket number): repeating it changes nothing.", Required = true };
        var options = new Option<string?>("--options") { Description = "Jobs options JSON (epoch length and origin) for --epoch." };
        var db = LedgerOption.Create();
        var command = new Command("slash", "Record a slash: a negative ledger entry with a reason and an operator.")
        {
            scheme, account, amount, epoch, reason, operatorName, id, options, db,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            string schemeName = parseResult.GetValue(scheme)!;
            Points? fixedAmount = null;
            if (parseResult.GetValue(amount) is { } text)
            {
                if (!Points.TryParse(text, null, out var parsed))
                {
                    error.WriteLine($"scoring slash: --amount '{text}' is not an amount of points (e.g. 12.5, at most 6 decimals).");
                    return 1;
                }
                fixedAmount = parsed;
            }
            string path = parseResult.GetValue(db)!;
            if (!LedgerOption.Exists(path))
            {
                error.WriteLine($"scoring slash: there is no ledger at '{path}'.");
                return 1;
            }
            await using var ledger = await LedgerOption.OpenAsync(path, cancellationToken);

            var request = new SlashRequest(parseResult.GetValue(account)!, schemeName, fixedAmount, parseResult.GetValue(epoch),
                parseResult.GetValue(reason)!, parseResult.GetValue(operatorName)!, DateTimeOffset.UtcNow);
            DateTimeOffset effective = request.At;
            Points earned = Points.Zero;
            try
            {
                if (request.Epoch is { } e && request.Validate().Count == 0)
                {
                    var epochs = new JobEpochs(SchemeOptionsFile.Load<JobsOptions>(parseResult.GetValue(options), JobsOptions.SectionName));
                    var window = new LedgerWindow(UnixTime.FromSeconds(epochs.StartOf(e)), UnixTime.FromSeconds(epochs.StartOf(e + 1)));
                    earned = await EarnedAsync(ledger, request.Account, schemeName, window, cancellationToken);
                    effective = window.From!.Value;
                }
                var slash = request.ToEntry(earned);
                var result = await ledger.AppendAsync(new LedgerBatch(
                [
                    LedgerReport.Manual(schemeName, parseResult.GetValue(id)!, effective, slash.Account, "", PostingKinds.Slash, slash.Amount, slash.Reason, slash.Operator),
                ]), cancellationToken);
                parseResult.InvocationConfiguration.Output.WriteLine(result.Duplicates + result.Conflicts > 0
                    ? $"slash '{parseResult.GetValue(id)}' was recorded before; nothing changed."
                    : $"slashed {slash.Amount} from '{slash.Account}' in {schemeName}: {slash.Reason} (by {slash.Operator})");
                return 0;
            }
            catch (Exception exception) when (exception is ArgumentException or LedgerValidationException or LedgerOverflowException or IOException)
            {
                error.WriteLine($"scoring slash: {exception.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task<Points> EarnedAsync(ILedgerStore ledger, string account, string scheme, LedgerWindow window, CancellationToken cancellationToken)
    {
        var total = Points.Zero;
        long after = 0;
        while (true)
        {
            int seen = 0;
            await foreach (var entry in ledger.ListEntriesAsync(new EntryQuery { Account = account, Scheme = scheme, Window = window, AfterSequence = after, Limit = 10_000 }, cancellationToken))
            {
                total += entry.Amount;
                after = entry.Sequence;
                seen++;
            }
            if (seen < 10_000)
            {
                return total;
            }
        }
    }
}
