using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Swarm.Dashboard.Security;

/// <summary>
/// The operator's credential for <c>POST /peers</c>: a random 256-bit token, created at the first start (never empty)
/// and written to <see cref="DashboardOptions.AdminTokenPath"/>, readable by its owner only. The server keeps only the
/// token's SHA-256 (in the peers file) and reads it on each use, so a rotation by the <c>rotate-admin-token</c> command
/// applies to a running server at once.
/// </summary>
public sealed partial class AdminCredential : IHostedService
{
    private readonly PeerRegistry _registry;
    private readonly string _path;
    private readonly ILogger<AdminCredential> _logger;

    /// <summary>Creates the credential over <paramref name="registry"/>'s file.</summary>
    public AdminCredential(PeerRegistry registry, IOptions<DashboardOptions> options, ILogger<AdminCredential> logger)
    {
        _registry = registry;
        _path = options.Value.AdminTokenPath;
        _logger = logger;
    }

    /// <summary>Where a new token is written.</summary>
    public string TokenPath => _path;

    /// <summary>Whether <paramref name="token"/> is the admin token, compared in constant time.</summary>
    public bool Matches(string token) =>
        _registry.ReadAdminTokenHash() is { } expected
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), expected);

    /// <summary>Replaces the token with a new one (the old one stops working at once) and writes it to <see cref="TokenPath"/>.</summary>
    public void Rotate()
    {
        Create();
        LogRotated(_logger, _path);
    }

    /// <summary>Creates the token when the server has none yet.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_registry.ReadAdminTokenHash() is null)
        {
            Create();
            LogCreated(_logger, _path);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Create()
    {
        string token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        string? folder = Path.GetDirectoryName(Path.GetFullPath(_path));
        if (folder is not null)
            Directory.CreateDirectory(folder);
        // Written before the hash: a failure leaves the old credential in force, never one nobody can read.
        File.Delete(_path);
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(_path, create))
        using (var writer = new StreamWriter(file))
            writer.WriteLine(token);
        _registry.WriteAdminTokenHash(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Created the admin credential in {Path} (owner-readable only): POST /peers needs 'Authorization: Bearer <its content>'. Move it somewhere safe; the server keeps only its hash.")]
    private static partial void LogCreated(ILogger logger, string path);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Rotated the admin credential: the new one is in {Path}; the old one no longer works.")]
    private static partial void LogRotated(ILogger logger, string path);
}
