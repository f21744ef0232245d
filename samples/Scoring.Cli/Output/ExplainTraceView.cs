using System.Globalization;
using System.Text.Json;
using Scoring.Evaluation;
using Scoring.RuleSets;

namespace Scoring.Cli.Output;

/// <summary>
/// Writes one rule set's explain trace: every rule (fired or not, the condition's value, each value assigned), every
/// output with what it converted to, and the verdict — as a table for people or as JSON.
/// </summary>
internal static class ExplainTraceView
{
    /// <summary>Writes the trace as a table followed by one line per output and the verdict.</summary>
    public static void WriteTable(TextWriter writer, ExplainTrace trace)
    {
        var table = new FittedTable($"{trace.RuleSetId} {trace.Version}")
            .Number("#").Text("rule").Text("when", ColumnImportance.Medium).Text("outcome").Text("assigned", ColumnImportance.High);
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
            table.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), r.Name, when, outcome, assigned);
        }
        table.Write(CliConsole.For(writer));
        foreach (var output in trace.Outputs)
            writer.WriteLine(output.ToString());
        // The report's verdict, whatever the outputs' types: a double output has no points to read it from.
        writer.WriteLine(trace.Result.Succeeded ? "scored" : $"voided: {trace.Result.Error}");
    }

    /// <summary>Writes the trace as one JSON object value.</summary>
    public static void WriteJson(Utf8JsonWriter w, ExplainTrace trace)
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
        w.WriteStartArray("outputs");
        foreach (var output in trace.Outputs)
        {
            w.WriteStartObject();
            w.WriteString("name", output.Name);
            w.WriteString("type", output.Type.ToName());
            w.WritePropertyName("value");
            if (output.Value is { } value) WriteValue(w, ScalarValue.FromDouble(value));
            else w.WriteNullValue();
            if (output.Type == RuleOutputType.Points && output.Converted) w.WriteString("points", Points.FromUnits(output.Units).ToString());
            else w.WriteNull("points");
            if (output.Error != EvaluationError.None) w.WriteString("error", output.Error.ToString());
            w.WriteEndObject();
        }
        w.WriteEndArray();
        // The primary output (the first), as before several outputs existed.
        w.WriteString("output", trace.Output);
        if (trace.OutputValue is { } v)
        {
            w.WritePropertyName("outputValue");
            WriteValue(w, ScalarValue.FromDouble(v));
        }
        else
        {
            w.WriteNull("outputValue");
        }
        bool pointsOutput = trace.Outputs.Count > 0 && trace.Outputs[0].Type == RuleOutputType.Points;
        if (trace.Result.Succeeded && pointsOutput) w.WriteString("points", trace.Result.Points.ToString());
        else w.WriteNull("points");
        if (trace.Result.Succeeded) w.WriteNull("error");
        else w.WriteString("error", trace.Result.Error.ToString());
        w.WriteEndObject();
    }

    private static string Show(ScalarValue value) => value.Type == ScalarType.String ? value.AsString : value.ToString();

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
}
