using Jobs.Host;

return await JobsHostBuilder.RunAsync(args, Console.Error);
