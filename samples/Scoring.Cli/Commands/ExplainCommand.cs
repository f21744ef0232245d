using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Scoring.Evaluation;
using Scoring.RuleSets;
using Spectre.Console;

namespace Scoring.Cli.Commands;

/// <summary><c>scoring explain --rules FILE --report JSON</c>: how one report is scored, rule by rule.</summary>
internal static class ExplainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var rules = new Option<FileInfo>("--rules") { Description = "The rule-set JSON document.", Required = true };
        var report = new Option<string>("--report") { Description = "The report: a JSON object of input name → value, inline or a file path.", Required = true };
        var format = new Option<string>("--format") { Description = "table (default) or json.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("explain", "Explain how one report is scored: each rule, fired or not, every value assigned, and the points or the error.") { rules, report, format };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(rules)!;
            if (!path.Exists)
            {
                error.WriteLine($"{path}: file not found");
                return 1;
            }
            var compiled = RuleSetDocument.CompileFile(path.FullName);
            if (!compiled.Succeeded)
            {
                foreach (var d in compiled.Diagnostics) error.WriteLine($"{path}:{d}");
                return 1;
            }
            var ruleSet = compiled.Compiled!;
            Dictionary<string, ScalarValue> values;
            try
            {
                values = ReadReport(parse.GetValue(report)!, ruleSet.RuleSet);
            }
            catch (Exception e) when (e is JsonException or FormatException or IOException)
            {
                error.WriteLine($"report: {e.Message}");
                return 1;
            }
            ExplainTrace trace;
            try
            {
                trace = ruleSet.Explain(values);
            }
            catch (ArgumentException e)
            {
                error.WriteLine($"report: {e.Message.Split(" (Parameter", 2)[0]}");
                return 1;
            }
            if (parse.GetValue(format) == "json") WriteJson(output, trace);
            else WriteTable(output, trace);
            return 0;
        });
        return command;
    }

    /// <summary>Reads the report object, converting each value to its input's declared type.</summary>
    internal static Dictionary<string, ScalarValue> ReadReport(string text, RuleSet ruleSet)
    {
        var json = text.TrimStart().StartsWith('{') ? text : File.ReadAllText(text);
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

    private static string Show(ScalarValue value) => value.Type == ScalarType.String ? value.AsString : value.ToString();

    private static string Result(ExplainTrace trace) => trace.Result.Succeeded
        ? $"{trace.Result.Points} points"
        : $"voided: {trace.Result.Error}";

    /// <summary>
    /// Whether the trace is of the original shape, one points output, whose result is the primary one. Any other
    /// shape is shown output by output: a double output's result is its bits, which read as points would be nonsense.
    /// </summary>
    private static bool OnePointsOutput(ExplainTrace trace) => trace.Outputs is [{ Type: RuleOutputType.Points }];

    private static void WriteTable(TextWriter writer, ExplainTrace trace)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;
        var table = new Table().Title(Markup.Escape($"{trace.RuleSetId} {trace.Version}")).AddColumns("#", "rule", "when", "outcome", "assigned");
        for (var i = 0; i < trace.Rules.Count; i++)
        {
            var r = trace.Rules[i];
            var when = r.Condition is null ? "always" : $"{r.Condition} → {(r.ConditionValue is { } c ? (c ? "true" : "false") : "-")}";
            var outcome = r.Outcome == RuleOutcome.Failed ? $"failed: {r.Error}" : r.Outcome switch
            {
                RuleOutcome.Fired => "fired",
                RuleOutcome.NotFired => "not fired",
                _ => "not reached",
            };
            var assigned = string.Join("\n", r.Assignments.Select(a => $"{a.Variable} = {a.Expression} = {Show(a.Value)}"));
            table.AddRow(Markup.Escape((i + 1).ToString(CultureInfo.InvariantCulture)), Markup.Escape(r.Name), Markup.Escape(when), Markup.Escape(outcome), Markup.Escape(assigned));
        }
        console.Write(table);
        if (!OnePointsOutput(trace))
        {
            foreach (var o in trace.Outputs.Where(o => o.Value is not null)) writer.WriteLine(o.ToString());
            writer.WriteLine(trace.Result.Succeeded ? "scored" : $"voided: {trace.Result.Error}");
            return;
        }
        var output = trace.OutputValue is { } v ? $"{trace.Output} = {ScalarValue.FormatDouble(v)} → " : string.Empty;
        writer.WriteLine($"{output}{Result(trace)}");
    }

    private static void WriteJson(TextWriter writer, ExplainTrace trace)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("ruleSet", trace.RuleSetId);
            w.WriteString("version", trace.Version);
            w.WriteString("contentHash", trace.ContentHash);
            w.WriteStartArray("rules");
            foreach (var r in trace.Rules)
            {
                w.WriteStartObject();
                w.WriteString("name", r.Name);
                if (r.Condition is null) w.WriteNull("when");
                else w.WriteString("when", r.Condition);
                if (r.ConditionValue is { } c) w.WriteBoolean("condition", c);
                else w.WriteNull("condition");
                w.WriteString("outcome", JsonNamingPolicy.CamelCase.ConvertName(r.Outcome.ToString()));
                if (r.Error != EvaluationError.None) w.WriteString("error", r.Error.ToString());
                w.WriteStartArray("assignments");
                foreach (var a in r.Assignments)
                {
                    w.WriteStartObject();
                    w.WriteString("variable", a.Variable);
                    w.WriteString("expression", a.Expression);
                    w.WritePropertyName("value");
                    WriteValue(w, a.Value);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("output", trace.Output);
            if (trace.OutputValue is { } v) WriteNumber(w, "outputValue", v);
            else w.WriteNull("outputValue");
            if (trace.Result.Succeeded && OnePointsOutput(trace))
            {
                w.WriteString("points", trace.Result.Points.ToString());
                w.WriteNull("error");
            }
            else
            {
                w.WriteNull("points");
                if (trace.Result.Succeeded) w.WriteNull("error");
                else w.WriteString("error", trace.Result.Error.ToString());
            }
            if (!OnePointsOutput(trace)) WriteOutputs(w, trace);
            w.WriteEndObject();
        }
        writer.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>Every output: name, type, final value, and its points or double, or the error converting it.</summary>
    private static void WriteOutputs(Utf8JsonWriter w, ExplainTrace trace)
    {
        w.WriteStartArray("outputs");
        foreach (var o in trace.Outputs)
        {
            w.WriteStartObject();
            w.WriteString("name", o.Name);
            w.WriteString("type", o.Type.ToName());
            if (o.Value is { } v) WriteNumber(w, "value", v);
            else w.WriteNull("value");
            if (o.Converted && o.Type == RuleOutputType.Points) w.WriteString("points", Points.FromUnits(o.Units).ToString());
            if (o.Error != EvaluationError.None) w.WriteString("error", o.Error.ToString());
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter w, ScalarValue value)
    {
        switch (value.Type)
        {
            case ScalarType.Bool: w.WriteBooleanValue(value.AsBool); break;
            case ScalarType.Int: w.WriteNumberValue(value.AsInt); break;
            case ScalarType.String: w.WriteStringValue(value.AsString); break;
            default:
                // JSON has no NaN or infinities: write those as strings
                if (double.IsFinite(value.AsDouble)) w.WriteRawValue(ScalarValue.FormatDouble(value.AsDouble));
                else w.WriteStringValue(ScalarValue.FormatDouble(value.AsDouble));
                break;
        }
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double value)
    {
        w.WritePropertyName(name);
        WriteValue(w, ScalarValue.FromDouble(value));
    }
}
