using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scoring.Ledger;
using Scoring.Ledger.Postgres;

namespace Scoring;

/// <summary>Offers the PostgreSQL ledger to a host built with <c>AddScoring</c>.</summary>
public static class ScoringBuilderPostgresExtensions
{
    /// <summary>
    /// Offers the PostgreSQL ledger without choosing it: <c>Scoring:Ledger:Store</c> <c>Postgres</c> then opens the server
    /// of <c>Scoring:Ledger:ConnectionString</c>, or, without one, the <c>NpgsqlDataSource</c> registered in DI.
    /// </summary>
    /// <param name="builder">The SDK's builder.</param>
    public static ScoringBuilder AddPostgresLedger(this ScoringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILedgerStoreProvider, PostgresLedgerStoreProvider>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LedgerOptions>, PostgresServerValidator>());
        return builder;
    }

    /// <summary>
    /// Uses a PostgreSQL ledger (overrides <c>Scoring:Ledger</c>): the schema is created and migrated when the host starts
    /// (or on first use outside a host), and several workers may share it.
    /// </summary>
    /// <param name="builder">The SDK's builder.</param>
    /// <param name="connectionString">A <c>postgres://user[:password]@host[:port]/database</c> URL or an Npgsql connection string.</param>
    public static ScoringBuilder UsePostgres(this ScoringBuilder builder, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.AddPostgresLedger().Services.Configure<LedgerOptions>(o =>
        {
            o.Store = LedgerStoreKind.Postgres;
            o.ConnectionString = connectionString;
        });
        return builder;
    }

    /// <summary>
    /// Uses a PostgreSQL ledger on the <c>NpgsqlDataSource</c> the host registers in DI (its pooling, logging and tracing;
    /// the ledger's tables go in schema <c>scoring_ledger</c>), overriding <c>Scoring:Ledger</c>.
    /// </summary>
    /// <param name="builder">The SDK's builder.</param>
    public static ScoringBuilder UsePostgres(this ScoringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPostgresLedger().Services.Configure<LedgerOptions>(o =>
        {
            o.Store = LedgerStoreKind.Postgres;
            o.ConnectionString = null;
        });
        return builder;
    }

    /// <summary>Fails the start of a PostgreSQL ledger with neither a connection string nor a registered data source.</summary>
    private sealed class PostgresServerValidator(IEnumerable<ILedgerStoreProvider> providers) : IValidateOptions<LedgerOptions>
    {
        public ValidateOptionsResult Validate(string? name, LedgerOptions options) =>
            options.Store != LedgerStoreKind.Postgres || !string.IsNullOrWhiteSpace(options.ConnectionString)
                || providers.OfType<PostgresLedgerStoreProvider>().Any(p => p.HasDataSource)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(PostgresLedgerStoreProvider.MissingServer);
    }
}
