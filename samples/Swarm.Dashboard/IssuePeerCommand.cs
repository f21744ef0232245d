using Swarm.Dashboard.Security;

namespace Swarm.Dashboard;

/// <summary>
/// The operator's commands beside the server, on the same configuration and files: <c>issue-peer --peer P --account A</c>
/// registers a peer, <c>issue-peer --peer P --rotate</c> gives it a new secret, <c>rotate-admin-token</c> replaces the
/// admin credential. Each prints one line per fact, or one error line with exit code 1 (2 for a bad command line).
/// </summary>
internal static class IssuePeerCommand
{
    public static int Run(string command, string[] args, TextWriter output, TextWriter error)
    {
        string? peer = null, account = null;
        bool rotate = false;
        var rest = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--peer" when i + 1 < args.Length:
                    peer = args[++i];
                    break;
                case "--account" when i + 1 < args.Length:
                    account = args[++i];
                    break;
                case "--rotate":
                    rotate = true;
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }
        bool issue = command == "issue-peer";
        if (issue && (string.IsNullOrWhiteSpace(peer) || (rotate ? account is not null : string.IsNullOrWhiteSpace(account))))
        {
            error.WriteLine("usage: Swarm.Dashboard issue-peer --peer <peerId> --account <account> | issue-peer --peer <peerId> --rotate  [--Dashboard:PeersPath=<file>]");
            return 2;
        }
        try
        {
            // The server's own services, not started: the same content root, files, key ring and validation.
            using var app = DashboardApp.Build([.. rest]);
            if (!issue)
            {
                var credential = app.Services.GetRequiredService<AdminCredential>();
                credential.Rotate();
                output.WriteLine($"admin token: rotated; the new one is in {credential.TokenPath}");
                return 0;
            }
            var registry = app.Services.GetRequiredService<PeerRegistry>();
            var issued = rotate
                ? registry.Rotate(peer!) ?? throw new ArgumentException($"peer '{peer}' is not registered; register it with --account.")
                : registry.Register(peer!, account!);
            output.WriteLine($"peer:    {issued.PeerId}");
            output.WriteLine($"account: {issued.Account}");
            output.WriteLine($"secret:  {issued.Secret}");
            output.WriteLine("sign each POST /reports: Content-Digest: sha-256=:<base64 SHA-256(body)>: and "
                + $"Authorization: {PeerSignature.Scheme} {issued.PeerId}:<unix seconds>:<hex HMAC-SHA256(secret, method\\npath\\nunix seconds\\npeerId\\nContent-Digest)> (docs/hosts.md)");
            return 0;
        }
        catch (Exception e)
        {
            error.WriteLine($"error: {StartFailure.Describe(e)}");
            return 1;
        }
    }
}
