using System.Text;
using Scoring.Reports;

namespace Scoring.Durability.Tests.Harness;

/// <summary>Reports as the JSON Lines a producer sends (each report through its own type's writer).</summary>
internal static class ReportLines
{
    public static string Text(IEnumerable<Report> reports) => string.Concat(reports.Select(r => r.ReportType.ToJson(r) + "\n"));

    public static MemoryStream Stream(IEnumerable<Report> reports) => new(Encoding.UTF8.GetBytes(Text(reports)));

    public static void Write(string path, IEnumerable<Report> reports) => File.WriteAllText(path, Text(reports), new UTF8Encoding(false));
}
