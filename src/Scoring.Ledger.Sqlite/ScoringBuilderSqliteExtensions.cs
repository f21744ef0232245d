using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scoring.Ledger;

namespace Scoring;

/// <summary>Offers the SQLite ledger to a host built with <c>AddScoring</c>.</summary>
public static class ScoringBuilderSqliteExtensions
{
    /// <summary>
    /// Offers the SQLite ledger without choosing it: <c>Scoring:Ledger:Store</c> <c>Sqlite</c> (the default) with
    /// <c>Scoring:Ledger:Path</c> then opens that file, so configuration decides between the stores a host offers.
    /// </summary>
    /// <param name="builder">The SDK's builder.</param>
    public static ScoringBuilder AddSqliteLedger(this ScoringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILedgerStoreProvider, SqliteLedgerStoreProvider>());
        return builder;
    }

    /// <summary>
    /// Uses the SQLite ledger file at <paramref name="path"/> (overrides <c>Scoring:Ledger:Store</c> and <c>Path</c>),
    /// created with its folder when missing and opened when the host starts (or on first use outside a host).
    /// </summary>
    /// <param name="builder">The SDK's builder.</param>
    /// <param name="path">The ledger file.</param>
    public static ScoringBuilder UseSqlite(this ScoringBuilder builder, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        builder.AddSqliteLedger().Services.Configure<LedgerOptions>(o =>
        {
            o.Store = LedgerStoreKind.Sqlite;
            o.Path = path;
        });
        return builder;
    }
}
