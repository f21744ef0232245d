namespace Scoring.Sdk.Tests.Ledger.Postgres;

/// <summary>
/// A fact that needs a real PostgreSQL server: skipped where the binaries are missing, unless
/// <c>SCORING_REQUIRE_POSTGRES=1</c> (CI), where it runs and fails with the reason.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.Missing is { } why && !PostgresServer.Required)
            Skip = why + $"; set {PostgresServer.RequireVariable}=1 to fail instead of skipping.";
    }
}

/// <summary>A theory that needs a real PostgreSQL server; skipped like <see cref="PostgresFactAttribute"/>.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresServer.Missing is { } why && !PostgresServer.Required)
            Skip = why + $"; set {PostgresServer.RequireVariable}=1 to fail instead of skipping.";
    }
}
