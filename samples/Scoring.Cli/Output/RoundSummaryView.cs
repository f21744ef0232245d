using System.Text.Json;
using Spectre.Console;

namespace Scoring.Cli.Output;

/// <summary>
/// A weights round's counts and problems as the scheme writes them (<see cref="Scoring.Schemes.WeightsRound.WriteSummaryJson"/>):
/// each count a row of a table that fits the console (a count per member for an object of counts, such as pog's unknown
/// GPUs), then each listed problem (rejections, bad lines) as a line of its own, which the terminal may wrap.
/// </summary>
internal static class RoundSummaryView
{
    /// <summary>Writes the summary.</summary>
    /// <param name="console">Where to.</param>
    /// <param name="summary">The scheme's summary object.</param>
    /// <param name="title">The table's title.</param>
    /// <param name="caption">A line under the table (where the bad lines went), or null.</param>
    public static void Write(IAnsiConsole console, JsonElement summary, string title, string? caption)
    {
        var table = new FittedTable(title) { HideHeaders = true, Caption = caption }.Text("").Number("");
        var lines = new List<string>();
        foreach (var field in summary.EnumerateObject())
        {
            switch (field.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var member in field.Value.EnumerateObject())
                        table.AddRow($"{field.Name}: {member.Name}", Text(member.Value));
                    break;
                case JsonValueKind.Array:
                    lines.AddRange(field.Value.EnumerateArray().Select(item => $"{field.Name}: {Text(item)}"));
                    break;
                default:
                    table.AddRow(field.Name, Text(field.Value));
                    break;
            }
        }
        table.Write(console);
        foreach (string line in lines)
            console.WriteLine(line);
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
