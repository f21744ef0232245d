using Npgsql;

namespace Scoring.Ledger.Postgres;

/// <summary>
/// Parses the URL form of a PostgreSQL ledger address:
/// <c>postgres://user[:password]@host[:port]/database[?schema=…&amp;sslmode=…&amp;application_name=…]</c>
/// (<c>postgresql://</c> also works; user, password and database are percent-decoded).
/// </summary>
public static class PostgresUrl
{
    /// <summary>Whether <paramref name="db"/> starts with <c>postgres://</c> or <c>postgresql://</c>.</summary>
    /// <param name="db">A <c>--db</c> value.</param>
    public static bool IsPostgresUrl(string? db) =>
        db is not null &&
        (db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase));

    /// <summary>Turns a URL into store options.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>Options with the Npgsql connection string and the schema (default unless <c>?schema=</c> is given).</returns>
    /// <exception cref="FormatException">The URL is malformed; the message says which part and why.</exception>
    public static PostgresLedgerOptions Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!IsPostgresUrl(url))
            throw new FormatException($"'{Redact(url)}' is not a PostgreSQL URL: it must start with postgres:// or postgresql://.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new FormatException($"'{Redact(url)}' is not a valid URL; expected postgres://user[:password]@host[:port]/database.");
        if (!string.IsNullOrEmpty(uri.Fragment))
            throw new FormatException($"'{Redact(url)}': a PostgreSQL URL has no #fragment.");

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.IdnHost, Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port };
        string[] userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length == 0)
            throw new FormatException($"'{Redact(url)}' names no user; expected postgres://user[:password]@host[:port]/database.");
        builder.Username = Uri.UnescapeDataString(userInfo[0]);
        if (userInfo.Length == 2)
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        string database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || database.Contains('/'))
            throw new FormatException($"'{Redact(url)}' names no database (or a path); expected postgres://user[:password]@host[:port]/database.");
        builder.Database = database;

        var options = new PostgresLedgerOptions();
        foreach (string pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] kv = pair.Split('=', 2);
            string key = Uri.UnescapeDataString(kv[0]);
            string value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            switch (key)
            {
                case "schema":
                    if (!PostgresNames.IsValidSchema(value))
                        throw new FormatException($"'{Redact(url)}': schema '{value}' is not valid; use 1 to 63 of a-z, 0-9 and _, starting with a letter or _.");
                    options.Schema = value;
                    break;
                case "sslmode":
                    if (!Enum.TryParse<SslMode>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var mode) || !Enum.IsDefined(mode))
                        throw new FormatException($"'{Redact(url)}': sslmode '{value}' is not one of disable, allow, prefer, require, verify-ca, verify-full.");
                    builder.SslMode = mode;
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                default:
                    throw new FormatException($"'{Redact(url)}': unknown parameter '{key}'; supported: schema, sslmode, application_name.");
            }
        }
        options.ConnectionString = builder.ConnectionString;
        return options;
    }

    /// <summary>The URL with any password replaced by <c>***</c>, for messages and logs.</summary>
    /// <param name="url">The URL.</param>
    public static string Redact(string url)
    {
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        int at = url.LastIndexOf('@');
        if (scheme < 0 || at < scheme) return url;
        int colon = url.IndexOf(':', scheme + 3);
        return colon > 0 && colon < at ? string.Concat(url.AsSpan(0, colon + 1), "***", url.AsSpan(at)) : url;
    }
}
