using System.Reflection;
using System.Text;

namespace Scoring.PublicApi.Tests;

/// <summary>
/// The public-API contract: every package (each project under <c>src/</c>) exposes exactly the surface recorded in its
/// <c>src/&lt;package&gt;/PublicAPI.txt</c>. A change to the surface fails here with the diff until the baseline is
/// regenerated, so additions are deliberate and removals (breaking changes for consumers) are visible in review.
/// </summary>
public sealed class PublicApiBaselineTests
{
    /// <summary>Set to 1 to rewrite every baseline from the built assemblies instead of comparing.</summary>
    public const string UpdateVariable = "SCORING_UPDATE_PUBLIC_API";

    private const string UpdateCommand = UpdateVariable + "=1 dotnet test tests/Scoring.PublicApi.Tests";

    public static TheoryData<string> Packages => new(ShippedPackages.Names);

    [Theory]
    [MemberData(nameof(Packages))]
    public void The_public_api_matches_the_baseline(string package)
    {
        var assembly = ShippedPackages.Load(package);
        string baselinePath = ShippedPackages.BaselinePath(package);
        var actual = PublicSurface.Of(assembly);

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true",
                $"{UpdateVariable}=1 rewrites the baselines; CI compares them instead. Unset it.");
            File.WriteAllText(baselinePath, Header(package) + string.Join('\n', actual) + "\n");
            return;
        }

        Assert.True(File.Exists(baselinePath), $"{package} has no public-API baseline at {Relative(baselinePath)}. Create it with:\n  {UpdateCommand}");
        var expected = File.ReadAllLines(baselinePath).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var added = actual.Except(expected, StringComparer.Ordinal).ToList();
        var removed = expected.Except(actual, StringComparer.Ordinal).ToList();
        if (added.Count == 0 && removed.Count == 0)
            return;

        var message = new StringBuilder($"The public API of {package} differs from {Relative(baselinePath)}:\n");
        foreach (var line in added)
            message.Append("+ ").AppendLine(line);
        foreach (var line in removed)
            message.Append("- ").AppendLine(line);
        message.AppendLine("(+ public now but not in the baseline; - in the baseline but gone: a breaking change for consumers.)")
            .AppendLine("If the change is intended, regenerate every baseline and commit the diff with the change:")
            .Append("  ").AppendLine(UpdateCommand);
        Assert.Fail(message.ToString());
    }

    private static string Header(string package) =>
        $"# The public API of the {package} package, one line per type and member, checked by tests/Scoring.PublicApi.Tests.\n" +
        $"# Do not edit by hand: after an intended change, regenerate every baseline with\n#   {UpdateCommand}\n";

    private static string Relative(string path) => Path.GetRelativePath(ShippedPackages.Root, path);
}
