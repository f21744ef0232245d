using FsCheck;
using FsCheck.Fluent;
using Scoring.Evaluation;
using Scoring.RuleSets;

namespace Scoring.Evaluation.Batch.Testing;

/// <summary>A random well-typed rule program and a random batch of reports for it.</summary>
internal sealed record ProgramCase(RuleProgram Program, ReportBatch Batch, string Text)
{
    public override string ToString() => $"{Batch.Count} rows; {Text}";
}

/// <summary>
/// FsCheck generators of random well-typed IR programs (every operator, conditionals, short-circuit operators,
/// membership, symbol and int tables and tier tables with and without defaults, conditional rules, 1 to 3 outputs of
/// mixed points and double types) over a fixed input
/// schema, and random batches full of edge values (NaN, ±∞, ±0, subnormals, huge values, long extremes, unknown
/// strings) with sizes around the vector width, the SIMD kernel's step (3 vectors: 12 rows with 4 lanes) and OpenCL
/// work-group sizes.
/// Shared with the Gpu tests (linked source), so it uses only public API.
/// </summary>
internal static class RandomPrograms
{
    private static readonly string[] SymbolStrings = ["alpha", "beta", "gamma", "delta"];

    private static readonly double[] EdgeDoubles =
    [
        0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 0.1, 3.0, 7.0, 1e-6, 5e-7, 2.5e-6, 1e-7,
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon,
        2.2250738585072014e-308, 1e-310, double.MaxValue, double.MinValue, 1e300, -1e300, 9.2233720368547758e12,
        9.2233720368547748e12, -9.2233720368547758e12, 4503599627370496.5, 4503599627370497.0, 0.49999999999999994,
    ];

    private static readonly long[] EdgeLongs = [0, 1, -1, 2, 3, 7, 42, -42, long.MaxValue, long.MinValue, (1L << 53) + 1, -(1L << 53) - 1, 1L << 62];

    private static readonly IrInput[] Inputs =
    [
        new(0, "d0", IrType.Double), new(1, "d1", IrType.Double), new(2, "d2", IrType.Double),
        new(3, "i0", IrType.Int), new(4, "i1", IrType.Int), new(5, "b0", IrType.Bool), new(6, "s0", IrType.Symbol),
    ];

    /// <summary>Random programs with 1 to 3 outputs of random types (points, double) and random batches of 0 .. ~2600 rows.</summary>
    public static Arbitrary<ProgramCase> Cases() => Case(MaxRows).ToArbitrary();

    /// <summary>
    /// Random programs with the single points output every program had before outputs could be several or double,
    /// drawn exactly as then: the seeds recorded from failures of that generator (e.g. the PoCL replays in the Gpu
    /// tests) still replay the same programs.
    /// </summary>
    public static Arbitrary<ProgramCase> SinglePointsOutputCases() => SinglePointsOutputCase(MaxRows).ToArbitrary();

    private const int MaxRows = 2600;

    public static Gen<ProgramCase> Case(int maxRows) =>
        from shape in Shape()
        from rowCount in RowCount(maxRows)
        from seed in Gen.Choose(0, int.MaxValue)
        from outputCount in Gen.Choose(1, 3)
        from outputTypes in Gen.Elements(RuleOutputType.Points, RuleOutputType.Double).ArrayOf(outputCount)
        from program in Program(shape, outputTypes)
        select new ProgramCase(program, FillBatch(program, rowCount, seed), Describe(program));

    private static Gen<ProgramCase> SinglePointsOutputCase(int maxRows) =>
        from shape in Shape()
        from rowCount in RowCount(maxRows)
        from seed in Gen.Choose(0, int.MaxValue)
        from program in SinglePointsOutputProgram(shape)
        select new ProgramCase(program, FillBatch(program, rowCount, seed), Describe(program));

    /// <summary>Batch sizes that straddle vector widths, the SIMD kernel's step and common work-group sizes.</summary>
    public static Gen<int> RowCount(int maxRows) => Gen.OneOf(
        Gen.Elements(0, 1, 2, 3, 4, 5, 7, 8, 9, 11, 12, 13, 15, 17, 23, 24, 25, 63, 65, 255, 257, 1023, 1024, 1025, 2049).Where(n => n <= maxRows),
        Gen.Choose(0, maxRows));

    private sealed record ProgramShape(IrTable SymbolTable, IrTable IntTable, IrTier SmallTier, IrTier LargeTier, int DoubleVariables);

    private static Gen<ProgramShape> Shape() =>
        from symbolKeys in Gen.Elements(0L, 1L, 2L, 3L).ArrayOf().Select(k => k.Distinct().Order().ToArray())
        from symbolDefault in OptionalDefault()
        from intKeys in Gen.Elements(EdgeLongs).ArrayOf().Select(k => k.Distinct().Order().ToArray())
        from intDefault in OptionalDefault()
        from smallTier in Tier(0, Gen.Choose(1, 6))
        from largeTier in Tier(1, Gen.Choose(17, 40))
        from variables in Gen.Choose(1, 3)
        select new ProgramShape(
            new IrTable(0, "bySymbol", IrType.Symbol, symbolKeys, symbolKeys.Select(k => 0.5 + k).ToArray(), symbolDefault),
            new IrTable(1, "byInt", IrType.Int, intKeys, intKeys.Select((_, i) => i * 1.25 - 2).ToArray(), intDefault),
            smallTier,
            largeTier,
            variables);

    private static Gen<double?> OptionalDefault() => Gen.OneOf(Gen.Constant<double?>(null), Gen.Elements<double?>(0.0, -1.5, 3.25));

    private static Gen<IrTier> Tier(int index, Gen<int> count) =>
        from n in count
        from start in Gen.Elements(-10.0, 0.0, 0.5)
        from step in Gen.Elements(0.5, 1.0, 3.0)
        from fallback in OptionalDefault()
        select new IrTier(index, index == 0 ? "small" : "large", Enumerable.Range(0, n).Select(i => start + i * step).ToArray(), Enumerable.Range(0, n).Select(i => 1.0 + i / 8.0).ToArray(), fallback);

    /// <summary>
    /// Variables v0.., then one output variable o0.. per entry of <paramref name="outputTypes"/>: rule 0 assigns the
    /// variables, rule 1 every output, later rules (conditional or not) any of them.
    /// </summary>
    private static Gen<RuleProgram> Program(ProgramShape shape, RuleOutputType[] outputTypes)
    {
        var variables = Enumerable.Range(0, shape.DoubleVariables).Select(i => new IrVariable(i, "v" + i, IrType.Double)).ToArray();
        var outputVariables = outputTypes.Select((_, k) => new IrVariable(variables.Length + k, "o" + k, IrType.Double)).ToArray();
        var outputs = outputTypes.Select((type, k) => new IrOutput(k, outputVariables[k].Name, outputVariables[k], type)).ToArray();
        IrVariable[] all = [.. variables, .. outputVariables];
        var none = new ExpressionFactory(shape, []);
        var scoped = new ExpressionFactory(shape, variables);
        var everything = new ExpressionFactory(shape, all); // after rule 1 the outputs are assigned too, and may be read
        var first = Gen.CollectToArray(variables.Select(_ => none.Double(3)))
            .Select(values => new IrRule(0, "init", null, values.Select((v, i) => new IrAssignment(variables[i], v)).ToArray()));
        Gen<IrRule> Later(int index) =>
            from condition in Gen.OneOf(Gen.Constant<IrExpression?>(null), everything.Bool(3).Select(c => (IrExpression?)c))
            from targets in Gen.Elements(all).NonEmptyListOf()
            from values in Gen.CollectToArray(targets.Select(_ => everything.Double(4)))
            select new IrRule(index, "r" + index, condition, targets.Select((t, i) => new IrAssignment(t, values.ElementAt(i))).ToArray());
        return from init in first
               from setOutputs in Gen.CollectToArray(outputVariables.Select(_ => scoped.Double(4)))
               from laterCount in Gen.Choose(0, 3)
               from later in Gen.CollectToArray(Enumerable.Range(2, laterCount).Select(Later))
               select new RuleProgram(
                   Inputs,
                   new SymbolTable(SymbolStrings),
                   [shape.SymbolTable, shape.IntTable],
                   [shape.SmallTier, shape.LargeTier],
                   all,
                   [init, new IrRule(1, "outputs", null, setOutputs.Select((v, k) => new IrAssignment(outputVariables[k], v)).ToArray()), .. later],
                   outputs);
    }

    private static Gen<RuleProgram> SinglePointsOutputProgram(ProgramShape shape)
    {
        var variables = Enumerable.Range(0, shape.DoubleVariables).Select(i => new IrVariable(i, "v" + i, IrType.Double)).ToArray();
        var output = new IrVariable(variables.Length, "out", IrType.Double);
        IrVariable[] all = [.. variables, output];
        var none = new ExpressionFactory(shape, []);
        var scoped = new ExpressionFactory(shape, variables);
        // rule 0 assigns every variable unconditionally, so any later read is of an assigned slot
        var first = Gen.CollectToArray(variables.Select(_ => none.Double(3)))
            .Select(values => new IrRule(0, "init", null, values.Select((v, i) => new IrAssignment(variables[i], v)).ToArray()));
        Gen<IrRule> Later(int index) =>
            from condition in Gen.OneOf(Gen.Constant<IrExpression?>(null), scoped.Bool(3).Select(c => (IrExpression?)c))
            from targets in Gen.Elements(all).NonEmptyListOf()
            from values in Gen.CollectToArray(targets.Select(_ => scoped.Double(4)))
            select new IrRule(index, "r" + index, condition, targets.Select((t, i) => new IrAssignment(t, values.ElementAt(i))).ToArray());
        return from init in first
               from setOutput in scoped.Double(4)
               from laterCount in Gen.Choose(0, 3)
               from later in Gen.CollectToArray(Enumerable.Range(2, laterCount).Select(Later))
               select new RuleProgram(
                   Inputs,
                   new SymbolTable(SymbolStrings),
                   [shape.SymbolTable, shape.IntTable],
                   [shape.SmallTier, shape.LargeTier],
                   all,
                   [init, new IrRule(1, "output", null, [new IrAssignment(output, setOutput)]), .. later],
                   output);
    }

    /// <summary>Fills a batch for <paramref name="program"/> with edge values (deterministic in <paramref name="seed"/>).</summary>
    public static ReportBatch FillBatch(RuleProgram program, int rows, int seed)
    {
        var random = new Random(seed);
        var batch = new ReportBatch(program, rows);
        batch.SetCount(rows);
        for (var c = 0; c < program.Inputs.Count; c++)
        {
            switch (program.Inputs[c].Type)
            {
                case IrType.Double:
                    var d = batch.DoubleColumn(c);
                    for (var r = 0; r < rows; r++) d[r] = random.Next(3) == 0 ? (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 12)) : EdgeDoubles[random.Next(EdgeDoubles.Length)];
                    break;
                case IrType.Int:
                    var l = batch.IntColumn(c);
                    for (var r = 0; r < rows; r++) l[r] = random.Next(3) == 0 ? random.NextInt64(-100, 100) : EdgeLongs[random.Next(EdgeLongs.Length)];
                    break;
                case IrType.Bool:
                    var b = batch.BoolColumn(c);
                    for (var r = 0; r < rows; r++) b[r] = random.Next(2) == 0;
                    break;
                default:
                    var s = batch.SymbolColumn(c);
                    for (var r = 0; r < rows; r++) s[r] = batch.EncodeString(random.Next(6) switch { 4 => "unknown", 5 => "", var k => SymbolStrings[k] });
                    break;
            }
        }
        return batch;
    }

    private static string Describe(RuleProgram program) =>
        "outputs " + string.Join(", ", program.Outputs.Select(o => $"{o.Name}:{o.Type}")) + " | " + string.Join("; ", program.Rules.Select(r => $"{r.Name}: {(r.Condition is null ? "" : $"when {Print(r.Condition)} ")}{string.Join(", ", r.Assignments.Select(a => $"{a.Target.Name} = {Print(a.Value)}"))}"))
        + $" | tiers {program.Tiers[0].Thresholds.Count}/{program.Tiers[1].Thresholds.Count} defaults {program.Tables[0].Default?.ToString() ?? "-"},{program.Tables[1].Default?.ToString() ?? "-"},{program.Tiers[0].Default?.ToString() ?? "-"},{program.Tiers[1].Default?.ToString() ?? "-"}";

    /// <summary>A compact rendering of an IR expression for counterexample messages.</summary>
    public static string Print(IrExpression e) => e switch
    {
        IrConstant c => c.Type switch
        {
            IrType.Double => c.DoubleValue.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            IrType.Int => c.IntValue + "L",
            IrType.Bool => c.BoolValue ? "true" : "false",
            _ => "#" + c.SymbolValue,
        },
        IrInputRead r => r.Input.Name,
        IrVariableRead v => v.Variable.Name,
        IrUnary u => $"{u.Op}({Print(u.Operand)})",
        IrBinary b => $"({Print(b.Left)} {b.Op} {Print(b.Right)})",
        IrConditional c => $"({Print(c.Condition)} ? {Print(c.WhenTrue)} : {Print(c.WhenFalse)})",
        IrMembership m => $"({Print(m.Value)} in [{string.Join(",", m.Value.Type == IrType.Double ? m.DoubleItems.Select(x => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture)) : m.IntItems.Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture)))}])",
        IrTableLookup t => $"{t.Table.Name}[{Print(t.Key)}]",
        IrTierLookup t => $"tier({t.Tier.Name}, {Print(t.Value)})",
        _ => e.GetType().Name,
    };

    /// <summary>Generates typed expressions over the fixed inputs, the shape's tables, and readable variables.</summary>
    private sealed class ExpressionFactory(ProgramShape shape, IrVariable[] readable)
    {
        private static readonly IrBinaryOp[] Arithmetic = [IrBinaryOp.Add, IrBinaryOp.Subtract, IrBinaryOp.Multiply, IrBinaryOp.Divide, IrBinaryOp.Remainder, IrBinaryOp.Min, IrBinaryOp.Max];
        private static readonly IrBinaryOp[] Comparisons = [IrBinaryOp.Equal, IrBinaryOp.NotEqual, IrBinaryOp.Less, IrBinaryOp.LessOrEqual, IrBinaryOp.Greater, IrBinaryOp.GreaterOrEqual];
        private static readonly IrUnaryOp[] DoubleUnary = [IrUnaryOp.Negate, IrUnaryOp.Abs, IrUnaryOp.Floor, IrUnaryOp.Ceiling];

        public Gen<IrExpression> Double(int depth)
        {
            var leaves = new List<Gen<IrExpression>>
            {
                Gen.Elements(EdgeDoubles).Select(d => (IrExpression)IrConstant.Double(d)),
                Gen.Elements(Inputs[0], Inputs[1], Inputs[2]).Select(i => (IrExpression)new IrInputRead(i)),
            };
            if (readable.Length > 0) leaves.Add(Gen.Elements(readable).Select(v => (IrExpression)new IrVariableRead(v)));
            if (depth <= 0) return Gen.OneOf(leaves);
            var d = depth - 1;
            return Gen.Frequency(
                (3, Gen.OneOf(leaves)),
                (1, Int(d).Select(i => (IrExpression)new IrUnary(IrUnaryOp.IntToDouble, i, IrType.Double))),
                (2, Gen.Elements(DoubleUnary).Zip(Double(d)).Select(p => (IrExpression)new IrUnary(p.Item1, p.Item2, IrType.Double))),
                (5, from op in Gen.Elements(Arithmetic) from a in Double(d) from b in Double(d) select (IrExpression)new IrBinary(op, a, b, IrType.Double)),
                (2, from c in Bool(d) from a in Double(d) from b in Double(d) select (IrExpression)new IrConditional(c, a, b)),
                (1, Symbol(d).Select(k => (IrExpression)new IrTableLookup(shape.SymbolTable, k))),
                (1, Int(d).Select(k => (IrExpression)new IrTableLookup(shape.IntTable, k))),
                (2, from large in Gen.Elements(false, true) from x in Double(d) select (IrExpression)new IrTierLookup(large ? shape.LargeTier : shape.SmallTier, x)));
        }

        public Gen<IrExpression> Int(int depth)
        {
            var leaves = Gen.OneOf(
                Gen.Elements(EdgeLongs).Select(v => (IrExpression)IrConstant.Int(v)),
                Gen.Elements(Inputs[3], Inputs[4]).Select(i => (IrExpression)new IrInputRead(i)));
            if (depth <= 0) return leaves;
            return Gen.Frequency(
                (4, leaves),
                (1, from c in Bool(depth - 1) from a in Int(depth - 1) from b in Int(depth - 1) select (IrExpression)new IrConditional(c, a, b)));
        }

        public Gen<IrExpression> Symbol(int depth)
        {
            var leaves = Gen.OneOf(
                Gen.Choose(0, SymbolStrings.Length - 1).Select(v => (IrExpression)IrConstant.Symbol(v)),
                Gen.Constant((IrExpression)new IrInputRead(Inputs[6])));
            if (depth <= 0) return leaves;
            return Gen.Frequency(
                (4, leaves),
                (1, from c in Bool(depth - 1) from a in Symbol(depth - 1) from b in Symbol(depth - 1) select (IrExpression)new IrConditional(c, a, b)));
        }

        public Gen<IrExpression> Bool(int depth)
        {
            var leaves = Gen.OneOf(
                Gen.Elements(true, false).Select(b => (IrExpression)IrConstant.Bool(b)),
                Gen.Constant((IrExpression)new IrInputRead(Inputs[5])));
            if (depth <= 0) return leaves;
            var d = depth - 1;
            return Gen.Frequency(
                (2, leaves),
                (4, from op in Gen.Elements(Comparisons) from a in Double(d) from b in Double(d) select (IrExpression)new IrBinary(op, a, b, IrType.Bool)),
                (2, from op in Gen.Elements(Comparisons) from a in Int(d) from b in Int(d) select (IrExpression)new IrBinary(op, a, b, IrType.Bool)),
                (1, from op in Gen.Elements(IrBinaryOp.Equal, IrBinaryOp.NotEqual) from a in Symbol(d) from b in Symbol(d) select (IrExpression)new IrBinary(op, a, b, IrType.Bool)),
                (1, from op in Gen.Elements(IrBinaryOp.Equal, IrBinaryOp.NotEqual) from a in Bool(d) from b in Bool(d) select (IrExpression)new IrBinary(op, a, b, IrType.Bool)),
                (1, Bool(d).Select(b => (IrExpression)new IrUnary(IrUnaryOp.Not, b, IrType.Bool))),
                (3, from op in Gen.Elements(IrBinaryOp.And, IrBinaryOp.Or) from a in Bool(d) from b in Bool(d) select (IrExpression)new IrBinary(op, a, b, IrType.Bool)),
                (1, from c in Bool(d) from a in Bool(d) from b in Bool(d) select (IrExpression)new IrConditional(c, a, b)),
                (2, Membership(d)));
        }

        private Gen<IrExpression> Membership(int depth) => Gen.OneOf(
            from x in Double(depth)
            from n in Gen.Choose(0, 20)
            from items in Gen.Elements(EdgeDoubles.Where(v => !double.IsNaN(v)).ToArray()).ArrayOf(n)
            select (IrExpression)new IrMembership(x, [], items.Select(v => v == 0 ? 0.0 : v).Distinct().Order().ToArray()),
            from x in Int(depth)
            from n in Gen.Choose(0, 24)
            from items in Gen.Elements(EdgeLongs.Concat(Enumerable.Range(-30, 60).Select(i => (long)i)).ToArray()).ArrayOf(n)
            select (IrExpression)new IrMembership(x, items.Distinct().Order().ToArray(), []),
            from x in Symbol(depth)
            from items in Gen.Choose(0, 5).ArrayOf()
            select (IrExpression)new IrMembership(x, items.Select(i => (long)i).Distinct().Order().ToArray(), []));
    }
}
