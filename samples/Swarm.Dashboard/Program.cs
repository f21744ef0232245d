using Swarm.Dashboard;

// `issue-peer --peer P --account A` registers a peer (or rotates its secret) and prints the secret; anything else runs the server.
if (args.Length > 0 && args[0] == "issue-peer")
{
    return IssuePeerCommand.Run(args[1..], Console.Out, Console.Error);
}

return await DashboardApp.RunAsync(args, Console.Error);
