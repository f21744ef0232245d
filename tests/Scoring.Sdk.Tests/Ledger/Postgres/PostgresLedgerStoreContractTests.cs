using System.Globalization;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Scoring.Ledger;
using Scoring.Ledger.Postgres;

namespace Scoring.Sdk.Tests.Ledger.Postgres;

/// <summary>
/// Runs every test of <see cref="LedgerStoreContract"/> against PostgreSQL. The contract's own [Fact]s cannot
/// be skipped at run time (xunit 2), so this theory enumerates them by reflection and runs each one as a case
/// of a <see cref="PostgresTheoryAttribute"/>: a machine without PostgreSQL skips them, CI fails them, and a test
/// added to the contract later is picked up here without a change.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLedgerStoreContractTests(PostgresServer server)
{
    private static int s_schemas;

    public static TheoryData<string, string> ContractTests()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in typeof(LedgerStoreContract).GetMethods(BindingFlags.Public | BindingFlags.Instance).OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            if (method.GetCustomAttribute<FactAttribute>() is null)
                continue;
            var rows = method.GetCustomAttributes<InlineDataAttribute>().SelectMany(a => a.GetData(method)).ToList();
            if (rows.Count == 0)
                data.Add(method.Name, "");
            foreach (var row in rows)
                data.Add(method.Name, string.Join("|", row.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
        }
        return data;
    }

    [PostgresTheory]
    [MemberData(nameof(ContractTests))]
    public async Task Contract_test(string test, string arguments)
    {
        string connectionString = await server.ConnectionStringAsync();
        var method = typeof(LedgerStoreContract).GetMethod(test)!;
        var parameters = method.GetParameters();
        object?[] values = arguments.Length == 0
            ? []
            : arguments.Split('|').Select((v, i) => Convert.ChangeType(v, parameters[i].ParameterType, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(parameters.Length, values.Length);
        var contract = new PostgresContract(connectionString);
        try
        {
            await (Task)method.Invoke(contract, BindingFlags.DoNotWrapExceptions, null, values, CultureInfo.InvariantCulture)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }

    /// <summary>The contract bound to a fresh schema per store (private: xunit does not discover it on its own).</summary>
    private sealed class PostgresContract(string connectionString) : LedgerStoreContract
    {
        protected override async Task<ILedgerStore> CreateAsync(TimeProvider time) => await PostgresLedgerStore.OpenAsync(
            new PostgresLedgerOptions { ConnectionString = connectionString, Schema = $"contract_{Interlocked.Increment(ref s_schemas)}" }, time);

        // Each case creates a schema on the server; fewer cases keep the suite quick while still exploring.
        protected override int PropertyRuns => 10;
    }
}
