using Scoring.PublicApi.Tests.Fixtures;

namespace Scoring.PublicApi.Tests;

/// <summary>What the surface text shows, on small types whose every visible part is known (Fixtures/SurfaceFixtures.cs).</summary>
public sealed class PublicSurfaceTests
{
    private const string Ns = "Scoring.PublicApi.Tests.Fixtures";

    [Fact]
    public void A_class_shows_constructors_methods_operators_properties_and_constants_with_nullability_and_defaults()
    {
        Assert.Equal(
        [
            $"class {Ns}.Account : System.IComparable<{Ns}.Account>",
            $"{Ns}.Account.Account(string name, int? rank = null, System.Threading.CancellationToken token = default) -> void",
            $"{Ns}.Account.CompareTo({Ns}.Account? other) -> int",
            $"{Ns}.Account.Name.get -> string",
            $"{Ns}.Account.Note.get -> string?",
            $"{Ns}.Account.Note.init -> void",
            $"{Ns}.Account.TryFind(string key, out System.Collections.Generic.IReadOnlyList<string?>? found) -> bool",
            $"const {Ns}.Account.Limit = 3 -> int",
            $"override {Ns}.Account.Equals(object? obj) -> bool",
            $"override {Ns}.Account.GetHashCode() -> int",
            $"protected virtual {Ns}.Account.Describe(params string[] parts) -> string",
            $"static {Ns}.Account.op_Equality({Ns}.Account? left, {Ns}.Account? right) -> bool",
            $"static {Ns}.Account.op_Inequality({Ns}.Account? left, {Ns}.Account? right) -> bool",
        ],
        PublicSurface.Of([typeof(Account)]));
    }

    [Fact]
    public void Generic_types_show_variance_constraints_default_implementations_and_extension_methods()
    {
        Assert.Equal(
        [
            $"interface {Ns}.ISource<out T> where T : class",
            $"{Ns}.ISource<T>.Next() -> T?",
            $"virtual {Ns}.ISource<T>.Peek() -> T?",
            $"static class {Ns}.SourceExtensions",
            $"static {Ns}.SourceExtensions.Take<T>(this {Ns}.ISource<T> source, int count) -> System.Collections.Generic.List<T> where T : class, System.IComparable<T>, new()",
        ],
        PublicSurface.Of([typeof(ISource<>), typeof(SourceExtensions)]));
    }

    [Fact]
    public void Enums_records_and_the_obsolete_and_experimental_markers_are_shown_but_nothing_a_consumer_cannot_reach()
    {
#pragma warning disable SCORING999 // the fixture is experimental on purpose
        var types = new[] { typeof(Outcome), typeof(Sealed), typeof(Pair) };
#pragma warning restore SCORING999
        Assert.Equal(
        [
            $"enum {Ns}.Outcome : byte",
            $"{Ns}.Outcome.Accepted = 0",
            $"{Ns}.Outcome.Late = 2",
            $"sealed record {Ns}.Pair : System.IEquatable<{Ns}.Pair>",
            $"{Ns}.Pair.Deconstruct(out int Left, out int Right) -> void",
            $"{Ns}.Pair.Equals({Ns}.Pair? other) -> bool",
            $"{Ns}.Pair.Left.get -> int",
            $"{Ns}.Pair.Left.init -> void",
            $"{Ns}.Pair.Pair(int Left, int Right) -> void",
            $"{Ns}.Pair.Right.get -> int",
            $"{Ns}.Pair.Right.init -> void",
            $"override {Ns}.Pair.Equals(object? obj) -> bool",
            $"override {Ns}.Pair.GetHashCode() -> int",
            $"override {Ns}.Pair.ToString() -> string",
            $"static {Ns}.Pair.op_Equality({Ns}.Pair? left, {Ns}.Pair? right) -> bool",
            $"static {Ns}.Pair.op_Inequality({Ns}.Pair? left, {Ns}.Pair? right) -> bool",
            $"[Experimental(\"SCORING999\")] sealed class {Ns}.Sealed",
            $"{Ns}.Sealed.Sealed() -> void",
            $"[Obsolete] {Ns}.Sealed.Old() -> void",
        ],
        PublicSurface.Of(types));
    }
}
