using FsCheck;
using FsCheck.Fluent;

namespace Scoring.Sdk.Tests.Amounts;


/// <summary>FsCheck properties: the invariants that make totals independent of order and backend.</summary>
public class PointsProperties
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(1000);

    /// <summary>Amounts from the whole range, biased towards the edges where overflow lives.</summary>
    private static readonly Arbitrary<Points> AnyPoints = Gen.OneOf(
            ArbMap.Default.GeneratorFor<long>(),
            Gen.Elements(long.MaxValue, long.MinValue, long.MaxValue - 1, long.MinValue + 1, 0L, 1L, -1L),
            Gen.Choose(-1_000_000, 1_000_000).Select(x => (long)x),
            Gen.Choose(0, int.MaxValue).Select(x => long.MaxValue - x),
            Gen.Choose(0, int.MaxValue).Select(x => long.MinValue + x))
        .Select(Points.FromUnits)
        .ToArbitrary();

    private static readonly Gen<Points> SmallPointsGen =
        Gen.Choose(-1_000_000_000, 1_000_000_000).Select(x => Points.FromUnits(x * 1_000L));

    private static readonly Arbitrary<Points> SmallPoints = SmallPointsGen.ToArbitrary();

    [Fact]
    public void Addition_is_commutative_and_detects_every_overflow()
    {
        Check.One(Config, Prop.ForAll(AnyPoints, AnyPoints, (a, b) =>
        {
            var exact = (Int128)a.Units + b.Units;
            bool fits = exact >= long.MinValue && exact <= long.MaxValue;
            var ab = Try(() => a + b);
            var ba = Try(() => b + a);
            return fits
                ? ab == Points.FromUnits((long)exact) && ba == ab
                : ab is null && ba is null;
        }));
    }

    [Fact]
    public void Subtraction_and_negation_detect_every_overflow()
    {
        Check.One(Config, Prop.ForAll(AnyPoints, AnyPoints, (a, b) =>
        {
            var exact = (Int128)a.Units - b.Units;
            bool fits = exact >= long.MinValue && exact <= long.MaxValue;
            var difference = Try(() => a - b);
            var negated = Try(() => -a);
            bool negationFits = a.Units != long.MinValue;
            return (fits ? difference == Points.FromUnits((long)exact) : difference is null)
                && (negationFits ? negated == Points.FromUnits(-a.Units) : negated is null);
        }));
    }

    [Fact]
    public void Multiplication_by_an_integer_detects_every_overflow()
    {
        var factors = Gen.OneOf(
            ArbMap.Default.GeneratorFor<long>(),
            Gen.Choose(-1000, 1000).Select(x => (long)x),
            Gen.Elements(long.MinValue, long.MaxValue, -1L, 0L, 1L, 2L)).ToArbitrary();
        Check.One(Config, Prop.ForAll(AnyPoints, factors, (a, k) =>
        {
            var exact = (Int128)a.Units * k;
            bool fits = exact >= long.MinValue && exact <= long.MaxValue;
            var product = Try(() => a * k);
            return fits ? product == Points.FromUnits((long)exact) : product is null;
        }));
    }

    [Fact]
    public void Sums_are_associative_and_independent_of_order()
    {
        Check.One(Config, Prop.ForAll(SmallPointsGen.ArrayOf().ToArbitrary(), values =>
        {
            var forward = Points.Sum(values);
            var backward = Points.Sum(values.Reverse());
            var shuffled = Points.Sum(values.OrderBy(v => v.Units.GetHashCode() ^ 0x5bd1e995));
            var pairwise = values.Chunk(3).Select(Points.Sum).Aggregate(Points.Zero, (x, y) => x + y);
            return forward == backward && forward == shuffled && forward == pairwise
                && forward.Units == values.Sum(v => v.Units);
        }));
        Check.One(Config, Prop.ForAll(SmallPoints, SmallPoints, SmallPoints, (a, b, c) => (a + b) + c == a + (b + c)));
    }

    [Fact]
    public void Format_then_parse_round_trips_exactly()
    {
        Check.One(Config, Prop.ForAll(AnyPoints, p =>
            Points.Parse(p.ToString()) == p
            && System.Text.Json.JsonSerializer.Deserialize<Points>(System.Text.Json.JsonSerializer.Serialize(p)) == p));
    }

    [Fact]
    public void FromDouble_is_round_half_to_even_of_the_scaled_double()
    {
        var doubles = Gen.OneOf(
            ArbMap.Default.GeneratorFor<double>(),
            Gen.Choose(-2_000_000, 2_000_000).Select(x => (x + 0.5) / 1e6),
            Gen.Choose(int.MinValue, int.MaxValue).Select(x => x / 1e3)).ToArbitrary();
        Check.One(Config, Prop.ForAll(doubles, d =>
        {
            double scaled = Math.Round(d * 1e6, MidpointRounding.ToEven);
            bool representable = scaled >= -9_223_372_036_854_775_808.0 && scaled < 9_223_372_036_854_775_808.0;
            return Points.TryFromDouble(d, out var p) ? representable && p.Units == (long)scaled : !representable;
        }));
    }

    private static Points? Try(Func<Points> operation)
    {
        try
        {
            return operation();
        }
        catch (PointsOverflowException)
        {
            return null;
        }
    }
}
