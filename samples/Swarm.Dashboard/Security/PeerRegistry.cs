using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;

namespace Swarm.Dashboard.Security;

/// <summary>
/// The dashboard's credentials, in a small SQLite file beside the ledger: the registered peers (each belongs to one
/// account and signs with its own secret) and the hash of the admin credential. Peers' secrets are stored encrypted
/// with ASP.NET Core Data Protection (the key ring lives in another folder), so a copy of the file alone reveals none.
/// Each lookup reads the peer's row, so a secret rotated by another process (the <c>issue-peer</c> command) stops
/// working at once; only the decryption is cached.
/// </summary>
public sealed class PeerRegistry
{
    /// <summary>The Data Protection purpose of peer secrets: a payload protected for another purpose never decrypts as one.</summary>
    public const string SecretPurpose = "Swarm.Dashboard.PeerSecret.v1";

    private readonly string _connectionString;
    private readonly IDataProtector _protector;
    private readonly TimeProvider _time;
    // Decrypted secrets by their protected form: a rotated secret has another protected form, so it is never stale.
    private readonly ConcurrentDictionary<string, string> _secrets = new(StringComparer.Ordinal);

    private PeerRegistry(string connectionString, IDataProtector protector, TimeProvider time)
    {
        _connectionString = connectionString;
        _protector = protector;
        _time = time;
    }

    /// <summary>Opens (creating when missing) the registry file; secrets a former version stored in plain text are encrypted now.</summary>
    /// <param name="path">The SQLite file.</param>
    /// <param name="protection">Encrypts and decrypts the peers' secrets.</param>
    /// <param name="time">The clock of issue times.</param>
    public static PeerRegistry Open(string path, IDataProtectionProvider protection, TimeProvider? time = null)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var registry = new PeerRegistry(new SqliteConnectionStringBuilder { DataSource = full, DefaultTimeout = 30 }.ToString(),
            protection.CreateProtector(SecretPurpose), time ?? TimeProvider.System);
        using var connection = registry.Connect();
        using var transaction = connection.BeginTransaction();
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS peers (peer_id TEXT PRIMARY KEY NOT NULL, account TEXT NOT NULL, protected_secret TEXT NOT NULL, issued_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS admin_credential (id INTEGER PRIMARY KEY CHECK (id = 1), token_sha256 BLOB NOT NULL, created_at TEXT NOT NULL);
            """);
        registry.ProtectPlainSecrets(connection);
        transaction.Commit();
        Execute(connection, "PRAGMA journal_mode = WAL;");
        return registry;
    }

    /// <summary>Registers a new peer of <paramref name="account"/> with a new secret.</summary>
    /// <returns>The peer with its secret (shown once: only its encrypted form is kept).</returns>
    /// <exception cref="ArgumentException">The peer id or account is not acceptable (<see cref="PeerNames"/>).</exception>
    /// <exception cref="PeerExistsException">The peer is registered already (rotate its secret instead).</exception>
    public RegisteredPeer Register(string peerId, string account)
    {
        PeerNames.ThrowIfInvalidPeerId(peerId);
        PeerNames.ThrowIfInvalidAccount(account);
        var peer = new RegisteredPeer(peerId, account, NewSecret());
        using var connection = Connect();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO peers (peer_id, account, protected_secret, issued_at) VALUES ($peer, $account, $secret, $at) ON CONFLICT (peer_id) DO NOTHING";
        insert.Parameters.AddWithValue("$peer", peerId);
        insert.Parameters.AddWithValue("$account", account);
        insert.Parameters.AddWithValue("$secret", _protector.Protect(peer.Secret));
        insert.Parameters.AddWithValue("$at", _time.GetUtcNow().ToString("O"));
        if (insert.ExecuteNonQuery() == 0)
        {
            string owner = Find(peerId)?.Account ?? "?";
            throw new PeerExistsException($"peer '{peerId}' is registered already (account '{owner}'); rotate its secret to issue a new one.");
        }
        return peer;
    }

    /// <summary>Gives a registered peer a new secret: the old one stops working at once.</summary>
    /// <returns>The peer with its new secret, or null when no such peer is registered.</returns>
    public RegisteredPeer? Rotate(string peerId)
    {
        if (Find(peerId) is not { } current)
            return null;
        var peer = current with { Secret = NewSecret() };
        using var connection = Connect();
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE peers SET protected_secret = $secret, issued_at = $at WHERE peer_id = $peer";
        update.Parameters.AddWithValue("$peer", peerId);
        update.Parameters.AddWithValue("$secret", _protector.Protect(peer.Secret));
        update.Parameters.AddWithValue("$at", _time.GetUtcNow().ToString("O"));
        update.ExecuteNonQuery();
        return peer;
    }

    /// <summary>The registered peer with this id, or null.</summary>
    /// <exception cref="CryptographicException">Its secret cannot be decrypted: the key ring is not the one it was protected with.</exception>
    public RegisteredPeer? Find(string peerId)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT account, protected_secret FROM peers WHERE peer_id = $peer";
        command.Parameters.AddWithValue("$peer", peerId);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return null;
        return new RegisteredPeer(peerId, reader.GetString(0), _secrets.GetOrAdd(reader.GetString(1), _protector.Unprotect));
    }

    /// <summary>The SHA-256 of the admin credential, or null before one was created.</summary>
    public byte[]? ReadAdminTokenHash()
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT token_sha256 FROM admin_credential WHERE id = 1";
        return command.ExecuteScalar() as byte[];
    }

    /// <summary>Replaces the admin credential's hash.</summary>
    public void WriteAdminTokenHash(byte[] sha256)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO admin_credential (id, token_sha256, created_at) VALUES (1, $hash, $at)
            ON CONFLICT (id) DO UPDATE SET token_sha256 = excluded.token_sha256, created_at = excluded.created_at
            """;
        command.Parameters.AddWithValue("$hash", sha256);
        command.Parameters.AddWithValue("$at", _time.GetUtcNow().ToString("O"));
        command.ExecuteNonQuery();
    }

    private static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>A peers file of a version that kept secrets in plain text (column <c>secret</c>): encrypts them in place.</summary>
    private void ProtectPlainSecrets(SqliteConnection connection)
    {
        using (var columns = connection.CreateCommand())
        {
            columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('peers') WHERE name = 'secret'";
            if ((long)columns.ExecuteScalar()! == 0)
                return;
        }
        var plain = new List<(string Peer, string Secret)>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT peer_id, secret FROM peers";
            using var reader = read.ExecuteReader();
            while (reader.Read())
                plain.Add((reader.GetString(0), reader.GetString(1)));
        }
        Execute(connection, "ALTER TABLE peers ADD COLUMN protected_secret TEXT NOT NULL DEFAULT ''");
        using (var update = connection.CreateCommand())
        {
            update.CommandText = "UPDATE peers SET protected_secret = $secret WHERE peer_id = $peer";
            var peer = update.Parameters.Add("$peer", SqliteType.Text);
            var secret = update.Parameters.Add("$secret", SqliteType.Text);
            foreach (var row in plain)
            {
                peer.Value = row.Peer;
                secret.Value = _protector.Protect(row.Secret);
                update.ExecuteNonQuery();
            }
        }
        Execute(connection, "ALTER TABLE peers DROP COLUMN secret");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
