using Microsoft.Extensions.Options;

namespace Swarm.Dashboard;

/// <summary><c>issue-peer --peer P --account A</c>: the command-line way to register a peer, reading the same configuration as the server.</summary>
internal static class IssuePeerCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        string? peer = null, account = null;
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
                default:
                    rest.Add(args[i]);
                    break;
            }
        }
        if (string.IsNullOrWhiteSpace(peer) || string.IsNullOrWhiteSpace(account))
        {
            error.WriteLine("usage: Swarm.Dashboard issue-peer --peer <peerId> --account <account> [--Dashboard:PeersPath=<file>]");
            return 2;
        }
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = rest.ToArray() });
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName).ValidateDataAnnotations();
        using var services = builder.Services.BuildServiceProvider();
        try
        {
            var options = services.GetRequiredService<IOptions<DashboardOptions>>().Value;
            // The same file as the server's: a relative path is relative to the content root.
            var issued = PeerRegistry.Open(StartFailure.InContentRoot(options.PeersPath, builder.Environment.ContentRootPath)!).Issue(peer, account);
            output.WriteLine($"peer:    {issued.PeerId}");
            output.WriteLine($"account: {issued.Account}");
            output.WriteLine($"secret:  {issued.Secret}");
            output.WriteLine($"sign each POST /reports body: Authorization: {RequestSignature.Scheme} {issued.PeerId}:<hex HMAC-SHA256(body, secret)>");
            return 0;
        }
        catch (Exception e)
        {
            error.WriteLine($"error: {StartFailure.Describe(e)}");
            return 1;
        }
    }
}
