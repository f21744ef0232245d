using System.CommandLine;
using Scoring.RuleSets;

namespace Scoring.Cli.Commands;

/// <summary><c>scoring check FILE</c>: validates a rule-set document; compiler-style diagnostics on stderr.</summary>
internal static class CheckCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The rule-set JSON document to check." };
        var command = new Command("check", "Check a rule-set document: exit 0 when valid, else exit 1 with FILE:line:col: message lines.") { file };
        command.SetGuardedAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!path.Exists)
            {
                error.WriteLine($"{path}: file not found");
                return 1;
            }
            var result = RuleSetDocument.CompileFile(path.FullName);
            if (!result.Succeeded)
            {
                foreach (var d in result.Diagnostics) error.WriteLine($"{path}:{d}");
                return 1;
            }
            var rs = result.Compiled!.RuleSet;
            output.WriteLine($"{path}: ok: {rs.Id} version {rs.Version}, {rs.Rules.Count} rules, effective from {rs.EffectiveFrom:u}, hash {rs.ContentHash}");
            return 0;
        });
        return command;
    }
}
