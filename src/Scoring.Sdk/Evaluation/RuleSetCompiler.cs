using Scoring.Language;
using Scoring.RuleSets;

namespace Scoring.Evaluation;

/// <summary>
/// Checks a <see cref="RuleSet"/> and compiles it: declarations, then every expression parsed, type checked and
/// lowered to the IR (<see cref="RuleProgram"/>), constants folded, and the scalar delegate generated.
/// Collects all diagnostics it can rather than stopping at the first; count limits are checked before any
/// per-item work so that oversized rule sets are refused in bounded time.
/// </summary>
public static class RuleSetCompiler
{
    /// <summary>Compiles <paramref name="ruleSet"/>.</summary>
    public static CompilationResult Compile(RuleSet ruleSet, RuleSetCompilerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        options ??= new RuleSetCompilerOptions();
        var run = new Run(ruleSet, options);
        var program = run.Build();
        if (program is null || run.Diagnostics.Count > 0) return new CompilationResult(null, run.Diagnostics);
        return new CompilationResult(new CompiledRuleSet(ruleSet, program), run.Diagnostics);
    }

    /// <summary>Compiles <paramref name="ruleSet"/> or throws <see cref="RuleSetException"/>.</summary>
    public static CompiledRuleSet CompileOrThrow(RuleSet ruleSet, RuleSetCompilerOptions? options = null) =>
        Compile(ruleSet, options).GetValueOrThrow();

    /// <summary>Whether <paramref name="name"/> may name an input, parameter, table or variable.</summary>
    public static bool IsValidName(string name, int maxLength = 256) =>
        name.Length > 0 && name.Length <= maxLength
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
        && name is not ("true" or "false" or "in")
        && !TypeChecker.Functions.Contains(name);

    private sealed class Run(RuleSet ruleSet, RuleSetCompilerOptions options)
    {
        private readonly RuleSetLimits _limits = options.Limits;
        private readonly HashSet<string> _outputNames = ruleSet.Outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        private bool _nodeLimitReached;

        public List<Diagnostic> Diagnostics { get; } = [];

        public RuleProgram? Build()
        {
            if (!CheckCounts()) return null;
            CheckHeader();
            CheckNames();
            var parsed = ParseExpressions();
            var symbols = new SymbolTable(CollectStrings(parsed));
            var scope = new TypeScope(symbols);
            var inputs = new List<IrInput>();
            foreach (var input in ruleSet.Inputs)
            {
                var ir = new IrInput(inputs.Count, input.Name, ToIr(input.Type));
                inputs.Add(ir);
                scope.Inputs.TryAdd(input.Name, ir);
            }
            foreach (var p in ruleSet.Parameters)
            {
                if (p.Value.Type == ScalarType.Double && !double.IsFinite(p.Value.AsDouble))
                {
                    Declaration(DiagnosticCode.InvalidValue, $"parameter '{p.Name}' must be a finite number", $"parameters.{p.Name}", p.Name);
                }
                scope.Parameters.TryAdd(p.Name, p.Value);
            }
            var tables = BuildTables(symbols, scope);
            var tiers = BuildTiers(scope);
            var variables = new List<IrVariable>();
            var rules = LowerRules(parsed, scope, variables);
            var outputs = CheckOutputs(scope);
            if (Diagnostics.Count > 0 || outputs is null) return null;
            return new RuleProgram(inputs, symbols, tables, tiers, variables, rules, outputs);
        }

        private void Declaration(DiagnosticCode code, string message, string location, string text)
        {
            var d = new Diagnostic(code, message, location, 1, 1, text);
            Diagnostics.Add(options.SourceMap?.PlaceDeclaration(d) ?? d);
        }

        private void InExpression(Diagnostic fromExpression, string location)
        {
            var d = fromExpression with { Location = location };
            Diagnostics.Add(options.SourceMap?.Place(d) ?? d);
        }

        private bool CheckCounts()
        {
            void Over(string what, int count, int limit, string location) =>
                Declaration(DiagnosticCode.LimitExceeded, $"{count} {what} exceed the limit of {limit}", location, string.Empty);

            if (ruleSet.Rules.Count > _limits.MaxRules) Over("rules", ruleSet.Rules.Count, _limits.MaxRules, "rules");
            if (ruleSet.Inputs.Count > _limits.MaxInputs) Over("inputs", ruleSet.Inputs.Count, _limits.MaxInputs, "inputs");
            if (ruleSet.Parameters.Count > _limits.MaxParameters) Over("parameters", ruleSet.Parameters.Count, _limits.MaxParameters, "parameters");
            if (ruleSet.Outputs.Count > _limits.MaxOutputs) Over("outputs", ruleSet.Outputs.Count, _limits.MaxOutputs, OutputsLocation);
            if (ruleSet.Tables.Count + ruleSet.Tiers.Count > _limits.MaxTables) Over("tables and tier tables", ruleSet.Tables.Count + ruleSet.Tiers.Count, _limits.MaxTables, "tables");
            if (Diagnostics.Count > 0) return false;
            foreach (var t in ruleSet.Tables)
            {
                if (t.Entries.Count > _limits.MaxTableEntries) Over($"entries in table '{t.Name}'", t.Entries.Count, _limits.MaxTableEntries, $"tables.{t.Name}");
            }
            foreach (var t in ruleSet.Tiers)
            {
                if (t.Steps.Count > _limits.MaxTableEntries) Over($"steps in tier table '{t.Name}'", t.Steps.Count, _limits.MaxTableEntries, $"tiers.{t.Name}");
            }
            for (var i = 0; i < ruleSet.Rules.Count; i++)
            {
                var r = ruleSet.Rules[i];
                if (r.Assignments.Count > _limits.MaxAssignmentsPerRule) Over($"assignments in rule '{r.Name}'", r.Assignments.Count, _limits.MaxAssignmentsPerRule, $"rules[{i}]");
            }
            return Diagnostics.Count == 0;
        }

        private void CheckHeader()
        {
            if (string.IsNullOrWhiteSpace(ruleSet.Id)) Declaration(DiagnosticCode.InvalidValue, "the rule set needs a non-empty id", "id", ruleSet.Id);
            else if (HasControlCharacter(ruleSet.Id)) Declaration(DiagnosticCode.InvalidValue, "the rule set id must not contain control characters (it names the rule set in tables, logs and the ledger)", "id", ruleSet.Id);
            if (string.IsNullOrWhiteSpace(ruleSet.Version)) Declaration(DiagnosticCode.InvalidValue, "the rule set needs a non-empty version", "version", ruleSet.Version);
            else if (HasControlCharacter(ruleSet.Version)) Declaration(DiagnosticCode.InvalidValue, "the rule set version must not contain control characters (it names the rule set in tables, logs and the ledger)", "version", ruleSet.Version);
            if (ruleSet.Rules.Count == 0) Declaration(DiagnosticCode.InvalidOutput, "the rule set has no rules, so nothing assigns the output", "rules", string.Empty);
        }

        private static bool HasControlCharacter(string text) => text.Any(char.IsControl);

        private void CheckNames()
        {
            var declared = new Dictionary<string, string>(StringComparer.Ordinal);
            void Declare(string name, string kind, string location)
            {
                if (!IsValidName(name, _limits.MaxStringLength))
                {
                    Declaration(DiagnosticCode.InvalidName, $"{kind} name '{Shorten(name)}' is not a valid name (letters, digits and '_', not starting with a digit, not a keyword or function name)", location, Shorten(name));
                }
                else if (!declared.TryAdd(name, kind))
                {
                    Declaration(DiagnosticCode.DuplicateName, $"'{name}' is declared twice (as {declared[name]} and as {kind})", location, name);
                }
            }
            foreach (var i in ruleSet.Inputs) Declare(i.Name, "input", $"inputs.{i.Name}");
            foreach (var p in ruleSet.Parameters) Declare(p.Name, "parameter", $"parameters.{p.Name}");
            foreach (var t in ruleSet.Tables) Declare(t.Name, "table", $"tables.{t.Name}");
            foreach (var t in ruleSet.Tiers) Declare(t.Name, "tier table", $"tiers.{t.Name}");
            var outputNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var o in ruleSet.Outputs)
            {
                if (o.Name.Length > 0 && !outputNames.Add(o.Name))
                {
                    Declaration(DiagnosticCode.DuplicateName, $"output '{Shorten(o.Name)}' is named twice; each output is its own variable", OutputLocation(o), Shorten(o.Name));
                }
            }
            var ruleNames = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < ruleSet.Rules.Count; i++)
            {
                var name = ruleSet.Rules[i].Name;
                if (string.IsNullOrWhiteSpace(name) || name.Length > _limits.MaxStringLength)
                {
                    Declaration(DiagnosticCode.InvalidName, $"rule {i} needs a name of 1 to {_limits.MaxStringLength} characters", $"rules[{i}]", Shorten(name));
                }
                else if (!ruleNames.Add(name))
                {
                    Declaration(DiagnosticCode.DuplicateName, $"rule name '{name}' is used twice", $"rules[{i}]", name);
                }
            }
        }

        private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";

        private List<ParsedRule> ParseExpressions()
        {
            var result = new List<ParsedRule>(ruleSet.Rules.Count);
            for (var i = 0; i < ruleSet.Rules.Count; i++)
            {
                var rule = ruleSet.Rules[i];
                ParsedExpression? when = null;
                if (rule.When is not null) when = ParseOne(rule.When, $"rules[{i}].when");
                var sets = new List<(Assignment, ParsedExpression?)>();
                foreach (var a in rule.Assignments) sets.Add((a, ParseOne(a.Expression, $"rules[{i}].set.{a.Variable}")));
                result.Add(new ParsedRule(i, rule, when, sets));
            }
            return result;
        }

        private ParsedExpression? ParseOne(string text, string location)
        {
            var parsed = ExpressionParser.Parse(text, _limits);
            if (parsed.Error is not null)
            {
                InExpression(parsed.Error, location);
                return null;
            }
            return new ParsedExpression(text, location, parsed.Syntax!);
        }

        private IEnumerable<string> CollectStrings(List<ParsedRule> parsed)
        {
            var strings = new List<string> { string.Empty }; // the empty string is a symbol so default rows encode without growing
            foreach (var p in ruleSet.Parameters)
            {
                if (p.Value.Type == ScalarType.String) strings.Add(p.Value.AsString);
            }
            foreach (var t in ruleSet.Tables)
            {
                if (t.KeyType != ScalarType.String) continue;
                foreach (var e in t.Entries)
                {
                    if (e.Key.Type == ScalarType.String) strings.Add(e.Key.AsString);
                }
            }
            var stack = new Stack<SyntaxNode>();
            foreach (var rule in parsed)
            {
                if (rule.When is not null) stack.Push(rule.When.Syntax);
                foreach (var (_, e) in rule.Sets)
                {
                    if (e is not null) stack.Push(e.Syntax);
                }
            }
            while (stack.Count > 0)
            {
                switch (stack.Pop())
                {
                    case LiteralSyntax { Value.Type: ScalarType.String } l: strings.Add(l.Value.AsString); break;
                    case UnarySyntax u: stack.Push(u.Operand); break;
                    case BinarySyntax b: stack.Push(b.Left); stack.Push(b.Right); break;
                    case ConditionalSyntax c: stack.Push(c.Condition); stack.Push(c.WhenTrue); stack.Push(c.WhenFalse); break;
                    case CallSyntax call: foreach (var a in call.Arguments) stack.Push(a); break;
                    case IndexSyntax index: stack.Push(index.Key); break;
                    case InSyntax @in: stack.Push(@in.Value); foreach (var item in @in.Items) stack.Push(item); break;
                }
            }
            return strings;
        }

        private List<IrTable> BuildTables(SymbolTable symbols, TypeScope scope)
        {
            var tables = new List<IrTable>();
            foreach (var t in ruleSet.Tables)
            {
                var location = $"tables.{t.Name}";
                if (t.KeyType is not (ScalarType.Int or ScalarType.String))
                {
                    Declaration(DiagnosticCode.InvalidTable, $"table '{t.Name}' has {t.KeyType.ToName()} keys; keys must be int or string", location, t.Name);
                    continue;
                }
                var pairs = new Dictionary<long, double>();
                var ok = true;
                foreach (var (key, value) in t.Entries)
                {
                    if (key.Type != t.KeyType)
                    {
                        Declaration(DiagnosticCode.InvalidTable, $"table '{t.Name}' has {t.KeyType.ToName()} keys, but key {key} is {key.Type.ToName()}", location, key.ToString());
                        ok = false;
                        continue;
                    }
                    if (!double.IsFinite(value))
                    {
                        Declaration(DiagnosticCode.InvalidTable, $"table '{t.Name}' maps key {key} to a value that is not a finite number", location, key.ToString());
                        ok = false;
                    }
                    var k = key.Type == ScalarType.Int ? key.AsInt : symbols.GetId(key.AsString);
                    if (!pairs.TryAdd(k, value))
                    {
                        Declaration(DiagnosticCode.InvalidTable, $"table '{t.Name}' has key {key} twice", location, key.ToString());
                        ok = false;
                    }
                }
                if (t.Default is { } d && !double.IsFinite(d))
                {
                    Declaration(DiagnosticCode.InvalidTable, $"the default of table '{t.Name}' is not a finite number", location, t.Name);
                    ok = false;
                }
                if (!ok) continue;
                var keys = pairs.Keys.Order().ToArray();
                var table = new IrTable(tables.Count, t.Name, ToIr(t.KeyType), keys, keys.Select(k => pairs[k]).ToArray(), t.Default);
                tables.Add(table);
                scope.Tables.TryAdd(t.Name, table);
            }
            return tables;
        }

        private List<IrTier> BuildTiers(TypeScope scope)
        {
            var tiers = new List<IrTier>();
            foreach (var t in ruleSet.Tiers)
            {
                var location = $"tiers.{t.Name}";
                var steps = t.Steps.OrderBy(s => s.Key).ToArray();
                string? problem = null;
                if (steps.Length == 0) problem = $"tier table '{t.Name}' has no steps";
                else if (steps.Any(s => !double.IsFinite(s.Key) || !double.IsFinite(s.Value))) problem = $"tier table '{t.Name}' has a threshold or value that is not a finite number";
                else if (t.Default is { } d && !double.IsFinite(d)) problem = $"the default of tier table '{t.Name}' is not a finite number";
                else
                {
                    for (var i = 1; i < steps.Length && problem is null; i++)
                    {
                        if (steps[i - 1].Key == steps[i].Key) problem = $"tier table '{t.Name}' has threshold {ScalarValue.FormatDouble(steps[i].Key)} twice";
                    }
                }
                if (problem is not null)
                {
                    Declaration(DiagnosticCode.InvalidTable, problem, location, t.Name);
                    continue;
                }
                // -0.0 and 0.0 are one threshold (checked above); store +0.0 so every backend compares alike
                var tier = new IrTier(tiers.Count, t.Name, steps.Select(s => s.Key == 0 ? 0.0 : s.Key).ToArray(), steps.Select(s => s.Value).ToArray(), t.Default);
                tiers.Add(tier);
                scope.Tiers.TryAdd(t.Name, tier);
            }
            return tiers;
        }

        private List<IrRule> LowerRules(List<ParsedRule> parsed, TypeScope scope, List<IrVariable> variables)
        {
            var rules = new List<IrRule>(parsed.Count);
            foreach (var rule in parsed)
            {
                foreach (var (assignment, _) in rule.Sets) scope.FirstAssignedBy.TryAdd(assignment.Variable, rule.Rule.Name);
            }
            foreach (var rule in parsed)
            {
                scope.AssignedInRule.Clear();
                IrExpression? condition = null;
                if (rule.When is not null)
                {
                    condition = Lower(rule.When, scope);
                    if (condition is not null && condition.Type != IrType.Bool)
                    {
                        InExpression(new Diagnostic(DiagnosticCode.TypeMismatch, $"the condition of rule '{rule.Rule.Name}' must be bool, but it is {TypeChecker.TypeName(condition.Type)}", string.Empty, 1, 1, Shorten(rule.When.Text)), rule.When.Location);
                        condition = null;
                    }
                }
                var assignments = new List<IrAssignment>();
                foreach (var (assignment, expression) in rule.Sets)
                {
                    var location = $"rules[{rule.Index}].set.{assignment.Variable}";
                    var name = assignment.Variable;
                    if (!IsValidName(name, _limits.MaxStringLength))
                    {
                        Declaration(DiagnosticCode.InvalidName, $"variable name '{Shorten(name)}' is not a valid name", location, Shorten(name));
                        continue;
                    }
                    if (scope.IsDeclared(name))
                    {
                        Declaration(DiagnosticCode.InvalidAssignment, $"'{name}' is an input, parameter or table and cannot be assigned", location, name);
                        continue;
                    }
                    if (expression is null) continue;
                    var value = Lower(expression, scope);
                    if (value is null) continue;
                    var isOutput = _outputNames.Contains(name);
                    if (isOutput && value.Type is not (IrType.Int or IrType.Double))
                    {
                        InExpression(new Diagnostic(DiagnosticCode.InvalidOutput, $"the output '{name}' must be a number, but this assigns a {TypeChecker.TypeName(value.Type)}", string.Empty, 1, 1, Shorten(expression.Text)), location);
                        continue;
                    }
                    if (!scope.Variables.TryGetValue(name, out var variable))
                    {
                        variable = new IrVariable(variables.Count, name, isOutput ? IrType.Double : value.Type);
                        variables.Add(variable);
                        scope.Variables.Add(name, variable);
                    }
                    if (variable.Type == IrType.Double && value.Type == IrType.Int) value = Fold(new IrUnary(IrUnaryOp.IntToDouble, value, IrType.Double, value.Span));
                    if (variable.Type != value.Type)
                    {
                        InExpression(new Diagnostic(DiagnosticCode.InvalidAssignment, $"variable '{name}' is {TypeChecker.TypeName(variable.Type)}, but this assigns a {TypeChecker.TypeName(value.Type)}", string.Empty, 1, 1, Shorten(expression.Text)), location);
                        continue;
                    }
                    assignments.Add(new IrAssignment(variable, value));
                    scope.AssignedInRule.Add(name);
                }
                foreach (var name in scope.AssignedInRule)
                {
                    if (condition is null && rule.When is null) scope.Assigned.Add(name);
                    else if (!scope.Assigned.Contains(name)) scope.ConditionallyAssignedBy.TryAdd(name, rule.Rule.Name);
                }
                rules.Add(new IrRule(rules.Count, rule.Rule.Name, condition, assignments));
            }
            return rules;
        }

        private IrExpression? Lower(ParsedExpression expression, TypeScope scope)
        {
            if (_nodeLimitReached) return null;
            var (ir, error) = TypeChecker.Lower(expression.Syntax, expression.Text, scope, _limits);
            if (error is not null)
            {
                // past the node limit every later expression would fail the same way: say it once
                _nodeLimitReached = error.Code == DiagnosticCode.LimitExceeded;
                InExpression(error, expression.Location);
                return null;
            }
            return Fold(ir!);
        }

        private IrExpression Fold(IrExpression e) => options.FoldConstants ? ConstantFolder.Fold(e) : e;

        /// <summary>Where a diagnostic about the outputs as a whole goes: the member the document used.</summary>
        private string OutputsLocation => ruleSet.HasSinglePointsOutput ? "output" : "outputs";

        /// <summary>Where a diagnostic about one output goes: <c>output</c> in the one-points-output form, else <c>outputs.name</c>.</summary>
        private string OutputLocation(RuleOutput output) => ruleSet.HasSinglePointsOutput ? "output" : $"outputs.{output.Name}";

        private List<IrOutput>? CheckOutputs(TypeScope scope)
        {
            // "not assigned on every path" follows from most earlier errors (a rule that failed to compile assigns
            // nothing): report it only when it is the whole story
            var cleanSoFar = Diagnostics.Count == 0;
            var outputs = new List<IrOutput>(ruleSet.Outputs.Count);
            var ok = true;
            foreach (var o in ruleSet.Outputs)
            {
                var location = OutputLocation(o);
                var name = o.Name;
                if (string.IsNullOrEmpty(name))
                {
                    Declaration(DiagnosticCode.InvalidOutput, "the rule set does not name its output variable", location, string.Empty);
                    ok = false;
                    continue;
                }
                if (scope.IsDeclared(name))
                {
                    Declaration(DiagnosticCode.InvalidOutput, $"the output '{name}' must be a variable assigned by the rules, not an input, parameter or table", location, name);
                    ok = false;
                    continue;
                }
                if (!scope.Variables.TryGetValue(name, out var variable) || !scope.Assigned.Contains(name))
                {
                    var why = scope.ConditionallyAssignedBy.TryGetValue(name, out var rule)
                        ? $"only rule '{rule}' assigns it, and only when its condition holds; assign it in a rule without 'when' first"
                        : "no rule assigns it";
                    if (cleanSoFar) Declaration(DiagnosticCode.InvalidOutput, $"the output '{name}' is not assigned on every path: {why}", location, name);
                    ok = false;
                    continue;
                }
                outputs.Add(new IrOutput(outputs.Count, name, variable, o.Type));
            }
            return ok ? outputs : null;
        }

        private static IrType ToIr(ScalarType type) => type switch
        {
            ScalarType.Bool => IrType.Bool,
            ScalarType.Int => IrType.Int,
            ScalarType.Double => IrType.Double,
            _ => IrType.Symbol,
        };
    }

    private sealed record ParsedExpression(string Text, string Location, SyntaxNode Syntax);

    private sealed record ParsedRule(int Index, Rule Rule, ParsedExpression? When, List<(Assignment Assignment, ParsedExpression? Expression)> Sets);
}
