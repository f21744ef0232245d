using System.CommandLine;
using Scoring.Cli.Output;

namespace Scoring.Cli.Commands;

/// <summary>Options that several commands share, built the same way everywhere.</summary>
internal static class CommonOptions
{
    /// <summary>A time option that takes unix seconds or ISO 8601 and reports a clear error otherwise.</summary>
    public static Option<DateTimeOffset?> Time(string name, string description) => new(name)
    {
        Description = description + " Unix seconds or ISO 8601.",
        CustomParser = result =>
        {
            string text = result.Tokens.Single().Value;
            if (TimeArgument.TryParse(text, out var time, out string error))
            {
                return time;
            }
            result.AddError($"{name}: {error}");
            return null;
        },
    };

    /// <summary><c>--format table|json</c>.</summary>
    public static Option<OutputFormat> Format() => new("--format")
    {
        Description = "Output format: table (default) or json.",
        DefaultValueFactory = _ => OutputFormat.Table,
    };

    /// <summary><c>--top N</c>: how many leaderboard rows to show.</summary>
    public static Option<int> Top() => new Option<int>("--top")
    {
        Description = "How many leaderboard rows to show (default 20).",
        DefaultValueFactory = _ => 20,
    }.Require(n => n >= 1, "--top must be at least 1.");
}
