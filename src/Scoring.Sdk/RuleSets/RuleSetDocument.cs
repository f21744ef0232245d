using System.Globalization;
using System.Text;
using System.Text.Json;
using Scoring.Evaluation;
using Scoring.Language;

namespace Scoring.RuleSets;

/// <summary>The outcome of reading a rule-set document.</summary>
/// <param name="RuleSet">The model, when the document had the right shape.</param>
/// <param name="Diagnostics">Problems found (with file line:column).</param>
/// <param name="SourceMap">Where each part is in the file, for placing compiler diagnostics.</param>
public sealed record RuleSetDocumentResult(RuleSet? RuleSet, IReadOnlyList<Diagnostic> Diagnostics, RuleSetSourceMap SourceMap);

/// <summary>
/// The JSON form of a rule set (schema in <c>docs/rule-language.md</c>). Reading is defensive: the size limit is
/// checked before parsing, nesting and member counts are bounded, unknown members are errors (they are usually
/// typos), and every problem carries its file line:column.
/// </summary>
public static class RuleSetDocument
{
    /// <summary>Reads a document from UTF-8 bytes.</summary>
    public static RuleSetDocumentResult Read(byte[] utf8, RuleSetLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        limits ??= RuleSetLimits.Default;
        var map = new RuleSetSourceMap();
        if (utf8.Length > limits.MaxDocumentBytes)
        {
            return new(null, [new Diagnostic(DiagnosticCode.DocumentTooLarge, $"the document is {utf8.Length} bytes, over the limit of {limits.MaxDocumentBytes}; it was not parsed", string.Empty, 1, 1, string.Empty, true)], map);
        }
        var reader = new PositionedJsonReader(utf8);
        var maxItems = Math.Max(Math.Max(limits.MaxRules, limits.MaxTableEntries), Math.Max(Math.Max(limits.MaxInputs, limits.MaxParameters), Math.Max(Math.Max(limits.MaxTables, limits.MaxAssignmentsPerRule), limits.MaxOutputs))) + 1;
        var (root, error) = reader.Read(limits.MaxJsonDepth, maxItems);
        if (error is not null) return new(null, [error], map);
        var mapper = new Mapper(reader, limits, map);
        var ruleSet = mapper.Map(root!);
        return new(mapper.Diagnostics.Count == 0 ? ruleSet : null, mapper.Diagnostics, map);
    }

    /// <summary>Reads a document from a string.</summary>
    public static RuleSetDocumentResult Read(string json, RuleSetLimits? limits = null) => Read(Encoding.UTF8.GetBytes(json ?? throw new ArgumentNullException(nameof(json))), limits);

    /// <summary>
    /// Reads a file, refusing it when it is over the size limit: before reading when its length says so, and after at
    /// most one byte more than the limit otherwise (a device or pipe such as <c>/dev/zero</c> has no length).
    /// </summary>
    public static RuleSetDocumentResult ReadFile(string path, RuleSetLimits? limits = null)
    {
        limits ??= RuleSetLimits.Default;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        long length = stream.CanSeek ? stream.Length : 0;
        string size = $"{length} bytes";
        if (length <= limits.MaxDocumentBytes)
        {
            var content = new MemoryStream();
            var buffer = new byte[81_920];
            int read;
            while (content.Length <= limits.MaxDocumentBytes
                && (read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, limits.MaxDocumentBytes + 1L - content.Length))) > 0)
            {
                content.Write(buffer, 0, read);
            }
            if (content.Length <= limits.MaxDocumentBytes)
                return Read(content.ToArray(), limits);
            size = $"more than {limits.MaxDocumentBytes} bytes";
        }
        return new(null, [new Diagnostic(DiagnosticCode.DocumentTooLarge, $"the document is {size}, over the limit of {limits.MaxDocumentBytes}; it was not parsed", string.Empty, 1, 1, string.Empty, true)], new RuleSetSourceMap());
    }

    /// <summary>Reads and compiles a document; diagnostics point into the document.</summary>
    public static CompilationResult Compile(byte[] utf8, RuleSetLimits? limits = null)
    {
        limits ??= RuleSetLimits.Default;
        var read = Read(utf8, limits);
        return CompileRead(read, limits);
    }

    /// <summary>Reads and compiles a file; diagnostics point into the file.</summary>
    public static CompilationResult CompileFile(string path, RuleSetLimits? limits = null)
    {
        limits ??= RuleSetLimits.Default;
        return CompileRead(ReadFile(path, limits), limits);
    }

    private static CompilationResult CompileRead(RuleSetDocumentResult read, RuleSetLimits limits)
    {
        if (read.RuleSet is null) return new CompilationResult(null, read.Diagnostics);
        return RuleSetCompiler.Compile(read.RuleSet, new RuleSetCompilerOptions { Limits = limits, SourceMap = read.SourceMap });
    }

    /// <summary>Writes <paramref name="ruleSet"/> as an indented document that reads back to an equal model.</summary>
    public static string Write(RuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("id", ruleSet.Id);
            w.WriteString("version", ruleSet.Version);
            if (ruleSet.Description.Length > 0) w.WriteString("description", ruleSet.Description);
            w.WriteString("effectiveFrom", ruleSet.EffectiveFrom.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture));
            w.WriteStartObject("inputs");
            foreach (var i in ruleSet.Inputs) w.WriteString(i.Name, i.Type.ToName());
            w.WriteEndObject();
            w.WriteStartObject("parameters");
            foreach (var p in ruleSet.Parameters)
            {
                w.WritePropertyName(p.Name);
                switch (p.Value.Type)
                {
                    case ScalarType.Bool: w.WriteBooleanValue(p.Value.AsBool); break;
                    case ScalarType.Int: w.WriteNumberValue(p.Value.AsInt); break;
                    case ScalarType.Double: w.WriteRawValue(FiniteDouble(p.Value.AsDouble, p.Name)); break;
                    default: w.WriteStringValue(p.Value.AsString); break;
                }
            }
            w.WriteEndObject();
            w.WriteStartObject("tables");
            foreach (var t in ruleSet.Tables)
            {
                w.WriteStartObject(t.Name);
                w.WriteString("keyType", t.KeyType.ToName());
                w.WriteStartObject("entries");
                foreach (var (key, value) in t.Entries)
                {
                    w.WritePropertyName(key.Type == ScalarType.String ? key.AsString : key.ToString());
                    w.WriteRawValue(FiniteDouble(value, t.Name));
                }
                w.WriteEndObject();
                if (t.Default is { } d)
                {
                    w.WritePropertyName("default");
                    w.WriteRawValue(FiniteDouble(d, t.Name));
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteStartObject("tiers");
            foreach (var t in ruleSet.Tiers)
            {
                w.WriteStartObject(t.Name);
                w.WriteStartArray("steps");
                foreach (var (threshold, value) in t.Steps)
                {
                    w.WriteStartArray();
                    w.WriteRawValue(FiniteDouble(threshold, t.Name));
                    w.WriteRawValue(FiniteDouble(value, t.Name));
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                if (t.Default is { } d)
                {
                    w.WritePropertyName("default");
                    w.WriteRawValue(FiniteDouble(d, t.Name));
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteStartArray("rules");
            foreach (var r in ruleSet.Rules)
            {
                w.WriteStartObject();
                w.WriteString("name", r.Name);
                if (r.When is not null) w.WriteString("when", r.When);
                w.WriteStartObject("set");
                foreach (var a in r.Assignments) w.WriteString(a.Variable, a.Expression);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (ruleSet.HasSinglePointsOutput)
            {
                w.WriteString("output", ruleSet.Output);
            }
            else
            {
                w.WriteStartObject("outputs");
                foreach (var o in ruleSet.Outputs) w.WriteString(o.Name, o.Type.ToName());
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string FiniteDouble(double value, string where) =>
        double.IsFinite(value) ? ScalarValue.FormatDouble(value) : throw new ArgumentException($"'{where}' holds a number that is not finite; JSON cannot carry it.");

    private sealed class Mapper(PositionedJsonReader reader, RuleSetLimits limits, RuleSetSourceMap map)
    {
        public List<Diagnostic> Diagnostics { get; } = [];

        private void Error(DiagnosticCode code, string message, int offset, string location, string text = "") =>
            Diagnostics.Add(reader.Error(code, message, offset, location, text));

        private void Anchor(string location, int offset, bool oneToOne = true)
        {
            var (line, column) = reader.Position(offset);
            map.Add(location, line, column, oneToOne);
        }

        private Dictionary<string, (int NameOffset, JsonItem Value)> Members(JsonItem item, string location, params string[] allowed)
        {
            var result = new Dictionary<string, (int, JsonItem)>(StringComparer.Ordinal);
            foreach (var (name, offset, value) in item.Members!)
            {
                if (allowed.Length > 0 && !allowed.Contains(name))
                {
                    Error(DiagnosticCode.UnknownMember, $"unknown member '{name}' in {(location.Length == 0 ? "the rule set" : location)} (expected one of: {string.Join(", ", allowed)})", offset, location, name);
                }
                else if (!result.TryAdd(name, (offset, value)))
                {
                    Error(DiagnosticCode.InvalidValue, $"member '{name}' appears twice", offset, location, name);
                }
            }
            return result;
        }

        private bool Expect(JsonItem item, JsonTokenType kind, string location, string what)
        {
            if (item.Kind == kind) return true;
            Error(DiagnosticCode.InvalidValue, $"{location} must be {what}, not {item.KindName}", item.Offset, location);
            return false;
        }

        private string? RequiredString(Dictionary<string, (int, JsonItem Value)> members, string name, int ownerOffset, string location)
        {
            if (!members.TryGetValue(name, out var m))
            {
                Error(DiagnosticCode.MissingMember, $"missing member '{name}'", ownerOffset, location);
                return null;
            }
            var where = location.Length == 0 ? name : $"{location}.{name}";
            return Expect(m.Value, JsonTokenType.String, where, "a string") ? m.Value.Text : null;
        }

        private double? Number(JsonItem item, string location)
        {
            if (!Expect(item, JsonTokenType.Number, location, "a number")) return null;
            if (item.Text!.Length > limits.MaxNumberLiteralLength)
            {
                Error(DiagnosticCode.NumberTooLong, $"number of {item.Text.Length} characters at {location} is longer than the limit of {limits.MaxNumberLiteralLength}", item.Offset, location);
                return null;
            }
            var d = double.Parse(item.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (!double.IsFinite(d))
            {
                Error(DiagnosticCode.InvalidNumber, $"number at {location} is too large for a double", item.Offset, location, item.Text);
                return null;
            }
            return d;
        }

        public RuleSet? Map(JsonItem root)
        {
            if (!Expect(root, JsonTokenType.StartObject, "the document", "an object")) return null;
            var m = Members(root, string.Empty, "id", "version", "description", "effectiveFrom", "inputs", "parameters", "tables", "tiers", "rules", "output", "outputs");
            var id = RequiredString(m, "id", root.Offset, string.Empty);
            if (m.TryGetValue("id", out var idItem)) Anchor("id", idItem.Value.Offset);
            string? version = null;
            if (!m.TryGetValue("version", out var v)) Error(DiagnosticCode.MissingMember, "missing member 'version'", root.Offset, string.Empty);
            else
            {
                Anchor("version", v.Value.Offset);
                if (v.Value.Kind == JsonTokenType.String) version = v.Value.Text;
                else if (v.Value.Kind == JsonTokenType.Number && long.TryParse(v.Value.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) version = n.ToString(CultureInfo.InvariantCulture);
                else Error(DiagnosticCode.InvalidValue, "version must be a non-negative integer or a string such as \"1.2.0\"", v.Value.Offset, "version");
            }
            string? description = null;
            if (m.TryGetValue("description", out var desc) && Expect(desc.Value, JsonTokenType.String, "description", "a string")) description = desc.Value.Text;
            var effectiveFrom = DateTimeOffset.UnixEpoch;
            if (!m.TryGetValue("effectiveFrom", out var eff)) Error(DiagnosticCode.MissingMember, "missing member 'effectiveFrom' (an ISO-8601 UTC time such as \"2026-01-01T00:00:00Z\")", root.Offset, string.Empty);
            else if (Expect(eff.Value, JsonTokenType.String, "effectiveFrom", "a string"))
            {
                var text = eff.Value.Text!;
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out effectiveFrom)
                    || !(text.EndsWith('Z') || text.Contains('+') || text.LastIndexOf('-') > 9))
                {
                    Error(DiagnosticCode.InvalidValue, $"effectiveFrom '{text}' is not an ISO-8601 time with a UTC offset (e.g. \"2026-01-01T00:00:00Z\")", eff.Value.Offset, "effectiveFrom", text);
                }
            }
            var inputs = Inputs(m);
            var parameters = Parameters(m);
            var tables = Tables(m);
            var tiers = Tiers(m);
            var rules = Rules(m);
            var outputs = Outputs(m, root.Offset);
            if (Diagnostics.Count > 0 || outputs is null) return null;
            return new RuleSet(id!, version!, description, effectiveFrom, inputs, parameters, tables, tiers, rules, outputs);
        }

        /// <summary>
        /// Exactly one of <c>"output": name</c> (one points output, the original form) and
        /// <c>"outputs": { name: type, … }</c> (document order = output order). Both anchor <c>output</c> for a
        /// single points output and <c>outputs.name</c> for each named one, where the compiler places its diagnostics.
        /// </summary>
        private List<RuleOutput>? Outputs(Dictionary<string, (int NameOffset, JsonItem Value)> m, int rootOffset)
        {
            var hasOne = m.TryGetValue("output", out var one);
            var hasMany = m.TryGetValue("outputs", out var many);
            if (hasOne && hasMany)
            {
                var second = one.NameOffset > many.NameOffset ? one.NameOffset : many.NameOffset;
                Error(DiagnosticCode.InvalidValue, "give either 'output' (one points output) or 'outputs' (an object of name: type), not both", second, string.Empty, one.NameOffset > many.NameOffset ? "output" : "outputs");
                return null;
            }
            if (!hasOne && !hasMany)
            {
                Error(DiagnosticCode.MissingMember, "missing member 'output' (the points variable, e.g. \"output\": \"points\") or 'outputs' (an object of name: type, e.g. { \"score\": \"double\" })", rootOffset, string.Empty);
                return null;
            }
            if (hasOne)
            {
                if (!Expect(one.Value, JsonTokenType.String, "output", "a string")) return null;
                Anchor("output", one.Value.Offset);
                return [new RuleOutput(one.Value.Text!, RuleOutputType.Points)];
            }
            if (!Expect(many.Value, JsonTokenType.StartObject, "outputs", "an object of name: type (\"points\" or \"double\")")) return null;
            Anchor("outputs", many.Value.Offset);
            var members = many.Value.Members!;
            if (members.Count == 0)
            {
                Error(DiagnosticCode.InvalidValue, "'outputs' names no output; name at least one, e.g. { \"points\": \"points\" }", many.Value.Offset, "outputs");
                return null;
            }
            if (members.Count > limits.MaxOutputs)
            {
                Error(DiagnosticCode.LimitExceeded, $"{members.Count} outputs exceed the limit of {limits.MaxOutputs}", many.Value.Offset, "outputs");
                return null;
            }
            var result = new List<RuleOutput>(members.Count);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var ok = true;
            foreach (var (name, offset, value) in members)
            {
                var location = $"outputs.{name}";
                Anchor(location, offset);
                if (!seen.Add(name))
                {
                    Error(DiagnosticCode.InvalidValue, $"output '{name}' appears twice in 'outputs'", offset, location, name);
                    ok = false;
                }
                else if (value.Kind == JsonTokenType.String && RuleOutputTypeNames.TryParse(value.Text, out var type))
                {
                    result.Add(new RuleOutput(name, type));
                }
                else
                {
                    Error(DiagnosticCode.InvalidValue, $"output '{name}' must have a type: \"points\" or \"double\"", value.Offset, location, value.Text ?? string.Empty);
                    ok = false;
                }
            }
            if (!ok) return null;
            if (result is [{ Type: RuleOutputType.Points }]) Anchor("output", members[0].NameOffset);
            return result;
        }

        private List<RuleInput> Inputs(Dictionary<string, (int, JsonItem Value)> m)
        {
            var result = new List<RuleInput>();
            if (!m.TryGetValue("inputs", out var item) || !Expect(item.Value, JsonTokenType.StartObject, "inputs", "an object of name: type")) return result;
            foreach (var (name, offset, value) in item.Value.Members!)
            {
                var location = $"inputs.{name}";
                Anchor(location, offset);
                if (value.Kind == JsonTokenType.String && ScalarTypeNames.TryParse(value.Text, out var type)) result.Add(new RuleInput(name, type));
                else Error(DiagnosticCode.InvalidValue, $"input '{name}' must have a type: \"int\", \"double\", \"bool\" or \"string\"", value.Offset, location, value.Text ?? string.Empty);
            }
            return result;
        }

        private List<RuleParameter> Parameters(Dictionary<string, (int, JsonItem Value)> m)
        {
            var result = new List<RuleParameter>();
            if (!m.TryGetValue("parameters", out var item) || !Expect(item.Value, JsonTokenType.StartObject, "parameters", "an object of name: value")) return result;
            foreach (var (name, offset, value) in item.Value.Members!)
            {
                var location = $"parameters.{name}";
                Anchor(location, offset);
                switch (value.Kind)
                {
                    case JsonTokenType.True:
                    case JsonTokenType.False:
                        result.Add(new RuleParameter(name, ScalarValue.FromBool(value.Kind == JsonTokenType.True)));
                        break;
                    case JsonTokenType.String:
                        result.Add(new RuleParameter(name, ScalarValue.FromString(value.Text!)));
                        break;
                    case JsonTokenType.Number:
                    {
                        // the language's literal rule: digits only is an int, a '.' or exponent makes a double
                        var isInt = value.Text!.All(c => char.IsAsciiDigit(c) || c == '-');
                        if (isInt && long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) result.Add(new RuleParameter(name, ScalarValue.FromInt(n)));
                        else if (isInt) Error(DiagnosticCode.InvalidNumber, $"parameter '{name}' does not fit a 64-bit int (write it with .0 to make it a double)", value.Offset, location, value.Text!);
                        else if (Number(value, location) is { } d) result.Add(new RuleParameter(name, ScalarValue.FromDouble(d)));
                        break;
                    }
                    default:
                        Error(DiagnosticCode.InvalidValue, $"parameter '{name}' must be a number, string or boolean, not {value.KindName}", value.Offset, location);
                        break;
                }
            }
            return result;
        }

        private List<LookupTable> Tables(Dictionary<string, (int, JsonItem Value)> m)
        {
            var result = new List<LookupTable>();
            if (!m.TryGetValue("tables", out var item) || !Expect(item.Value, JsonTokenType.StartObject, "tables", "an object of name: table")) return result;
            foreach (var (name, offset, value) in item.Value.Members!)
            {
                var location = $"tables.{name}";
                Anchor(location, offset);
                if (!Expect(value, JsonTokenType.StartObject, location, "an object with keyType, entries and optional default")) continue;
                var tm = Members(value, location, "keyType", "entries", "default");
                var keyTypeName = RequiredString(tm, "keyType", value.Offset, location);
                if (keyTypeName is null) continue;
                if (!ScalarTypeNames.TryParse(keyTypeName, out var keyType) || keyType is not (ScalarType.Int or ScalarType.String))
                {
                    Error(DiagnosticCode.InvalidValue, $"keyType of table '{name}' must be \"string\" or \"int\", not \"{keyTypeName}\"", tm["keyType"].NameOffset, location, keyTypeName);
                    continue;
                }
                double? fallback = null;
                if (tm.TryGetValue("default", out var def)) fallback = Number(def.Value, $"{location}.default");
                var entries = new List<KeyValuePair<ScalarValue, double>>();
                if (!tm.TryGetValue("entries", out var e)) Error(DiagnosticCode.MissingMember, $"table '{name}' has no 'entries'", value.Offset, location);
                else if (Expect(e.Value, JsonTokenType.StartObject, $"{location}.entries", "an object of key: number"))
                {
                    foreach (var (key, keyOffset, number) in e.Value.Members!)
                    {
                        ScalarValue k;
                        if (keyType == ScalarType.String) k = ScalarValue.FromString(key);
                        else if (long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) k = ScalarValue.FromInt(n);
                        else
                        {
                            Error(DiagnosticCode.InvalidTable, $"table '{name}' has int keys, but key '{key}' is not an integer", keyOffset, location, key);
                            continue;
                        }
                        if (Number(number, $"{location}.entries.{key}") is { } d) entries.Add(new(k, d));
                    }
                }
                result.Add(new LookupTable(name, keyType, entries, fallback));
            }
            return result;
        }

        private List<TierTable> Tiers(Dictionary<string, (int, JsonItem Value)> m)
        {
            var result = new List<TierTable>();
            if (!m.TryGetValue("tiers", out var item) || !Expect(item.Value, JsonTokenType.StartObject, "tiers", "an object of name: tier table")) return result;
            foreach (var (name, offset, value) in item.Value.Members!)
            {
                var location = $"tiers.{name}";
                Anchor(location, offset);
                if (!Expect(value, JsonTokenType.StartObject, location, "an object with steps and optional default")) continue;
                var tm = Members(value, location, "steps", "default");
                double? fallback = null;
                if (tm.TryGetValue("default", out var def)) fallback = Number(def.Value, $"{location}.default");
                var steps = new List<KeyValuePair<double, double>>();
                if (!tm.TryGetValue("steps", out var s)) Error(DiagnosticCode.MissingMember, $"tier table '{name}' has no 'steps'", value.Offset, location);
                else if (Expect(s.Value, JsonTokenType.StartArray, $"{location}.steps", "an array of [threshold, value] pairs"))
                {
                    for (var i = 0; i < s.Value.Items!.Count; i++)
                    {
                        var step = s.Value.Items[i];
                        var where = $"{location}.steps[{i}]";
                        if (step.Kind != JsonTokenType.StartArray || step.Items!.Count != 2)
                        {
                            Error(DiagnosticCode.InvalidValue, $"{where} must be a [threshold, value] pair", step.Offset, location);
                            continue;
                        }
                        var threshold = Number(step.Items[0], where);
                        var v = Number(step.Items[1], where);
                        if (threshold is { } t && v is { } x) steps.Add(new(t, x));
                    }
                }
                result.Add(new TierTable(name, steps, fallback));
            }
            return result;
        }

        private List<Rule> Rules(Dictionary<string, (int, JsonItem Value)> m)
        {
            var result = new List<Rule>();
            if (!m.TryGetValue("rules", out var item))
            {
                return result;
            }
            if (!Expect(item.Value, JsonTokenType.StartArray, "rules", "an array of rules")) return result;
            var items = item.Value.Items!;
            if (items.Count > limits.MaxRules)
            {
                Error(DiagnosticCode.LimitExceeded, $"more than the limit of {limits.MaxRules} rules", item.Value.Offset, "rules");
                return result;
            }
            for (var i = 0; i < items.Count; i++)
            {
                var location = $"rules[{i}]";
                var r = items[i];
                Anchor(location, r.Offset);
                if (!Expect(r, JsonTokenType.StartObject, location, "an object with name, optional when, and set")) continue;
                var rm = Members(r, location, "name", "when", "set");
                var name = RequiredString(rm, "name", r.Offset, location);
                string? when = null;
                if (rm.TryGetValue("when", out var w) && Expect(w.Value, JsonTokenType.String, $"{location}.when", "an expression string"))
                {
                    when = w.Value.Text;
                    Anchor($"{location}.when", w.Value.Offset + 1, !w.Value.Escaped);
                }
                var assignments = new List<Assignment>();
                if (!rm.TryGetValue("set", out var set)) Error(DiagnosticCode.MissingMember, $"rule {(name is null ? i.ToString(CultureInfo.InvariantCulture) : $"'{name}'")} has no 'set' (an object of variable: expression)", r.Offset, location);
                else if (Expect(set.Value, JsonTokenType.StartObject, $"{location}.set", "an object of variable: expression"))
                {
                    var seen = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var (variable, varOffset, expression) in set.Value.Members!)
                    {
                        var where = $"{location}.set.{variable}";
                        if (!seen.Add(variable))
                        {
                            Error(DiagnosticCode.InvalidValue, $"rule assigns '{variable}' twice in one 'set'", varOffset, where, variable);
                            continue;
                        }
                        if (!Expect(expression, JsonTokenType.String, where, "an expression string")) continue;
                        Anchor(where, expression.Offset + 1, !expression.Escaped);
                        assignments.Add(new Assignment(variable, expression.Text!));
                    }
                }
                if (name is not null) result.Add(new Rule(name, when, assignments));
            }
            return result;
        }
    }
}
