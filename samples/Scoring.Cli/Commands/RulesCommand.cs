using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Scoring.Cli.Output;
using Scoring.Evaluation;
using Scoring.RuleSets;

namespace Scoring.Cli.Commands;

/// <summary>
/// <c>scoring rules list|show</c>: the rule sets in force for every registered scheme — the shipped versions, or the
/// <c>--rules</c> documents that replace them — and any one of them as a document (that <c>scoring check</c> accepts with
/// the same content hash), to copy and edit.
/// </summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var command = new Command("rules", "List the rule sets of every registered scheme, or print one as a document to edit.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        return command;
    }

    private static Option<string[]> RulesOption() => new("--rules")
    {
        Description = "A rule-set document replacing the built-in versions of its id (repeatable), as score would use it.",
        AllowMultipleArgumentsPerToken = false,
    };

    private static Option<string?> GpuConfigOption() => new("--gpu-config")
    {
        Description = "pog: an SN27 validator's config.yaml (or JSON GPU table) as a pog-score override.",
    };

    private static Command List()
    {
        var rules = RulesOption();
        var gpuConfig = GpuConfigOption();
        var format = CommonOptions.Format();
        var command = new Command("list", "List every registered scheme's rule sets in force: scheme, id, version, effective from, content hash, outputs, source.")
        {
            rules, gpuConfig, format,
        };
        command.SetGuardedAction(parse =>
        {
            using var host = SchemeHost.Start(new SchemeSettings { Plugins = PluginOption.Of(parse) });
            var overrides = RuleSetOverrides.Load(parse.GetValue(rules) ?? [], host.Registry, parse.GetValue(gpuConfig));
            var inForce = host.CreateContext(overrides).RuleSets;
            var listings = new List<RuleSetListing>();
            foreach (var scheme in host.Registry.Schemes)
            {
                foreach (string id in scheme.RuleSets.Select(r => r.Id).Distinct(StringComparer.Ordinal))
                {
                    foreach (var version in inForce.Versions(id))
                    {
                        var model = version.RuleSet;
                        listings.Add(new RuleSetListing(scheme.Name, model.Id, model.Version, TimeArgument.ToIso(model.EffectiveFrom), version.ContentHash,
                            model.Outputs.Select(o => new RuleOutputListing(o.Name, o.Type.ToName())).ToArray(),
                            overrides.SourceOf(version) ?? "built-in"));
                    }
                }
            }
            if (parse.GetValue(format) == OutputFormat.Json)
            {
                parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(new RuleSetListDocument(listings), CliJsonContext.Default.RuleSetListDocument));
                return 0;
            }
            var table = new FittedTable("Rule sets in force")
                .Text("Scheme", ColumnImportance.Medium).Text("Rule set").Text("Version").Number("Effective from", ColumnImportance.High)
                .Text("Hash", ColumnImportance.Medium).Text("Outputs", ColumnImportance.High).Text("Source", ColumnImportance.Low);
            foreach (var l in listings)
                table.AddRow(l.Scheme, l.Id, l.Version, l.EffectiveFrom, l.Hash, string.Join(", ", l.Outputs.Select(o => $"{o.Name} ({o.Type})")), l.Source);
            table.Write(CliConsole.For(parse));
            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Option<string>("--id") { Description = "The rule set's id (see 'scoring rules list').", Required = true };
        var version = new Option<string?>("--version") { Description = "Which version, when the id has several (default: the one in force now)." };
        var rules = RulesOption();
        var gpuConfig = GpuConfigOption();
        var command = new Command("show", "Print one rule set in force as a document: edit it and give it back with --rules (scoring check gives the same hash).")
        {
            id, version, rules, gpuConfig,
        };
        command.SetGuardedAction(parse =>
        {
            using var host = SchemeHost.Start(new SchemeSettings { Plugins = PluginOption.Of(parse) });
            var overrides = RuleSetOverrides.Load(parse.GetValue(rules) ?? [], host.Registry, parse.GetValue(gpuConfig));
            var inForce = host.CreateContext(overrides).RuleSets;
            string wanted = parse.GetValue(id)!;
            var versions = inForce.Versions(wanted);
            if (versions.Count == 0)
                throw new CommandException($"no rule set '{wanted}' is registered (rule sets: {string.Join(", ", inForce.Ids.Order(StringComparer.Ordinal))}).");
            CompiledRuleSet chosen;
            if (parse.GetValue(version) is { } wantedVersion)
            {
                chosen = versions.FirstOrDefault(v => v.RuleSet.Version == wantedVersion)
                    ?? throw new CommandException($"rule set '{wanted}' has no version '{wantedVersion}' (versions: {string.Join(", ", versions.Select(v => v.RuleSet.Version))}).");
            }
            else
            {
                chosen = inForce.TryResolve(wanted, DateTimeOffset.UtcNow, out var now) ? now : versions[^1];
                if (versions.Count > 1)
                {
                    parse.InvocationConfiguration.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"scoring rules show: {wanted} has {versions.Count} versions ({string.Join(", ", versions.Select(v => v.RuleSet.Version))}); this is {chosen.RuleSet.Version}; pick another with --version."));
                }
            }
            parse.InvocationConfiguration.Output.WriteLine(RuleSetDocument.Write(chosen.RuleSet));
            return 0;
        });
        return command;
    }
}
