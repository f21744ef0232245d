namespace Scoring.Sdk.Tests.Ledger.Postgres;

/// <summary>All PostgreSQL tests share one throwaway server (and do not run in parallel with each other).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL server";
}
