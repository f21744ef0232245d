using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Scoring.Sdk.Tests.Ledger.Postgres;

/// <summary>
/// A throwaway PostgreSQL server for tests: <c>initdb</c> into a temporary folder, <c>pg_ctl start</c> on
/// 127.0.0.1 with a free port, stopped and deleted on dispose. Started lazily, on the first test that needs it,
/// so skipped tests never touch it. As root the server runs as the <c>postgres</c> user (PostgreSQL refuses root).
/// Binaries come from <c>SCORING_PG_BIN</c>, else the newest <c>/usr/lib/postgresql/*/bin</c>, else PATH.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    /// <summary>Set to 1 (CI) to make missing PostgreSQL binaries a test failure instead of a skip.</summary>
    public const string RequireVariable = "SCORING_REQUIRE_POSTGRES";

    private const string User = "scoring";

    private readonly Lazy<Task<string>> _started;
    private string? _folder;
    private int _port;
    private int _databases;

    public PostgresServer() => _started = new Lazy<Task<string>>(StartAsync);

    /// <summary>The folder holding <c>initdb</c> and <c>pg_ctl</c>, or null when none was found.</summary>
    public static string? BinFolder { get; } = FindBinFolder();

    /// <summary>Whether tests must fail rather than skip when PostgreSQL is missing.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Why PostgreSQL tests cannot run here, or null when they can.</summary>
    public static string? Missing => BinFolder is null
        ? "PostgreSQL server binaries (initdb, pg_ctl) were not found: install Debian 'postgresql' (15+) or set SCORING_PG_BIN to their folder"
        : null;

    /// <summary>A connection string to the server's <c>postgres</c> database (starts the server on first use).</summary>
    public async Task<string> ConnectionStringAsync() => await _started.Value.ConfigureAwait(false);

    /// <summary>Creates a new, empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        string admin = await ConnectionStringAsync();
        string name = $"ledger_{Interlocked.Increment(ref _databases)}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>The URL form of a database's address on this server.</summary>
    public string Url(string database) => $"postgres://{User}@127.0.0.1:{_port}/{database}";

    private async Task<string> StartAsync()
    {
        if (Missing is { } why)
            throw new InvalidOperationException(why + (Required ? $" ({RequireVariable}=1 makes this a failure)." : "."));
        _folder = Directory.CreateTempSubdirectory("scoring-pg-").FullName;
        string data = Path.Combine(_folder, "data");
        bool root = Environment.UserName == "root";
        if (root)
        {
            // The server refuses to run as root; the folder must belong to the account that runs it.
            await RunAsync("chown", ["-R", "postgres:postgres", _folder], asPostgres: false);
        }
        await RunAsync(Path.Combine(BinFolder!, "initdb"),
            ["-D", data, "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], root);
        _port = FreePort();
        // fsync=off: a test server needs no crash safety (it is deleted afterwards), and commits stay cheap.
        string options = $"-c listen_addresses=127.0.0.1 -p {_port} -c unix_socket_directories='' -c fsync=off " +
                         "-c full_page_writes=off -c max_connections=200 -c shared_buffers=128MB";
        await RunAsync(Path.Combine(BinFolder!, "pg_ctl"),
            ["-D", data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "-o", options, "start"], root);
        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = _port, Username = User, Database = "postgres", Pooling = true, MaxPoolSize = 20,
        }.ConnectionString;
    }

    // IDisposable, not IAsyncDisposable: xunit 2 disposes collection fixtures only through IDisposable/IAsyncLifetime.
    public void Dispose()
    {
        if (_folder is null) return;
        try
        {
            if (_started.IsValueCreated && _started.Value.IsCompletedSuccessfully)
            {
                NpgsqlConnection.ClearAllPools();
                RunAsync(Path.Combine(BinFolder!, "pg_ctl"),
                    ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"], Environment.UserName == "root").GetAwaiter().GetResult();
            }
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static async Task RunAsync(string program, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
            foreach (string a in new[] { "-u", "postgres", "--", program })
                start.ArgumentList.Add(a);
        foreach (string a in arguments)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"'{program} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}:\n{await stdout}\n{await stderr}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindBinFolder()
    {
        static bool Has(string? folder) =>
            folder is not null && File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl"));
        string? configured = Environment.GetEnvironmentVariable("SCORING_PG_BIN");
        if (!string.IsNullOrEmpty(configured))
            return Has(configured) ? configured : null;
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var newest = Directory.GetDirectories("/usr/lib/postgresql")
                .Select(v => (Version: int.TryParse(Path.GetFileName(v), out int n) ? n : -1, Bin: Path.Combine(v, "bin")))
                .Where(v => Has(v.Bin))
                .OrderByDescending(v => v.Version)
                .FirstOrDefault();
            if (newest.Bin is not null)
                return newest.Bin;
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').FirstOrDefault(Has);
    }
}
