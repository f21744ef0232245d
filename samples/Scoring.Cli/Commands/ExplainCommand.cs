using System.CommandLine;
using System.Text;
using System.Text.Json;
using Scoring.Cli.Output;
using Scoring.Evaluation;
using Scoring.Reports;
using Scoring.RuleSets;
using Scoring.Schemes;

namespace Scoring.Cli.Commands;

/// <summary>
/// <c>scoring explain --report JSON|FILE [--rules FILE]… [--scheme S]</c>: how one report is scored, rule by rule. A report
/// line (<c>{"type": …}</c>) is decoded by the registry's decoder and explained by the scheme that owns its type, with the
/// rule sets in force (built-ins, or <c>--rules</c>). An object without <c>type</c> gives one rule set's inputs directly
/// and needs exactly one <c>--rules FILE</c>.
/// </summary>
internal static class ExplainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var report = new Option<string>("--report")
        {
            Description = "The report: a report line {\"type\": …, …} (or one rule set's inputs {name: value} with one --rules), inline or a file path.",
            Required = true,
        };
        var rules = new Option<string[]>("--rules")
        {
            Description = "A rule-set document in force instead of the built-in versions of its id (repeatable); for inputs without \"type\", the rule set to run.",
            AllowMultipleArgumentsPerToken = false,
        };
        var scheme = new Option<string?>("--scheme") { Description = "The scheme the report must belong to (a check; the report's type decides)." };
        var format = CommonOptions.Format();
        var command = new Command("explain", "Explain how one report is scored: each rule, fired or not, every value assigned, and the points or the error.")
        {
            report, rules, scheme, format,
        };
        command.SetGuardedAction(parse =>
        {
            string text = ReadReport(parse.GetValue(report)!);
            string[] ruleFiles = parse.GetValue(rules) ?? [];
            var output = parse.InvocationConfiguration.Output;
            bool json = parse.GetValue(format) == OutputFormat.Json;
            if (IsInputsObject(text))
            {
                if (ruleFiles.Length != 1)
                    throw new CommandException("a report without \"type\" gives one rule set's inputs: give exactly one --rules FILE (or a report line with its \"type\").");
                var trace = ExplainInputs(text, ruleFiles[0]);
                if (json) WriteJson(output, w => ExplainTraceView.WriteJson(w, trace));
                else ExplainTraceView.WriteTable(output, trace);
                return 0;
            }

            using var host = SchemeHost.Start(new SchemeSettings { Plugins = PluginOption.Of(parse) });
            var decoded = host.Registry.Decoder.DecodeLine(Encoding.UTF8.GetBytes(text.Trim()), 1);
            if (!decoded.IsReport)
                throw new CommandException($"report: {decoded.Error.Field}: {decoded.Error.Reason}");
            var line = decoded.Report;
            var owner = host.Registry.OwnerOfReportType(line.Type)!;
            if (parse.GetValue(scheme) is { } expected && expected != owner.Name)
            {
                _ = host.Scheme(expected);
                throw new CommandException($"a \"{line.Type}\" report belongs to the {owner.Name} scheme, not {expected}.");
            }
            var overrides = RuleSetOverrides.Load(ruleFiles, host.Registry);
            var explanations = owner.Explain(line, host.CreateContext(overrides));
            if (json)
            {
                WriteJson(output, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("scheme", owner.Name);
                    w.WriteString("type", line.Type);
                    w.WriteString("reportId", line.Id);
                    w.WriteString("producer", line.Producer);
                    if (line.Time is { } time) w.WriteString("time", Iso(time));
                    else w.WriteNull("time");
                    w.WriteStartArray("explanations");
                    foreach (var explanation in explanations)
                    {
                        w.WriteStartObject();
                        w.WriteString("ruleSet", explanation.RuleSetId);
                        if (explanation.Note is null) w.WriteNull("note");
                        else w.WriteString("note", explanation.Note);
                        w.WritePropertyName("trace");
                        if (explanation.Trace is null) w.WriteNullValue();
                        else ExplainTraceView.WriteJson(w, explanation.Trace);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
            else
            {
                output.WriteLine($"{owner.Name} scheme: \"{line.Type}\" report '{line.Id}' of '{line.Producer}'{(line.Time is { } at ? $" at {Iso(at)}" : "")}");
                foreach (var explanation in explanations)
                {
                    if (explanation.Trace is not null)
                        ExplainTraceView.WriteTable(output, explanation.Trace);
                    if (explanation.Note is not null)
                        output.WriteLine($"note ({explanation.RuleSetId}): {explanation.Note}");
                }
            }
            return 0;
        });
        return command;
    }

    /// <summary>The report's text: inline JSON, or the content of the file it names (at most a report line's size).</summary>
    private static string ReadReport(string argument) =>
        argument.TrimStart().StartsWith('{')
            ? argument
            : InputFile.ReadAllText(argument, ReportLimits.MaxLineBytes, "--report");

    /// <summary>Whether the text is a JSON object without a top-level <c>type</c>: a rule set's inputs given directly.</summary>
    private static bool IsInputsObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            return document.RootElement.ValueKind == JsonValueKind.Object && !document.RootElement.TryGetProperty("type", out _);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Not JSON, or a member name that is not text (a lone surrogate escape): the decoder says what is wrong with it.
            return false;
        }
    }

    private static ExplainTrace ExplainInputs(string text, string rulesFile)
    {
        if (!File.Exists(rulesFile))
            throw new CommandException($"--rules '{rulesFile}': the file does not exist.");
        var compiled = RuleSetDocument.CompileFile(rulesFile);
        if (!compiled.Succeeded)
        {
            var diagnostics = compiled.Diagnostics;
            string more = diagnostics.Count > 1 ? $" (and {diagnostics.Count - 1} more: scoring check {rulesFile})" : "";
            throw new CommandException($"{rulesFile}:{diagnostics[0]}{more}");
        }
        var ruleSet = compiled.Compiled!;
        try
        {
            return ruleSet.Explain(ReadInputs(text, ruleSet.RuleSet));
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not text (a lone surrogate escape).
            throw new CommandException($"report: {CommandFailures.OneLine(exception.Message)}", exception);
        }
        catch (ArgumentException exception)
        {
            throw new CommandException($"report: {CommandFailures.WithoutParameter(exception)}", exception);
        }
    }

    /// <summary>Reads the inputs object, converting each value to its input's declared type.</summary>
    internal static Dictionary<string, ScalarValue> ReadInputs(string json, RuleSet ruleSet)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4 });
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new FormatException("the report must be a JSON object of input name → value");
        var types = ruleSet.Inputs.ToDictionary(i => i.Name, i => i.Type, StringComparer.Ordinal);
        var values = new Dictionary<string, ScalarValue>(StringComparer.Ordinal);
        foreach (var member in doc.RootElement.EnumerateObject())
        {
            if (!types.TryGetValue(member.Name, out var type)) throw new FormatException($"'{member.Name}' is not an input of rule set {ruleSet} (inputs: {string.Join(", ", types.Keys)})");
            var v = member.Value;
            values[member.Name] = (type, v.ValueKind) switch
            {
                (ScalarType.Int, JsonValueKind.Number) when v.TryGetInt64(out var i) => ScalarValue.FromInt(i),
                (ScalarType.Double, JsonValueKind.Number) => ScalarValue.FromDouble(v.GetDouble()),
                (ScalarType.Bool, JsonValueKind.True or JsonValueKind.False) => ScalarValue.FromBool(v.GetBoolean()),
                (ScalarType.String, JsonValueKind.String) => ScalarValue.FromString(v.GetString()!),
                _ => throw new FormatException($"'{member.Name}' must be a{(type == ScalarType.Int ? "n" : "")} {type.ToName()}, not {v.GetRawText()}"),
            };
        }
        return values;
    }

    private static string Iso(DateTimeOffset time) => TimeArgument.ToIso(time);

    private static void WriteJson(TextWriter writer, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(w);
        }
        writer.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }
}
