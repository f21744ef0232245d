using FsCheck;

namespace Scoring.Durability.Tests.Properties;

/// <summary>
/// The FsCheck settings of the durability properties: 200 cases each, or SCORING_DURABILITY_CASES for a deeper run
/// (some bugs show up once in thousands of cases).
/// </summary>
internal static class PropertyConfig
{
    public const string CasesVariable = "SCORING_DURABILITY_CASES";

    public static Config Default { get; } = Config.QuickThrowOnFailure.WithMaxTest(
        int.TryParse(Environment.GetEnvironmentVariable(CasesVariable), out int cases) && cases > 0 ? cases : 200);
}
