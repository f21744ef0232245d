namespace Scoring.Evaluation.Batch;

/// <summary>
/// A <see cref="RuleProgram"/> lowered to a straight line of vector <see cref="SimdInstruction"/>s over registers.
/// Every IR node becomes one or two instructions that process a whole chunk of rows, so interpretation costs one
/// virtual call per node per 1024 rows and the work is tight vector loops.
/// </summary>
/// <remarks>
/// Control flow becomes data flow: both branches of <c>c ? a : b</c> and both operands of <c>&amp;&amp;</c>/<c>||</c>
/// are computed for every row and combined with selects. What makes that exact is the <em>active mask</em> each
/// node is compiled under — the rows in which the scalar reference would actually evaluate it (the rule fired, the
/// branch was taken, the left operand did not decide). Only error-raising nodes (division, remainder, lookups
/// without default) consult it, and only active rows without an earlier error record theirs, so a row's error is the
/// first one in the scalar evaluation order. Assignments write only rows where their rule fired.
/// </remarks>
internal sealed class SimdPlan
{
    private const int AllRows = -1;

    private readonly RuleProgram _program;
    private readonly List<SimdInstruction> _prologue = [];
    private readonly List<SimdInstruction> _code = [];
    private readonly Stack<int> _freeDoubles = new();
    private readonly Stack<int> _freeLongs = new();
    private readonly Dictionary<long, int> _doubleConstantRegisters = [];
    private readonly Dictionary<long, int> _longConstantRegisters = [];
    private readonly Dictionary<int, SimdOperand> _widenedInputs = [];
    private readonly Dictionary<IrExpression, bool> _canFail = new(ReferenceEqualityComparer.Instance);
    private readonly SimdOperand[] _slots;
    private readonly List<(int, double)> _doubleConstants = [];
    private readonly List<(int, long)> _longConstants = [];
    private readonly HashSet<SimdOperand> _temporaries = [];

    private SimdPlan(RuleProgram program)
    {
        _program = program;
        InputCount = program.Inputs.Count;
        _slots = program.Variables.Select(v => v.Type == IrType.Double ? NewDouble() : NewLong()).ToArray();
    }

    public int InputCount { get; }

    public int DoubleRegisterCount { get; private set; }

    public int LongRegisterCount { get; private set; }

    public IReadOnlyList<(int Register, double Value)> DoubleConstants => _doubleConstants;

    public IReadOnlyList<(int Register, long Value)> LongConstants => _longConstants;

    public SimdInstruction[] Instructions { get; private set; } = [];

    public static SimdPlan Create(RuleProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var plan = new SimdPlan(program);
        plan.Build();
        return plan;
    }

    private void Build()
    {
        foreach (var rule in _program.Rules)
        {
            var active = AllRows;
            SimdOperand? condition = null;
            if (rule.Condition is not null)
            {
                condition = Compile(rule.Condition, AllRows);
                active = condition.Value.Index;
            }
            foreach (var assignment in rule.Assignments)
            {
                var value = Compile(assignment.Value, active);
                var slot = _slots[assignment.Target.Slot];
                _code.Add(slot.IsDouble ? new AssignInstruction<double>(value, slot, active) : new AssignInstruction<long>(value, slot, active));
                Release(value);
            }
            if (condition is { } c) Release(c);
        }
        _code.Add(new OutputInstruction(_slots[_program.Output.Slot]));
        Instructions = [.. _prologue, .. _code];
    }

    /// <summary>Emits code computing <paramref name="e"/> for every row; <paramref name="active"/> masks its errors.</summary>
    private SimdOperand Compile(IrExpression e, int active)
    {
        switch (e)
        {
            case IrConstant c:
                return c.Type == IrType.Double ? DoubleConstant(c.DoubleValue)
                    : LongConstant(c.Type switch { IrType.Int => c.IntValue, IrType.Bool => c.BoolValue ? -1L : 0L, _ => c.SymbolValue });
            case IrInputRead r:
                return Input(r.Input);
            case IrVariableRead v:
                return _slots[v.Variable.Slot];
            case IrUnary u:
                return Unary(u, active);
            case IrBinary b:
                return Binary(b, active);
            case IrConditional c:
                return Conditional(c, active);
            case IrMembership m:
            {
                var x = Compile(m.Value, active);
                var r = NewLongTemp();
                _code.Add(m.Value.Type == IrType.Double
                    ? new MembershipInstruction<double>(x, [.. m.DoubleItems], r)
                    : new MembershipInstruction<long>(x, [.. m.IntItems], r));
                Release(x);
                return r;
            }
            case IrTableLookup t:
            {
                var key = Compile(t.Key, active);
                var r = NewDoubleTemp();
                var scratch = NewLongTemp();
                _code.Add(t.Table.KeyType == IrType.Symbol
                    ? new SymbolTableInstruction(key, t.Table.ToDenseBySymbol(_program.Symbols.Count), t.Table.Default, r, scratch, active)
                    : new IntTableInstruction(key, [.. t.Table.Keys], [.. t.Table.Values], t.Table.Default, r, active));
                Release(scratch);
                Release(key);
                return r;
            }
            case IrTierLookup t:
            {
                var x = Compile(t.Value, active);
                var r = NewDoubleTemp();
                var scratch = NewLongTemp();
                _code.Add(new TierInstruction(x, [.. t.Tier.Thresholds], [.. t.Tier.Values], t.Tier.Default, r, scratch, active));
                Release(scratch);
                Release(x);
                return r;
            }
            default:
                throw new ArgumentException($"Unknown IR node {e.GetType().Name}.", nameof(e));
        }
    }

    private SimdOperand Unary(IrUnary u, int active)
    {
        var x = Compile(u.Operand, active);
        var r = u.Op == IrUnaryOp.Not ? NewLongTemp() : NewDoubleTemp();
        _code.Add(u.Op switch
        {
            IrUnaryOp.Negate => new UnaryInstruction<NegateOp, double, double>(x, r),
            IrUnaryOp.Abs => new UnaryInstruction<AbsOp, double, double>(x, r),
            IrUnaryOp.Floor => new UnaryInstruction<FloorOp, double, double>(x, r),
            IrUnaryOp.Ceiling => new UnaryInstruction<CeilingOp, double, double>(x, r),
            IrUnaryOp.IntToDouble => new UnaryInstruction<IntToDoubleOp, long, double>(x, r),
            IrUnaryOp.Not => new UnaryInstruction<NotOp, long, long>(x, r),
            _ => throw new ArgumentOutOfRangeException(nameof(u), u.Op, "Unknown unary operator."),
        });
        Release(x);
        return r;
    }

    private SimdOperand Binary(IrBinary b, int active)
    {
        if (b.Op is IrBinaryOp.And or IrBinaryOp.Or) return ShortCircuit(b, active);
        var left = Compile(b.Left, active);
        var right = Compile(b.Right, active);
        SimdOperand r;
        if (b.Type == IrType.Double)
        {
            r = NewDoubleTemp();
            _code.Add(b.Op switch
            {
                IrBinaryOp.Add => new BinaryInstruction<AddOp, double, double>(left, right, r),
                IrBinaryOp.Subtract => new BinaryInstruction<SubtractOp, double, double>(left, right, r),
                IrBinaryOp.Multiply => new BinaryInstruction<MultiplyOp, double, double>(left, right, r),
                IrBinaryOp.Divide => new BinaryInstruction<DivideOp, double, double>(left, right, r),
                IrBinaryOp.Remainder => new RemainderInstruction(left, right, r),
                IrBinaryOp.Min => new BinaryInstruction<MinOp, double, double>(left, right, r),
                IrBinaryOp.Max => new BinaryInstruction<MaxOp, double, double>(left, right, r),
                _ => throw new ArgumentOutOfRangeException(nameof(b), b.Op, "Unknown arithmetic operator."),
            });
            if (b.Op is IrBinaryOp.Divide or IrBinaryOp.Remainder && !(b.Right is IrConstant { DoubleValue: not 0.0 }))
            {
                // checked after both operands, like the scalar reference
                var scratch = NewLongTemp();
                _code.Add(new ZeroDivisorInstruction(right, scratch, active));
                Release(scratch);
            }
        }
        else
        {
            r = NewLongTemp();
            _code.Add(b.Left.Type == IrType.Double ? CompareDoubles(b.Op, left, right, r) : CompareLongs(b.Op, left, right, r));
        }
        Release(left);
        Release(right);
        return r;
    }

    private static SimdInstruction CompareDoubles(IrBinaryOp op, SimdOperand a, SimdOperand b, SimdOperand r) => op switch
    {
        IrBinaryOp.Equal => new BinaryInstruction<EqualOp, double, long>(a, b, r),
        IrBinaryOp.NotEqual => new BinaryInstruction<NotEqualOp, double, long>(a, b, r),
        IrBinaryOp.Less => new BinaryInstruction<LessOp, double, long>(a, b, r),
        IrBinaryOp.LessOrEqual => new BinaryInstruction<LessOrEqualOp, double, long>(a, b, r),
        IrBinaryOp.Greater => new BinaryInstruction<GreaterOp, double, long>(a, b, r),
        IrBinaryOp.GreaterOrEqual => new BinaryInstruction<GreaterOrEqualOp, double, long>(a, b, r),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown comparison."),
    };

    // Int, Symbol and Bool (masks 0/-1) all compare as 64-bit integers.
    private static SimdInstruction CompareLongs(IrBinaryOp op, SimdOperand a, SimdOperand b, SimdOperand r) => op switch
    {
        IrBinaryOp.Equal => new BinaryInstruction<EqualOp, long, long>(a, b, r),
        IrBinaryOp.NotEqual => new BinaryInstruction<NotEqualOp, long, long>(a, b, r),
        IrBinaryOp.Less => new BinaryInstruction<LessOp, long, long>(a, b, r),
        IrBinaryOp.LessOrEqual => new BinaryInstruction<LessOrEqualOp, long, long>(a, b, r),
        IrBinaryOp.Greater => new BinaryInstruction<GreaterOp, long, long>(a, b, r),
        IrBinaryOp.GreaterOrEqual => new BinaryInstruction<GreaterOrEqualOp, long, long>(a, b, r),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown comparison."),
    };

    private SimdOperand ShortCircuit(IrBinary b, int active)
    {
        var left = Compile(b.Left, active);
        var rightActive = AllRows;
        SimdOperand? mask = null;
        if (CanFail(b.Right))
        {
            // the right operand runs only where the left did not decide: left true for &&, left false for ||
            mask = NewLongTemp();
            _code.Add(b.Op == IrBinaryOp.And
                ? (active == AllRows ? new AssignInstruction<long>(left, mask.Value, AllRows) : new BinaryInstruction<AndOp, long, long>(Mask(active), left, mask.Value))
                : (active == AllRows ? new UnaryInstruction<NotOp, long, long>(left, mask.Value) : new BinaryInstruction<AndNotOp, long, long>(Mask(active), left, mask.Value)));
            rightActive = mask.Value.Index;
        }
        var right = Compile(b.Right, rightActive);
        var r = NewLongTemp();
        _code.Add(b.Op == IrBinaryOp.And ? new BinaryInstruction<AndOp, long, long>(left, right, r) : new BinaryInstruction<OrOp, long, long>(left, right, r));
        if (mask is { } m) Release(m);
        Release(left);
        Release(right);
        return r;
    }

    private SimdOperand Conditional(IrConditional c, int active)
    {
        var condition = Compile(c.Condition, active);
        var whenTrue = Branch(c.WhenTrue, active, condition, taken: true);
        var whenFalse = Branch(c.WhenFalse, active, condition, taken: false);
        var r = c.Type == IrType.Double ? NewDoubleTemp() : NewLongTemp();
        _code.Add(c.Type == IrType.Double
            ? new SelectInstruction<double>(condition, whenTrue, whenFalse, r)
            : new SelectInstruction<long>(condition, whenTrue, whenFalse, r));
        Release(condition);
        Release(whenTrue);
        Release(whenFalse);
        return r;
    }

    private SimdOperand Branch(IrExpression branch, int active, SimdOperand condition, bool taken)
    {
        if (!CanFail(branch)) return Compile(branch, AllRows);
        var mask = NewLongTemp();
        if (active == AllRows)
        {
            _code.Add(taken ? new AssignInstruction<long>(condition, mask, AllRows) : new UnaryInstruction<NotOp, long, long>(condition, mask));
        }
        else
        {
            _code.Add(taken ? new BinaryInstruction<AndOp, long, long>(Mask(active), condition, mask) : new BinaryInstruction<AndNotOp, long, long>(Mask(active), condition, mask));
        }
        var value = Compile(branch, mask.Index);
        Release(mask);
        return value;
    }

    /// <summary>Whether evaluating <paramref name="e"/> can raise an error (only then does it need an active mask).</summary>
    private bool CanFail(IrExpression e)
    {
        if (_canFail.TryGetValue(e, out var known)) return known;
        var result = e switch
        {
            IrBinary b => (IrSemantics.IsDivision(b.Op) && !(b.Right is IrConstant { DoubleValue: not 0.0 })) || CanFail(b.Left) || CanFail(b.Right),
            IrUnary u => CanFail(u.Operand),
            IrConditional c => CanFail(c.Condition) || CanFail(c.WhenTrue) || CanFail(c.WhenFalse),
            IrMembership m => CanFail(m.Value),
            IrTableLookup t => t.Table.Default is null || CanFail(t.Key),
            IrTierLookup t => t.Tier.Default is null || CanFail(t.Value),
            _ => false,
        };
        _canFail[e] = result;
        return result;
    }

    private SimdOperand Input(IrInput input)
    {
        switch (input.Type)
        {
            case IrType.Double:
                return new SimdOperand(SimdOperandKind.DoubleColumn, input.Index);
            case IrType.Int:
                return new SimdOperand(SimdOperandKind.LongColumn, input.Index);
            default:
                if (_widenedInputs.TryGetValue(input.Index, out var widened)) return widened;
                widened = NewLong();
                _prologue.Add(input.Type == IrType.Bool ? new BoolColumnInstruction(input.Index, widened) : new SymbolColumnInstruction(input.Index, widened));
                _widenedInputs.Add(input.Index, widened);
                return widened;
        }
    }

    private SimdOperand DoubleConstant(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        if (!_doubleConstantRegisters.TryGetValue(bits, out var register))
        {
            register = NewDouble().Index;
            _doubleConstantRegisters.Add(bits, register);
            _doubleConstants.Add((register, value));
        }
        return SimdOperand.DoubleRegister(register);
    }

    private SimdOperand LongConstant(long value)
    {
        if (!_longConstantRegisters.TryGetValue(value, out var register))
        {
            register = NewLong().Index;
            _longConstantRegisters.Add(value, register);
            _longConstants.Add((register, value));
        }
        return SimdOperand.LongRegister(register);
    }

    private static SimdOperand Mask(int register) => SimdOperand.LongRegister(register);

    // Permanent registers (slots, constants, widened inputs) are never released; temporaries are recycled.
    private SimdOperand NewDouble() => SimdOperand.DoubleRegister(DoubleRegisterCount++);

    private SimdOperand NewLong() => SimdOperand.LongRegister(LongRegisterCount++);

    private SimdOperand NewDoubleTemp() => Temporary(SimdOperand.DoubleRegister(_freeDoubles.Count > 0 ? _freeDoubles.Pop() : DoubleRegisterCount++));

    private SimdOperand NewLongTemp() => Temporary(SimdOperand.LongRegister(_freeLongs.Count > 0 ? _freeLongs.Pop() : LongRegisterCount++));

    private SimdOperand Temporary(SimdOperand register)
    {
        _temporaries.Add(register);
        return register;
    }

    /// <summary>Returns a temporary to the free list once its consumer has been emitted (results never alias operands).</summary>
    private void Release(SimdOperand operand)
    {
        if (!_temporaries.Remove(operand)) return;
        (operand.IsDouble ? _freeDoubles : _freeLongs).Push(operand.Index);
    }
}
