using System.CommandLine;
using Scoring.Cli.Output;
using System.Text.Json;
using Scoring.Rules.ProofOfGpu;
using Scoring.Weights;

namespace Scoring.Cli.Commands;

/// <summary>
/// Runs the Proof-of-GPU scheme over a JSON Lines file of miner results and writes the per-miner table, the weights
/// and a stats summary (table) or one JSON document. <c>scoring score --scheme pog</c> calls <see cref="Run"/>.
/// </summary>
internal static class ProofOfGpuRun
{
    /// <summary>Exit code for a configuration error (invalid options file or config.yaml, both given).</summary>
    public const int ConfigurationError = 3;

    /// <summary>Exit code when the input cannot be read.</summary>
    public const int InputError = 2;

    /// <summary>
    /// Scores every result in <paramref name="input"/> (one JSON object per line; blank lines skipped; a bad line is
    /// reported with its number and the rest goes on), then writes the round in <paramref name="format"/>.
    /// </summary>
    /// <param name="input">The JSON Lines text.</param>
    /// <param name="inputName">The input's name for messages (<c>miners.jsonl:3: …</c>).</param>
    /// <param name="options">The scheme's options (score table, allocation multiplier, GPU cap).</param>
    /// <param name="weightSettings">Burn uid and max weight for the weights; null for neither.</param>
    /// <param name="format">Table or JSON.</param>
    /// <param name="output">Where the result goes.</param>
    /// <param name="error">Where line errors and configuration errors go.</param>
    /// <returns>0 when the round was scored (even with bad lines), <see cref="ConfigurationError"/> for bad options.</returns>
    public static int Run(TextReader input, string inputName, ProofOfGpuOptions options, WeightSettings? weightSettings,
        OutputFormat format, TextWriter output, TextWriter error)
    {
        ProofOfGpuScorer scorer;
        try
        {
            scorer = new ProofOfGpuScorer(options);
        }
        catch (ProofOfGpuConfigurationException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ConfigurationError;
        }

        var results = new List<MinerResult>();
        var lineErrors = new List<string>();
        int lineNumber = 0;
        while (input.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            if (ProofOfGpuReportLine.TryParse(line, out var result, out string? message))
            {
                results.Add(result!);
            }
            else
            {
                string lineError = $"{inputName}:{lineNumber}: {message}";
                lineErrors.Add(lineError);
                error.WriteLine($"warning: {lineError}");
            }
        }

        var round = scorer.Score(results);
        SubnetWeights? weights = null;
        string? weightsError = null;
        try
        {
            weights = round.ToWeights(weightSettings);
        }
        catch (ArgumentException e)
        {
            weightsError = e.Message;
            error.WriteLine($"warning: no weights: {e.Message}");
        }

        if (format == OutputFormat.Json)
        {
            WriteJson(output, round, weights, weightsError, lineErrors);
        }
        else
        {
            ProofOfGpuSummary.Write(output, round, weights, lineErrors);
        }
        return 0;
    }

    /// <summary>
    /// Options from <c>--options</c> (JSON) or <c>--gpu-config</c> (validator config.yaml), the defaults when neither is
    /// given; null (after writing the reason) when both are given or the file is invalid.
    /// </summary>
    public static ProofOfGpuOptions? LoadOptions(FileInfo? optionsFile, FileInfo? gpuConfig, TextWriter error)
    {
        if (optionsFile is not null && gpuConfig is not null)
        {
            error.WriteLine("error: give either --options or --gpu-config, not both.");
            return null;
        }
        try
        {
            if (optionsFile is not null)
            {
                using var reader = new StreamReader(optionsFile.FullName);
                return ProofOfGpuConfigFile.LoadJson(reader, optionsFile.ToString());
            }
            if (gpuConfig is not null)
            {
                using var reader = new StreamReader(gpuConfig.FullName);
                return ProofOfGpuConfigFile.LoadValidatorConfig(reader, gpuConfig.ToString());
            }
            return new ProofOfGpuOptions();
        }
        catch (ProofOfGpuConfigurationException e)
        {
            error.WriteLine($"error: {e.Message}");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot read options: {e.Message}");
            return null;
        }
    }

    private static void WriteJson(TextWriter output, ProofOfGpuRound round, SubnetWeights? weights, string? weightsError, IReadOnlyList<string> lineErrors)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WeightsJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("miners");
            foreach (var miner in round.Miners)
            {
                writer.WriteStartObject();
                writer.WriteNumber("uid", miner.Uid);
                writer.WriteString("hotkey", miner.Hotkey);
                writer.WriteString("gpuName", miner.GpuName);
                WriteDouble(writer, "gpuCount", miner.GpuCount);
                writer.WriteNumber("score", miner.Score);
                writer.WriteString("source", miner.Source == MinerResultSource.Local ? "local" : "external");
                writer.WriteBoolean("allocated", miner.Allocated);
                writer.WriteString("status", ProofOfGpuSummary.StatusText(miner.Status));
                writer.WriteString("reason", miner.Reason);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();

            writer.WritePropertyName("weights");
            if (weights is null)
            {
                writer.WriteNullValue();
                writer.WriteString("weightsError", weightsError);
            }
            else
            {
                WeightsJson.Write(writer, weights);
            }

            var d = round.Diagnostics;
            writer.WriteStartObject("stats");
            writer.WriteNumber("results", d.ResultCount);
            writer.WriteNumber("miners", d.MinerCount);
            writer.WriteNumber("local", d.LocalCount);
            writer.WriteNumber("external", d.ExternalCount);
            writer.WriteNumber("superseded", d.SupersededCount);
            writer.WriteNumber("penalized", d.PenalizedCount);
            writer.WriteNumber("notQueryable", d.NotQueryableCount);
            writer.WriteNumber("rejected", d.RejectedCount);
            writer.WriteNumber("badLines", lineErrors.Count);
            writer.WriteStartObject("unknownGpus");
            foreach (var (name, count) in d.UnknownGpuNames)
            {
                writer.WriteNumber(name, count);
            }
            writer.WriteEndObject();
            writer.WriteStartArray("rejections");
            foreach (string rejection in d.Rejections)
            {
                writer.WriteStringValue(rejection);
            }
            writer.WriteEndArray();
            writer.WriteStartArray("badLineErrors");
            foreach (string lineError in lineErrors)
            {
                writer.WriteStringValue(lineError);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    // JSON has no NaN or infinity: such a (rejected) count is written as the string .NET and System.Text.Json use.
    private static void WriteDouble(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteString(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
