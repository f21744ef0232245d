using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Swarm.Dashboard;

/// <summary>
/// The registered peers: each peer belongs to one account and has its own secret, with which it signs the bodies it
/// posts. Kept in a small SQLite file beside the ledger, so secrets survive restarts; read through a cache.
/// </summary>
public sealed class PeerRegistry
{
    private readonly string _connectionString;
    private readonly ConcurrentDictionary<string, RegisteredPeer> _cache = new(StringComparer.Ordinal);

    private PeerRegistry(string connectionString) => _connectionString = connectionString;

    /// <summary>Opens (creating when missing) the registry file.</summary>
    /// <param name="path">The SQLite file.</param>
    public static PeerRegistry Open(string path)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var registry = new PeerRegistry(new SqliteConnectionStringBuilder { DataSource = full, DefaultTimeout = 30 }.ToString());
        using var connection = registry.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS peers (peer_id TEXT PRIMARY KEY NOT NULL, account TEXT NOT NULL, secret TEXT NOT NULL, issued_at TEXT NOT NULL);
            """;
        command.ExecuteNonQuery();
        return registry;
    }

    /// <summary>
    /// Issues a new secret for <paramref name="peerId"/> of <paramref name="account"/>: registers the peer, or rotates
    /// its secret (the old one stops working at once).
    /// </summary>
    /// <returns>The peer with its new secret.</returns>
    /// <exception cref="ArgumentException">A blank id, or the peer already belongs to another account.</exception>
    public RegisteredPeer Issue(string peerId, string account)
    {
        if (string.IsNullOrWhiteSpace(peerId))
            throw new ArgumentException("peer is required.", nameof(peerId));
        if (string.IsNullOrWhiteSpace(account))
            throw new ArgumentException("account is required.", nameof(account));
        var peer = new RegisteredPeer(peerId, account, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        using (var find = connection.CreateCommand())
        {
            find.CommandText = "SELECT account FROM peers WHERE peer_id = $peer";
            find.Parameters.AddWithValue("$peer", peerId);
            if (find.ExecuteScalar() is string owner && owner != account)
                throw new ArgumentException($"peer '{peerId}' belongs to account '{owner}', not '{account}'.", nameof(account));
        }
        using (var upsert = connection.CreateCommand())
        {
            upsert.CommandText = """
                INSERT INTO peers (peer_id, account, secret, issued_at) VALUES ($peer, $account, $secret, $at)
                ON CONFLICT (peer_id) DO UPDATE SET secret = excluded.secret, issued_at = excluded.issued_at
                """;
            upsert.Parameters.AddWithValue("$peer", peerId);
            upsert.Parameters.AddWithValue("$account", account);
            upsert.Parameters.AddWithValue("$secret", peer.Secret);
            upsert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
            upsert.ExecuteNonQuery();
        }
        transaction.Commit();
        _cache[peerId] = peer;
        return peer;
    }

    /// <summary>The registered peer with this id, or null.</summary>
    public RegisteredPeer? Find(string peerId)
    {
        if (_cache.TryGetValue(peerId, out var cached))
            return cached;
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT account, secret FROM peers WHERE peer_id = $peer";
        command.Parameters.AddWithValue("$peer", peerId);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return null;
        var peer = new RegisteredPeer(peerId, reader.GetString(0), reader.GetString(1));
        return _cache.GetOrAdd(peerId, peer);
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
