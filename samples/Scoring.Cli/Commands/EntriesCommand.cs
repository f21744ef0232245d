using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Scoring.Cli.Output;
using Scoring.Ledger;
using Scoring.RuleSets;
using Scoring.Schemes;

namespace Scoring.Cli.Commands;

/// <summary>
/// <c>scoring entries --account A</c>: why an account has its points, from the ledger — each entry with its time, currency,
/// report, kind, exact amount, active seconds, the rule-set version that scored it and the recorded reason (a zeroed
/// job's rule, a capped peer, a slash). A rule-set version is named when a rule set in force (built-in or <c>--rules</c>)
/// has the entry's hash; otherwise the hash alone is shown.
/// </summary>
internal static class EntriesCommand
{
    public static Command Create()
    {
        var account = new Option<string>("--account") { Description = "The account (username, wallet) whose entries to show.", Required = true };
        var scheme = new Option<string?>("--scheme") { Description = "Only this currency (swarm, jobs.llama, …) or every currency of this scheme (jobs)." };
        var db = LedgerOption.Create();
        var limit = new Option<int>("--limit") { Description = "At most this many entries, oldest first (default 100).", DefaultValueFactory = _ => 100 };
        limit.Require(n => n >= 1, "--limit must be at least 1.");
        var rules = new Option<string[]>("--rules")
        {
            Description = "A rule-set document whose versions should be named by hash (repeatable), beside the built-in ones.",
            AllowMultipleArgumentsPerToken = false,
        };
        var format = CommonOptions.Format();
        var command = new Command("entries", "Show an account's ledger entries and why each has its amount (rule set, reason).")
        {
            account, scheme, db, limit, rules, format,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            string name = parse.GetValue(account)!;
            string path = parse.GetValue(db)!;
            using var host = SchemeHost.Start(new SchemeSettings { Plugins = PluginOption.Of(parse) });
            var currencies = Currencies(host.Registry, parse.GetValue(scheme));
            var versions = KnownVersions(host.Registry, RuleSetOverrides.Load(parse.GetValue(rules) ?? [], host.Registry));
            await using var ledger = await LedgerOption.OpenExistingAsync(path, cancellationToken);

            int max = parse.GetValue(limit);
            var entries = new List<LedgerEntry>();
            foreach (string? currency in currencies)
            {
                await foreach (var entry in ledger.ListEntriesAsync(new EntryQuery { Account = name, Scheme = currency, Limit = max + 1 }, cancellationToken))
                    entries.Add(entry);
            }
            if (entries.Count == 0)
            {
                string where = parse.GetValue(scheme) is { } s ? $" in {s}" : "";
                throw new CommandException($"account '{name}' has no entries{where} in the ledger '{LedgerOption.Display(path)}'.");
            }
            var shown = entries.OrderBy(e => e.Sequence).Take(max).ToArray();
            bool more = entries.Count > max;
            var documents = shown.Select(e => Document(e, versions)).ToArray();
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(new EntriesDocument(name, documents, more), CliJsonContext.Default.EntriesDocument));
                return 0;
            }
            var table = new FittedTable($"Entries of {name}")
                .Number("#").Number("Time (UTC)", ColumnImportance.High).Text("Currency", ColumnImportance.Medium)
                .Text("Report", ColumnImportance.High).Text("Peer", ColumnImportance.Low).Text("Kind", ColumnImportance.Medium)
                .Number("Amount").Number("Active s", ColumnImportance.Low).Text("Rule set", ColumnImportance.Low)
                .Text("Reason", ColumnImportance.High);
            foreach (var e in documents)
            {
                table.AddRow(
                    e.Sequence.ToString(CultureInfo.InvariantCulture),
                    e.Time,
                    e.Currency,
                    e.ReportId,
                    e.Peer,
                    e.Kind,
                    e.Amount.ToString(),
                    e.ActiveSeconds.ToString(CultureInfo.InvariantCulture),
                    RuleSetText(e.RuleSet),
                    e.Reason is null ? "" : e.Operator is null ? e.Reason : $"{e.Reason} (by {e.Operator})");
            }
            table.Caption = more ? $"the first {max} entries; more with a larger --limit" : $"{documents.Length} entries";
            table.Write(CliConsole.For(parse));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The currencies to list: every one (null) without <paramref name="scheme"/>; a points scheme's currencies when it
    /// names one; else the name as a currency (the ledger also holds currencies of schemes not loaded now).
    /// </summary>
    private static IReadOnlyList<string?> Currencies(SchemeRegistry registry, string? scheme)
    {
        if (scheme is null)
            return [null];
        if (registry.Schemes.OfType<PointsScheme>().Any(s => s.Currencies.Any(c => c.Name == scheme)))
            return [scheme];
        return registry.TryGet(scheme, out var found) switch
        {
            true when found is PointsScheme points => points.Currencies.Select(c => (string?)c.Name).ToArray(),
            true => throw new CommandException($"the {scheme} scheme keeps no ledger, so it has no entries."),
            false => [scheme],
        };
    }

    /// <summary>Every version the CLI knows by hash: the built-in ones and the <c>--rules</c> documents.</summary>
    private static Dictionary<string, RuleSet> KnownVersions(SchemeRegistry registry, RuleSetOverrides overrides)
    {
        var known = new Dictionary<string, RuleSet>(StringComparer.Ordinal);
        foreach (var version in registry.BuiltInRuleSets.Concat(overrides.RuleSets))
            known[version.ContentHash] = version.RuleSet;
        return known;
    }

    private static EntryDocument Document(LedgerEntry e, IReadOnlyDictionary<string, RuleSet> versions) => new(
        e.Sequence,
        TimeArgument.ToIso(e.ReportTime),
        TimeArgument.ToIso(e.RecordedTime),
        e.Scheme,
        e.ReportId,
        e.Peer,
        e.Kind,
        e.Amount,
        e.ActiveSeconds,
        e.RuleSetHash.Length == 0 ? null : new EntryRuleSet(e.RuleSetId, versions.TryGetValue(e.RuleSetHash, out var rs) && rs.Id == e.RuleSetId ? rs.Version : null, e.RuleSetHash),
        e.Reason,
        e.Operator);

    private static string RuleSetText(EntryRuleSet? ruleSet) => ruleSet switch
    {
        null => "-",
        { Version: { } version } => $"{ruleSet.Id}@{version} {Short(ruleSet.Hash)}",
        _ => $"{ruleSet.Id} {Short(ruleSet.Hash)} (version unknown here)",
    };

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
