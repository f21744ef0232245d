namespace Scoring.Cli.Tests;

/// <summary>Rule-set documents written to temporary files for the check and explain commands.</summary>
internal sealed class RuleFiles : IDisposable
{
    public const string Valid = """
        {
          "id": "image-jobs",
          "version": 2,
          "effectiveFrom": "2026-01-01T00:00:00Z",
          "inputs": { "width": "int", "height": "int", "category": "string", "latency": "double" },
          "parameters": { "rate": 1e-6, "deadline": 18.0 },
          "tables": { "multiplier": { "keyType": "string", "entries": { "sdxl": 1.0, "sd15": 0.3 } } },
          "rules": [
            { "name": "base", "set": { "points": "width * height * rate * multiplier[category]" } },
            { "name": "deadline", "when": "latency > deadline", "set": { "points": "0.0" } }
          ],
          "output": "points"
        }
        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("scoring-cli-");

    public string Write(string name, string content)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => _dir.Delete(true);
}
