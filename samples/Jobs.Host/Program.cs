using Jobs.Host;

await JobsHostBuilder.Build(args).RunAsync();
