using System.CommandLine;
using System.Text.Json;
using Scoring.Cli.Output;
using Scoring.Weights;

namespace Scoring.Cli.Commands;

/// <summary>
/// <c>scoring weights --input scores.json [--burn-uid U] [--max-weight L] [--format table|json]</c>: a validator's
/// scores to float32 weights and the chain's u16 values, bit-identical to the Bittensor SDK.
/// </summary>
internal static class WeightsCommand
{
    /// <summary>The largest scores document read: 65,536 uids with their scores take about 2 MiB.</summary>
    public const int MaxInputBytes = 16 << 20;

    /// <summary>Builds the <c>weights</c> command.</summary>
    public static Command Create()
    {
        var input = new Option<string>("--input", "-i")
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
        command.SetGuardedAction(parse =>
        {
            var settings = new WeightSettings { BurnUid = parse.GetValue(burnUid), MaxWeight = parse.GetValue(maxWeight) };
            string path = parse.GetValue(input)!;
            string json = path == "-" ? ReadStandardInput() : InputFile.ReadAllText(path, MaxInputBytes, "--input");
            SubnetWeights weights;
            try
            {
                var (uids, scores) = WeightsJson.ReadInput(json, path == "-" ? "<stdin>" : path);
                weights = SubnetWeights.Compute(uids, scores, settings);
            }
            catch (ArgumentException exception)
            {
                throw new CommandException(CommandFailures.WithoutParameter(exception), exception);
            }
            Write(parse, weights, parse.GetValue(format));
            return 0;
        });
        return command;
    }

    private static void Write(ParseResult parse, SubnetWeights weights, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, WeightsJson.WriterOptions))
            {
                WeightsJson.Write(writer, weights);
            }
            parse.InvocationConfiguration.Output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            return;
        }
        var table = WeightsTable.Build(weights, rows: null, weights.Mode == WeightMode.Burn ? "Weights: burn mode" : "Weights from scores");
        table.Caption = $"{weights.Uids.Count} uids, {weights.Emission.Uids.Count} emitted";
        table.Write(CliConsole.For(parse));
    }

    /// <summary>Standard input, read up to <see cref="MaxInputBytes"/> characters.</summary>
    private static string ReadStandardInput()
    {
        var text = new System.Text.StringBuilder();
        var buffer = new char[81_920];
        int read;
        while ((read = Console.In.Read(buffer, 0, buffer.Length)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > MaxInputBytes)
                throw new CommandException($"--input -: standard input is larger than {BoundedFile.Size(MaxInputBytes)}, the most a scores document may hold.");
        }
        return text.ToString();
    }
}
