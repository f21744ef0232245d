using System.CommandLine;
using Scoring.Cli.Output;
using System.Globalization;
using System.Text.Json;
using Scoring.Weights;

namespace Scoring.Cli.Commands;

/// <summary>
/// <c>scoring weights --input scores.json [--burn-uid U] [--max-weight L] [--format table|json]</c>: a validator's
/// scores to float32 weights and the chain's u16 values, bit-identical to the Bittensor SDK.
/// </summary>
internal static class WeightsCommand
{
    /// <summary>Exit code for bad input (unreadable file, invalid document or values).</summary>
    public const int InputError = 2;

    /// <summary>Builds the <c>weights</c> command.</summary>
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input", "-i")
        {
            Description = "JSON file {\"uids\":[..],\"scores\":[..]} ('-' reads standard input).",
            Required = true,
        };
        var burnUid = new Option<int?>("--burn-uid")
        {
            Description = "Burn mode: give 100% of the weight to this uid and ignore the scores.",
        };
        var maxWeight = new Option<double?>("--max-weight")
        {
            Description = "Largest weight the chain allows, in (0, 1]: applies the SDK's normalize_max_weight to the non-zero weights.",
        };
        var format = CommonOptions.Format();
        var command = new Command("weights", "Turn scores into float32 weights and u16 chain values (clamp, L1 normalize, emit), or burn.")
        {
            input, burnUid, maxWeight, format,
        };
        command.SetGuardedAction(parseResult =>
        {
            var config = parseResult.InvocationConfiguration;
            var settings = new WeightSettings { BurnUid = parseResult.GetValue(burnUid), MaxWeight = parseResult.GetValue(maxWeight) };
            var file = parseResult.GetValue(input)!;
            string text;
            try
            {
                text = file.Name == "-" ? Console.In.ReadToEnd() : File.ReadAllText(file.FullName);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                config.Error.WriteLine($"error: cannot read {file}: {e.Message}");
                return InputError;
            }
            return Run(text, file.Name == "-" ? "<stdin>" : file.ToString(), settings, parseResult.GetValue(format), config.Output, config.Error);
        });
        return command;
    }

    /// <summary>Computes and writes the weights of one input document; returns the exit code.</summary>
    public static int Run(string json, string sourceName, WeightSettings settings, OutputFormat format, TextWriter output, TextWriter error)
    {
        SubnetWeights weights;
        try
        {
            var (uids, scores) = WeightsJson.ReadInput(json, sourceName);
            weights = SubnetWeights.Compute(uids, scores, settings);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            error.WriteLine($"error: {e.Message}");
            return InputError;
        }

        if (format == OutputFormat.Json)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, WeightsJson.WriterOptions))
            {
                WeightsJson.Write(writer, weights);
            }
            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        }
        else
        {
            WriteTable(weights, output);
        }
        return 0;
    }

    /// <summary>Fixed-width weights table: one row per uid with its float32 weight and u16 value (blank when dropped).</summary>
    public static void WriteTable(SubnetWeights weights, TextWriter output)
    {
        var emitted = new Dictionary<int, ushort>();
        for (int i = 0; i < weights.Emission.Uids.Count; i++)
        {
            emitted[weights.Emission.Uids[i]] = weights.Emission.Values[i];
        }
        output.WriteLine($"WEIGHTS  mode: {(weights.Mode == WeightMode.Burn ? "burn" : "scores")}  uids: {weights.Uids.Count}  emitted: {weights.Emission.Uids.Count}");
        output.WriteLine($"| {"UID",-5} | {"Weight",-14} | {"U16",-5} |");
        for (int i = 0; i < weights.Uids.Count; i++)
        {
            int uid = weights.Uids[i];
            string value = emitted.TryGetValue(uid, out ushort v) ? v.ToString(CultureInfo.InvariantCulture) : "-";
            output.WriteLine($"| {uid,-5} | {weights.Weights[i].ToString("R", CultureInfo.InvariantCulture),-14} | {value,-5} |");
        }
    }
}
