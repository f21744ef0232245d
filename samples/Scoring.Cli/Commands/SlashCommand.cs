using System.CommandLine;
using Scoring.Ledger;
using Scoring.Reports;
using Scoring.Rules.Jobs;
using Scoring.Schemes;

namespace Scoring.Cli.Commands;

/// <summary>
/// <c>scoring slash</c>: records an auditable negative entry (never an edit of history): a fixed amount, or everything
/// the account earned in one epoch of a currency. Idempotent by <c>--id</c>.
/// </summary>
/// <remarks>
/// Epochs are the jobs scheme's (its <c>EpochLength</c> and <c>EpochOrigin</c>): the scheme contract has no notion of
/// epochs, and the jobs scheme is the one whose boosts are paid per epoch.
/// </remarks>
internal static class SlashCommand
{
    public static Command Create()
    {
        var scheme = new Option<string>("--scheme") { Description = "The currency slashed: swarm, jobs.llama, jobs.waifu, or a plug-in's.", Required = true };
        var account = new Option<string>("--account") { Description = "The account (wallet, username) slashed.", Required = true };
        var amount = new Option<string?>("--amount") { Description = "Points to remove, e.g. 12.5 (exact, at most 6 decimals)." };
        var epoch = new Option<long?>("--epoch") { Description = "Remove everything the account earned in this epoch (the jobs scheme's epochs: 1 day from 1970 unless configured)." };
        var reason = new Option<string>("--reason") { Description = "Why: shown to the account and kept in the ledger.", Required = true };
        var operatorName = new Option<string>("--operator") { Description = "Who (default: the current user).", DefaultValueFactory = _ => Environment.UserName };
        var id = new Option<string>("--id") { Description = "A unique id for this slash (e.g. a ticket number): repeating it changes nothing.", Required = true };
        var allowNewAccount = new Option<bool>("--allow-new-account")
        {
            Description = "Slash an account that has no entries in the currency yet (without it, that is refused as a likely typo).",
        };
        var options = new Option<string?>("--options") { Description = "Options JSON of the scheme that owns the currency (e.g. the jobs epochs for --epoch)." };
        var configuration = new SchemeConfigurationOptions();
        var db = LedgerOption.Create();
        var command = new Command("slash", "Record a slash: a negative ledger entry with a reason and an operator.")
        {
            scheme, account, amount, epoch, reason, operatorName, id, allowNewAccount, options, db,
        };
        configuration.AddTo(command);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            string currency = parse.GetValue(scheme)!;
            Points? fixedAmount = null;
            if (parse.GetValue(amount) is { } text)
            {
                if (!Points.TryParse(text, null, out var parsed))
                    throw new CommandException($"--amount '{text}' is not an amount of points (e.g. 12.5, at most 6 decimals).");
                fixedAmount = parsed;
            }

            // The options file is the owning scheme's; validate the currency before anything is written.
            string? owner = null;
            using (var probe = SchemeHost.Start(new SchemeSettings { Plugins = PluginOption.Of(parse) }))
                owner = OwnerOf(probe.Registry, currency).Name;
            using var host = SchemeHost.Start(configuration.Settings(parse, owner, parse.GetValue(options)));

            string path = parse.GetValue(db)!;
            await using var ledger = await LedgerOption.OpenExistingAsync(path, cancellationToken);
            var request = new SlashRequest(parse.GetValue(account)!, currency, fixedAmount, parse.GetValue(epoch),
                parse.GetValue(reason)!, parse.GetValue(operatorName)!, DateTimeOffset.UtcNow);
            string slashId = parse.GetValue(id)!;
            if (await RecordedBeforeAsync(ledger, currency, slashId, request, cancellationToken))
            {
                output.WriteLine($"slash '{slashId}' was recorded before; nothing changed.");
                return 0;
            }
            // A slash is aimed at someone who earned something: an account the currency has never credited is most likely a typo.
            if (!parse.GetValue(allowNewAccount) && await ledger.GetAccountTotalsAsync(request.Account, default, currency, cancellationToken) is null)
            {
                throw new CommandException(
                    $"account '{request.Account}' has no entries in {currency}: check the name, or give --allow-new-account to slash it anyway.");
            }
            DateTimeOffset effective = request.At;
            Points earned = Points.Zero;
            if (request.Epoch is { } e && request.Validate().Count == 0)
            {
                var epochs = host.Registry.Schemes.OfType<JobsScheme>().FirstOrDefault()?.Epochs
                    ?? throw new CommandException("--epoch uses the jobs scheme's epochs, and the jobs scheme is not registered.");
                LedgerWindow window;
                try
                {
                    window = new LedgerWindow(UnixTime.FromSeconds(epochs.StartOf(e)), UnixTime.FromSeconds(epochs.StartOf(e + 1)));
                }
                catch (Exception exception) when (exception is OverflowException or ArgumentOutOfRangeException)
                {
                    // An epoch so far ahead that its start overflows the clock (epoch × length) or the calendar.
                    throw new CommandException($"--epoch {e} is out of range: its start is not a time the ledger can hold.", exception);
                }
                earned = await EarnedAsync(ledger, request.Account, currency, window, cancellationToken);
                effective = window.From!.Value;
            }
            SlashEntry slash;
            try
            {
                slash = request.ToEntry(earned);
            }
            catch (ArgumentException exception)
            {
                throw new CommandException(exception.Message, exception);
            }
            var result = await ledger.AppendAsync(new LedgerBatch(
            [
                LedgerReport.Manual(currency, slashId, effective, slash.Account, "", PostingKinds.Slash, slash.Amount, slash.Reason, slash.Operator),
            ]), cancellationToken);
            if (result.Conflicts > 0)
                throw new CommandException($"slash id '{slashId}' was used before for another slash; nothing changed (give a new --id).");
            output.WriteLine(result.Duplicates > 0
                ? $"slash '{slashId}' was recorded before; nothing changed."
                : $"slashed {slash.Amount} from '{slash.Account}' in {currency}: {slash.Reason} (by {slash.Operator})");
            return 0;
        });
        return command;
    }

    /// <summary>The points scheme that owns <paramref name="currency"/>.</summary>
    /// <exception cref="CommandException">No registered scheme has that currency; the message lists them.</exception>
    private static PointsScheme OwnerOf(SchemeRegistry registry, string currency)
    {
        var points = registry.Schemes.OfType<PointsScheme>().ToArray();
        return points.FirstOrDefault(s => s.Currencies.Any(c => c.Name == currency))
            ?? throw new CommandException(
                $"'{currency}' is not a currency of a registered scheme (currencies: {string.Join(", ", points.SelectMany(s => s.Currencies).Select(c => c.Name))}).");
    }

    /// <summary>
    /// Whether this slash is already in the ledger under its id: the same account, reason and (for an amount slash)
    /// amount. Its time is when it was first recorded, so the ledger's content check alone would call a repeat a conflict.
    /// </summary>
    /// <exception cref="CommandException">The id was used for another slash.</exception>
    private static async Task<bool> RecordedBeforeAsync(ILedgerStore ledger, string currency, string slashId, SlashRequest request, CancellationToken cancellationToken)
    {
        if (!await ledger.ContainsReportAsync(currency, "", slashId, cancellationToken))
            return false;
        LedgerEntry? recorded = null;
        await foreach (var entry in ledger.ListEntriesAsync(new EntryQuery { Scheme = currency, ReportId = slashId, Limit = 1 }, cancellationToken))
            recorded = entry;
        bool same = recorded is not null && recorded.Kind == PostingKinds.Slash && recorded.Account == request.Account
            && recorded.Reason == request.Reason && (request.Amount is not { } amount || recorded.Amount == -amount);
        return same ? true : throw new CommandException(recorded is null
            ? $"slash id '{slashId}' was used before in {currency}; nothing changed (give a new --id)."
            : $"slash id '{slashId}' was used before for another slash ({recorded.Amount} from '{recorded.Account}': {recorded.Reason}); nothing changed (give a new --id).");
    }

    private static async Task<Points> EarnedAsync(ILedgerStore ledger, string account, string currency, LedgerWindow window, CancellationToken cancellationToken)
    {
        var total = Points.Zero;
        long after = 0;
        while (true)
        {
            int seen = 0;
            await foreach (var entry in ledger.ListEntriesAsync(new EntryQuery { Account = account, Scheme = currency, Window = window, AfterSequence = after, Limit = 10_000 }, cancellationToken))
            {
                total += entry.Amount;
                after = entry.Sequence;
                seen++;
            }
            if (seen < 10_000)
                return total;
        }
    }
}
