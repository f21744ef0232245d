using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Scoring.Evaluation;
using Scoring.Rules.ProofOfGpu;
using Scoring.RuleSets;
using Scoring.Schemes;

namespace Pog.Validator;

/// <summary>
/// The validator's GPU score table: the <c>pog-score</c> rule-set version it scores with. Built in, unless one of these
/// replaces it — the SN27 validator's own <c>config.yaml</c> (<c>Validator:GpuConfig</c>; a <c>.json</c> file of
/// <c>gpuScores</c>/<c>allocationMultiplier</c>/<c>maxGpus</c> works too), the host's former <c>Scoring:ProofOfGpu</c>
/// section (<c>GpuScores</c> rows of <c>Name</c>/<c>Score</c>, <c>AllocationMultiplier</c>, <c>MaxGpus</c>), or a
/// <c>pog-score</c> document in <c>Scoring:RuleSets:Files</c>. Two of them at once are refused: which table wins
/// would be a guess.
/// </summary>
internal static class GpuTableSettings
{
    /// <summary>The former options section, still read so that an operator's table keeps working.</summary>
    public const string SectionName = "Scoring:ProofOfGpu";

    /// <summary><paramref name="context"/> with the configured <c>pog-score</c> version in force, or as it is when none is configured.</summary>
    /// <exception cref="ProofOfGpuConfigurationException">A table is invalid (the message names the file, line or key), or two are set.</exception>
    /// <exception cref="IOException">The config file cannot be read.</exception>
    /// <exception cref="InvalidDataException">The config file is a folder or larger than a settings file may be.</exception>
    public static SchemeContext Apply(SchemeContext context, SchemeRegistry schemes, ValidatorOptions options, IConfiguration configuration)
    {
        var sources = new List<(string Setting, RuleSet RuleSet)>();
        if (!string.IsNullOrWhiteSpace(options.GpuConfig))
            sources.Add(("Validator:GpuConfig", LoadFile(options.GpuConfig)));
        var section = configuration.GetSection(SectionName);
        if (section.GetChildren().Any())
            sources.Add((SectionName, FromSection(section)));
        if (sources.Count == 0)
            return context;

        var builtIn = schemes.BuiltInRuleSets.Where(r => r.RuleSet.Id == ProofOfGpuScheme.RuleSetId).Select(r => r.ContentHash).Order(StringComparer.Ordinal);
        var inForce = context.RuleSets.Versions(ProofOfGpuScheme.RuleSetId).Select(r => r.ContentHash).Order(StringComparer.Ordinal);
        if (!builtIn.SequenceEqual(inForce))
            sources.Insert(0, ("a pog-score document in Scoring:RuleSets:Files", ProofOfGpuScheme.BuiltInScore));
        if (sources.Count > 1)
            throw new ProofOfGpuConfigurationException($"{sources[0].Setting} and {sources[1].Setting} both set the GPU score table: keep one.");

        var ruleSets = new RuleSetRegistry();
        foreach (var id in context.RuleSets.Ids.Where(id => id != ProofOfGpuScheme.RuleSetId))
        {
            foreach (var version in context.RuleSets.Versions(id))
                ruleSets.Add(version);
        }
        ruleSets.Add(RuleSetCompiler.CompileOrThrow(sources[0].RuleSet));
        return new SchemeContext(ruleSets, context.Evaluators, context.Time);
    }

    private static RuleSet LoadFile(string path)
    {
        using var reader = new StringReader(BoundedFile.ReadAllText(path, BoundedFile.MaxSettingsFileBytes, "Validator:GpuConfig"));
        return Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase)
            ? ProofOfGpuConfigFile.LoadJson(reader, path)
            : ProofOfGpuConfigFile.LoadValidatorConfig(reader, path);
    }

    /// <summary>The section as the JSON options document <see cref="ProofOfGpuConfigFile.LoadJson"/> reads, so both are validated alike.</summary>
    private static RuleSet FromSection(IConfigurationSection section)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var option in section.GetChildren())
            {
                switch (option.Key.ToUpperInvariant())
                {
                    case "GPUSCORES":
                        json.WriteStartArray("gpuScores");
                        foreach (var row in option.GetChildren())
                        {
                            json.WriteStartObject();
                            json.WriteString("name", row["Name"] ?? throw Missing(row, "Name"));
                            json.WriteNumber("score", Number(row.GetSection("Score")));
                            json.WriteEndObject();
                        }
                        json.WriteEndArray();
                        break;
                    case "ALLOCATIONMULTIPLIER":
                        json.WriteNumber("allocationMultiplier", Number(option));
                        break;
                    case "MAXGPUS":
                        json.WriteNumber("maxGpus", int.TryParse(option.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int max)
                            ? max
                            : throw new ProofOfGpuConfigurationException($"{option.Path}: '{option.Value}' is not a whole number."));
                        break;
                    default:
                        throw new ProofOfGpuConfigurationException($"{option.Path}: unknown setting (expected GpuScores, AllocationMultiplier, MaxGpus).");
                }
            }
            json.WriteEndObject();
        }
        return ProofOfGpuConfigFile.LoadJson(new StringReader(Encoding.UTF8.GetString(buffer.ToArray())), SectionName);
    }

    private static double Number(IConfigurationSection value) =>
        double.TryParse(value.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number)
            ? number
            : throw new ProofOfGpuConfigurationException($"{value.Path}: '{value.Value}' is not a number.");

    private static ProofOfGpuConfigurationException Missing(IConfigurationSection row, string key) =>
        new($"{row.Path}:{key}: is required.");
}
