using System.Text;
using System.Text.Json;

namespace Swarm.Dashboard;

/// <summary>
/// A <c>POST /reports</c> body as JSON Lines: a JSON array becomes one line per element (line N = element N), so
/// errors are numbered the same way for both forms.
/// </summary>
internal static class ReportBody
{
    /// <summary>The body as UTF-8 JSON Lines, or an error when it starts as an array that is not valid JSON.</summary>
    public static byte[] ToJsonLines(byte[] body, out string? error)
    {
        error = null;
        int start = 0;
        while (start < body.Length && body[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            start++;
        if (start == body.Length || body[start] != (byte)'[')
            return body;
        try
        {
            using var document = JsonDocument.Parse(body);
            var lines = new StringBuilder();
            foreach (var element in document.RootElement.EnumerateArray())
                lines.Append(element.GetRawText()).Append('\n');
            return Encoding.UTF8.GetBytes(lines.ToString());
        }
        catch (JsonException e)
        {
            error = $"the body starts with '[' but is not a valid JSON array: {e.Message}";
            return [];
        }
    }
}
