using Scoring.Evaluation;
using Scoring.Reports;
using Scoring.RuleSets;
using Scoring.Schemes;
using Scoring.Sdk.Tests.Reports;

namespace Scoring.Sdk.Tests.Schemes;

public class SchemeRegistryTests
{
    private static readonly DateTimeOffset Y2026 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Schemes_are_found_by_name_report_type_and_rule_set()
    {
        var meter = new MeterScheme();
        var alarms = new Other("alarms", [MeterAlarmType.Instance], []);
        var registry = new SchemeRegistry([meter, alarms]);

        Assert.Equal([meter, alarms], registry.Schemes);
        Assert.Same(meter, registry.Get("meter"));
        Assert.True(registry.TryGet("alarms", out var found) && ReferenceEquals(found, alarms));
        Assert.False(registry.TryGet("gas", out _));
        Assert.Equal("unknown scheme 'gas'; registered schemes: meter, alarms", Assert.Throws<ArgumentException>(() => registry.Get("gas")).Message);
        Assert.Same(alarms, registry.OwnerOfReportType("alarm"));
        Assert.Null(registry.OwnerOfReportType("gas"));
        Assert.Same(meter, registry.OwnerOfRuleSet(MeterScheme.RuleSetId));
        Assert.Null(registry.OwnerOfRuleSet("gas-points"));
        Assert.Equal(["alarm", "meter"], registry.Decoder.Types.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([MeterScheme.Energy().ContentHash], registry.BuiltInRuleSets.Select(r => r.ContentHash));
    }

    [Fact]
    public void The_same_scheme_registered_twice_is_one_scheme()
    {
        var registry = new SchemeRegistry([new MeterScheme(), new MeterScheme()]);
        Assert.Single(registry.Schemes);
    }

    [Fact]
    public void Two_schemes_may_not_share_a_name_a_report_type_or_a_rule_set_and_the_message_names_both()
    {
        Assert.StartsWith("Two schemes are named 'meter' (MeterScheme and Other).",
            Assert.Throws<ArgumentException>(() => new SchemeRegistry([new MeterScheme(), new Other("meter", [], [])])).Message, StringComparison.Ordinal);
        Assert.StartsWith("Report type 'meter' is claimed by schemes 'meter' and 'copy'.",
            Assert.Throws<ArgumentException>(() => new SchemeRegistry([new MeterScheme(), new Other("copy", [MeterReadingType.Instance], [])])).Message, StringComparison.Ordinal);
        Assert.StartsWith("Rule set 'meter-energy' is shipped by schemes 'meter' and 'copy'.",
            Assert.Throws<ArgumentException>(() => new SchemeRegistry([new MeterScheme(), new Other("copy", [], [MeterScheme.Energy(2)])])).Message, StringComparison.Ordinal);
        Assert.StartsWith("Scheme name 'Gas Meter' is not valid",
            Assert.Throws<ArgumentException>(() => new SchemeRegistry([new Other("Gas Meter", [], [])])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Operator_documents_replace_every_built_in_version_of_their_id_and_may_form_a_history()
    {
        var builtIn = MeterScheme.Energy(1.0, "1");
        var twoVersions = new Other("meter", [MeterReadingType.Instance], [builtIn, MeterScheme.Energy(1.5, "2", Y2026)]);
        var registry = new SchemeRegistry([twoVersions]);
        Assert.Equal(["1", "2"], registry.CreateRuleSets().Versions(MeterScheme.RuleSetId).Select(v => v.RuleSet.Version));

        var early = RuleSetCompiler.CompileOrThrow(MeterScheme.Energy(3, "ops-1"));
        var later = RuleSetCompiler.CompileOrThrow(MeterScheme.Energy(4, "ops-2", Y2026.AddDays(1)));
        var ruleSets = registry.CreateRuleSets([early, later]);
        Assert.Equal(["ops-1", "ops-2"], ruleSets.Versions(MeterScheme.RuleSetId).Select(v => v.RuleSet.Version));
        Assert.Same(early, ruleSets.Resolve(MeterScheme.RuleSetId, Y2026.AddDays(1).AddTicks(-1)));
        Assert.Same(later, ruleSets.Resolve(MeterScheme.RuleSetId, Y2026.AddDays(1)));
    }

    [Fact]
    public void An_override_must_be_a_rule_set_some_scheme_uses_and_its_versions_must_not_start_together()
    {
        var registry = new SchemeRegistry([new MeterScheme()]);
        var stray = RuleSetCompiler.CompileOrThrow(new RuleSetBuilder("gas-points").Version(1).Input("kwh", ScalarType.Double)
            .Rule("p", r => r.Set("points", "kwh")).Output("points").Build());
        Assert.Equal("rule set id 'gas-points' is not used by any registered scheme (ids: meter-energy)",
            Assert.Throws<ArgumentException>(() => registry.CreateRuleSets([stray])).Message);
        var clash = Assert.Throws<ArgumentException>(() => registry.CreateRuleSets(
            [RuleSetCompiler.CompileOrThrow(MeterScheme.Energy(2, "a")), RuleSetCompiler.CompileOrThrow(MeterScheme.Energy(3, "b"))]));
        Assert.Contains("ambiguous", clash.Message, StringComparison.Ordinal);
    }

    /// <summary>A scheme whose name, report types and rule sets a test chooses: only ever registered, never scored.</summary>
    private sealed class Other(string name, IReadOnlyList<ReportType> types, IReadOnlyList<RuleSet> ruleSets) : PointsScheme
    {
        public override string Name => name;

        public override string Description => "A registration under test.";

        public override IReadOnlyList<ReportType> ReportTypes => types;

        public override IReadOnlyList<RuleSet> RuleSets => ruleSets;

        public override IReadOnlyList<Currency> Currencies => [new Currency(name, name, ["energy"])];

        public override SchemeScorer CreateScorer(SchemeContext context) =>
            throw new NotSupportedException("The registry tests never score.");

        public override IReadOnlyList<SchemeExplanation> Explain(Report report, SchemeContext context) =>
            throw new NotSupportedException("The registry tests never explain.");
    }
}
