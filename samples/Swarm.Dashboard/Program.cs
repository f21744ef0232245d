using Swarm.Dashboard;

// `issue-peer …` and `rotate-admin-token` manage credentials (docs/hosts.md); anything else runs the server.
if (args.Length > 0 && args[0] is "issue-peer" or "rotate-admin-token")
{
    return IssuePeerCommand.Run(args[0], args[1..], Console.Out, Console.Error);
}

return await DashboardApp.RunAsync(args, Console.Error);
