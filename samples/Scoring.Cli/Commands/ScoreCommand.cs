using System.CommandLine;
using Scoring.Schemes;

namespace Scoring.Cli.Commands;

/// <summary>
/// <c>scoring score</c>, the main job: runs any registered scheme over a JSON Lines file. A points scheme scores into the
/// ledger and prints one leaderboard per currency (<see cref="PointsScoreRun"/>); a weights scheme scores one round and
/// prints its rows and weights (<see cref="WeightsScoreRun"/>).
/// </summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var options = new ScoreOptions();
        var command = new Command("score", "Score reports with a registered scheme: into the ledger with leaderboards (points schemes), or one round with weights (weights schemes).");
        options.AddTo(command);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            string name = parse.GetValue(options.Scheme)!;
            using var host = SchemeHost.Start(options.Settings(parse, name));
            var scheme = host.Scheme(name);
            var overrides = RuleSetOverrides.Load(parse.GetValue(options.Rules) ?? [], host.Registry, parse.GetValue(options.GpuConfig))
                .For(scheme, host.Registry);
            return scheme switch
            {
                PointsScheme points => await PointsScoreRun.RunAsync(parse, options, host, points, overrides, cancellationToken),
                WeightsScheme weights => await WeightsScoreRun.RunAsync(parse, options, host, weights, overrides, cancellationToken),
                _ => throw new CommandException($"the {scheme.Name} scheme is neither a points nor a weights scheme, so score cannot run it."),
            };
        });
        return command;
    }
}
