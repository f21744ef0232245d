using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Scoring.Cli.Output;
using Scoring.Gpu;
using Spectre.Console;

namespace Scoring.Cli.Commands;

/// <summary>
/// <c>scoring devices [--format table|json]</c>: lists OpenCL platforms and devices, marks the one <c>--backend opencl</c>
/// would pick, and says why a device cannot score. Exits 1, with what to install, when no OpenCL runtime or device is found.
/// </summary>
internal static class DevicesCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var format = CommonOptions.Format();
        var command = new Command("devices", "List OpenCL platforms and devices (for --backend opencl --device N).") { format };
        command.SetGuardedAction(parse => Run(parse.GetValue(format), parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(OutputFormat format, TextWriter output)
    {
        bool loaded = OpenClRuntime.TryLoad(out OpenClRuntime? runtime, out string? reason);
        OpenClDevice? pick = null;
        if (runtime is not null)
        {
            runtime.TrySelectScoringDevice(null, out pick, out _);
        }

        if (format == OutputFormat.Json)
        {
            WriteJson(output, runtime, pick, reason);
        }
        else
        {
            WriteTable(output, runtime, pick, reason);
        }

        // The listing above still says what to install; the failure is reported as every command's is (one line on
        // standard error, exit 1).
        if (!loaded)
            throw new CommandException($"no OpenCL runtime: {reason}");
        return 0;
    }

    private static void WriteTable(TextWriter output, OpenClRuntime? runtime, OpenClDevice? pick, string? reason)
    {
        IAnsiConsole console = CliConsole.For(output);
        if (runtime is null)
        {
            console.MarkupLine("[yellow]No OpenCL device available.[/]");
            console.WriteLine(reason ?? string.Empty);
            return;
        }

        foreach (OpenClPlatform platform in runtime.Platforms)
        {
            console.WriteLine($"Platform {platform.Index}: {platform.Name} ({platform.Vendor}), {ShortVersion(platform.Version)}");
        }

        var table = new FittedTable("OpenCL devices")
            .Text("#").Text("Device").Number("Platform", ColumnImportance.Low).Text("Type", ColumnImportance.Medium)
            .Text("OpenCL", ColumnImportance.Low).Number("CUs", ColumnImportance.Medium).Number("Memory", ColumnImportance.Medium)
            .Number("Max WG", ColumnImportance.Low).Text("fp64", ColumnImportance.High).Text("Scores");
        foreach (OpenClDevice device in runtime.Devices)
        {
            table.AddRow(
                device.Index.ToString(CultureInfo.InvariantCulture) + (ReferenceEquals(device, pick) ? " *" : string.Empty),
                device.Name,
                device.Platform.Index.ToString(CultureInfo.InvariantCulture),
                device.Type.ToString(),
                ShortVersion(device.Version),
                device.ComputeUnits.ToString(CultureInfo.InvariantCulture),
                FormatBytes(device.GlobalMemoryBytes),
                device.MaxWorkGroupSize.ToString(CultureInfo.InvariantCulture),
                device.SupportsFp64 ? "yes" : "no",
                device.CanScore ? "yes" : "no");
        }

        table.Write(console);
        foreach (OpenClDevice device in runtime.Devices.Where(d => !d.CanScore))
        {
            console.WriteLine($"#{device.Index}: {device.ScoringRefusal}");
        }

        console.WriteLine(pick is null
            ? "No device can score; --backend auto will use the CPU (SIMD)."
            : "* = picked by default; choose another with --device N. `scoring devices --format json` shows every field.");
    }

    private static void WriteJson(TextWriter output, OpenClRuntime? runtime, OpenClDevice? pick, string? reason)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteBoolean("available", runtime is not null);
            if (reason is not null)
            {
                json.WriteString("reason", reason);
            }

            if (pick is not null)
            {
                json.WriteNumber("defaultDevice", pick.Index);
            }

            json.WriteStartArray("platforms");
            foreach (OpenClPlatform platform in runtime?.Platforms ?? [])
            {
                json.WriteStartObject();
                json.WriteNumber("index", platform.Index);
                json.WriteString("name", platform.Name);
                json.WriteString("vendor", platform.Vendor);
                json.WriteString("version", platform.Version);
                json.WriteString("profile", platform.Profile);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("devices");
            foreach (OpenClDevice device in runtime?.Devices ?? [])
            {
                json.WriteStartObject();
                json.WriteNumber("index", device.Index);
                json.WriteNumber("platform", device.Platform.Index);
                json.WriteString("name", device.Name);
                json.WriteString("vendor", device.Vendor);
                json.WriteString("version", device.Version);
                json.WriteString("driverVersion", device.DriverVersion);
                json.WriteString("openClCVersion", device.OpenClCVersion);
                json.WriteString("type", device.Type.ToString());
                json.WriteNumber("computeUnits", device.ComputeUnits);
                json.WriteNumber("globalMemoryBytes", device.GlobalMemoryBytes);
                json.WriteNumber("maxAllocationBytes", device.MaxAllocationBytes);
                json.WriteNumber("maxWorkGroupSize", device.MaxWorkGroupSize);
                json.WriteBoolean("fp64", device.SupportsFp64);
                json.WriteBoolean("canScore", device.CanScore);
                if (device.ScoringRefusal is string refusal)
                {
                    json.WriteString("refusal", refusal);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>"OpenCL 3.0" from "OpenCL 3.0 CUDA 12.4.131" style strings: the first two words.</summary>
    private static string ShortVersion(string version) => string.Join(' ', version.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2));

    private static string FormatBytes(long bytes) =>
        bytes >= 1L << 30 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0} MiB");
}
