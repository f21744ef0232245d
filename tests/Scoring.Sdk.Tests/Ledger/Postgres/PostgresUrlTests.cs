using Npgsql;
using Scoring.Ledger;
using Scoring.Ledger.Postgres;

namespace Scoring.Sdk.Tests.Ledger.Postgres;

public sealed class PostgresUrlTests
{
    [Fact]
    public void A_full_url_becomes_a_connection_string_and_schema()
    {
        var options = PostgresUrl.Parse("postgres://ledger%40ops:p%3Ass%2Fw@db.example:6543/scoring%20prod?schema=epoch_7&sslmode=verify-full&application_name=worker-3");

        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        Assert.Equal(("db.example", 6543, "ledger@ops", "p:ss/w", "scoring prod"), (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database));
        Assert.Equal(SslMode.VerifyFull, builder.SslMode);
        Assert.Equal("worker-3", builder.ApplicationName);
        Assert.Equal("epoch_7", options.Schema);
    }

    [Fact]
    public void Defaults_are_port_5432_no_password_and_the_default_schema()
    {
        var options = PostgresUrl.Parse("postgresql://scoring@127.0.0.1/ledger");

        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        Assert.Equal((5432, null, "ledger"), (builder.Port, builder.Password, builder.Database));
        Assert.Equal(new PostgresLedgerOptions().Schema, options.Schema);
    }

    [Theory]
    [InlineData("mysql://u@h/db", "must start with postgres://")]
    [InlineData("postgres://h:5432/db", "names no user")]
    [InlineData("postgres://u@h:5432/", "names no database")]
    [InlineData("postgres://u@h:5432/a/b", "names no database")]
    [InlineData("postgres://u@h/db?schema=Bad-Name", "schema 'Bad-Name' is not valid")]
    [InlineData("postgres://u@h/db?sslmode=sometimes", "sslmode 'sometimes'")]
    [InlineData("postgres://u@h/db?pool=3", "unknown parameter 'pool'")]
    [InlineData("postgres://u@h/db#x", "no #fragment")]
    [InlineData("postgres://u@h:99999/db", "not a valid URL")]
    public void Bad_urls_are_rejected_with_the_reason(string url, string reason)
    {
        var error = Assert.Throws<FormatException>(() => PostgresUrl.Parse(url));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Messages_never_show_the_password()
    {
        var error = Assert.Throws<FormatException>(() => PostgresUrl.Parse("postgres://u:secret@h/db?pool=1"));
        Assert.DoesNotContain("secret", error.Message);
        Assert.Equal("postgres://u:***@h/db", PostgresUrl.Redact("postgres://u:secret@h/db"));
        Assert.Equal("postgres://u@h/db", PostgresUrl.Redact("postgres://u@h/db"));
    }

    [Theory]
    [InlineData("postgres://u@h/db", true)]
    [InlineData("POSTGRESQL://u@h/db", true)]
    [InlineData("ledger.db", false)]
    [InlineData("/var/lib/scoring/postgres.db", false)]
    public void Postgres_urls_are_told_apart_from_file_paths(string db, bool isUrl) =>
        Assert.Equal(isUrl, PostgresUrl.IsPostgresUrl(db));

    [Fact]
    public async Task The_factory_opens_sqlite_for_a_path_and_rejects_blank_addresses()
    {
        string folder = Directory.CreateTempSubdirectory("ledger-factory-").FullName;
        var ledgers = new LedgerStoreFactory([new SqliteLedgerStoreProvider(), new PostgresLedgerStoreProvider()]);
        try
        {
            await using (var store = await ledgers.OpenAsync(Path.Combine(folder, "l.db")))
                Assert.IsType<SqliteLedgerStore>(store);
            await Assert.ThrowsAsync<ArgumentException>(() => ledgers.OpenAsync(" "));
            await Assert.ThrowsAsync<FormatException>(() => ledgers.OpenAsync("postgres://nobody/"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("", "scoring_ledger", 5)]
    [InlineData("Host=127.0.0.1", "Public", 5)]
    [InlineData("Host=127.0.0.1", "scoring_ledger", -1)]
    public async Task Bad_options_are_rejected_before_connecting(string connectionString, string schema, int retries)
    {
        var options = new PostgresLedgerOptions { ConnectionString = connectionString, Schema = schema, Retries = retries };
        await Assert.ThrowsAsync<ArgumentException>(() => PostgresLedgerStore.OpenAsync(options));
    }
}
