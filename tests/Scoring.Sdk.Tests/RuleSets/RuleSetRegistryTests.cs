using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scoring.Evaluation;
using Scoring.RuleSets;

namespace Scoring.Sdk.Tests.RuleSets;

public class RuleSetRegistryTests
{
    private static CompiledRuleSet Version(string version, DateTimeOffset from, double rate = 1.0) =>
        RuleSetCompiler.CompileOrThrow(new RuleSetBuilder("jobs").Version(version).EffectiveFrom(from)
            .Parameter("rate", rate).Rule("r", r => r.Set("points", "rate")).Build());

    private static readonly DateTimeOffset Jan = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Picks_the_version_effective_at_the_report_time()
    {
        var registry = new RuleSetRegistry();
        var v1 = Version("1", Jan);
        var v2 = Version("2", Jan.AddMonths(1));
        registry.Add(v2);
        registry.Add(v1);
        Assert.Same(v1, registry.Resolve("jobs", Jan));
        Assert.Same(v1, registry.Resolve("jobs", Jan.AddMonths(1).AddTicks(-1)));
        Assert.Same(v2, registry.Resolve("jobs", Jan.AddMonths(1)));
        Assert.Same(v2, registry.Resolve("jobs", Jan.AddYears(5)));
        Assert.False(registry.TryResolve("jobs", Jan.AddTicks(-1), out _));
        Assert.Throws<KeyNotFoundException>(() => registry.Resolve("other", Jan));
        Assert.Equal([v1, v2], registry.Versions("jobs"));
    }

    [Fact]
    public void Same_version_replaces_and_same_effective_time_is_refused()
    {
        var registry = new RuleSetRegistry();
        registry.Add(Version("1", Jan));
        var fixedV1 = Version("1", Jan, rate: 2.0);
        registry.Add(fixedV1);
        Assert.Same(fixedV1, Assert.Single(registry.Versions("jobs")));
        Assert.Throws<ArgumentException>(() => registry.Add(Version("2", Jan)));
        Assert.Same(fixedV1, Assert.Single(registry.Versions("jobs")));
    }

    [Fact]
    public void Changes_fire_the_change_token()
    {
        var registry = new RuleSetRegistry();
        var token = registry.GetChangeToken();
        Assert.False(token.HasChanged);
        var v1 = Version("1", Jan);
        registry.Add(v1);
        Assert.True(token.HasChanged);
        var next = registry.GetChangeToken();
        Assert.True(registry.Remove(v1));
        Assert.True(next.HasChanged);
        Assert.Empty(registry.Ids);
    }

    [Fact]
    public void File_reload_replaces_valid_documents_and_keeps_the_old_one_when_invalid()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var path = Path.Combine(dir.FullName, "image-jobs.json");
            File.WriteAllText(path, ImageJobRuleSet.Json);
            var registry = new RuleSetRegistry();
            var logger = new ListLogger();
            var options = new FixedOptionsMonitor(new RuleSetFileOptions { WatchFiles = false, Files = { path } });
            using var loader = new RuleSetFileLoader(registry, options, logger);
            var first = registry.Resolve("image-jobs", DateTimeOffset.UtcNow);
            Assert.Equal(ImageJobRuleSet.Fluent().ContentHash, first.ContentHash);

            File.WriteAllText(path, ImageJobRuleSet.Json.Replace("latency > deadline", "latency > nope", StringComparison.Ordinal));
            Assert.False(loader.Reload(path));
            Assert.Same(first, registry.Resolve("image-jobs", DateTimeOffset.UtcNow));
            Assert.Contains(logger.Messages, m => m.Level == LogLevel.Error && m.Text.Contains("unknown name 'nope'", StringComparison.Ordinal) && m.Text.Contains(path, StringComparison.Ordinal));

            File.WriteAllText(path, ImageJobRuleSet.Json.Replace("\"rate\": 1e-6", "\"rate\": 2e-6", StringComparison.Ordinal));
            Assert.True(loader.Reload(path));
            var second = Assert.Single(registry.Versions("image-jobs"));
            Assert.NotEqual(first.ContentHash, second.ContentHash);

            File.Delete(path);
            Assert.False(loader.Reload(path));
            Assert.Same(second, Assert.Single(registry.Versions("image-jobs")));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void A_watched_file_is_reloaded_when_it_changes_on_disk()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var path = Path.Combine(dir.FullName, "image-jobs.json");
            File.WriteAllText(path, ImageJobRuleSet.Json);
            var registry = new RuleSetRegistry();
            using var loader = new RuleSetFileLoader(registry, new FixedOptionsMonitor(new RuleSetFileOptions { Files = { path } }), new ListLogger());
            var changed = new ManualResetEventSlim();
            using var _ = registry.GetChangeToken().RegisterChangeCallback(_ => changed.Set(), null);
            File.WriteAllText(path, ImageJobRuleSet.Json.Replace("\"rate\": 1e-6", "\"rate\": 3e-6", StringComparison.Ordinal));
            Assert.True(changed.Wait(TimeSpan.FromSeconds(30)), "the file watcher did not reload the changed file");
            Assert.NotEqual(ImageJobRuleSet.Fluent().ContentHash, registry.Resolve("image-jobs", DateTimeOffset.UtcNow).ContentHash);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    private sealed class FixedOptionsMonitor(RuleSetFileOptions value) : IOptionsMonitor<RuleSetFileOptions>
    {
        public RuleSetFileOptions CurrentValue => value;

        public RuleSetFileOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<RuleSetFileOptions, string?> listener) => null;
    }

    private sealed class ListLogger : ILogger<RuleSetFileLoader>
    {
        public List<(LogLevel Level, string Text)> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Messages) Messages.Add((logLevel, formatter(state, exception)));
        }
    }
}

public class RuleSetServiceCollectionTests
{
    [Fact]
    public void AddRuleSetFiles_wires_the_loader_to_the_registry()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var path = Path.Combine(dir.FullName, "rules.json");
            File.WriteAllText(path, ImageJobRuleSet.Json);
            var services = new ServiceCollection()
                .AddSingleton(typeof(ILogger<>), typeof(Microsoft.Extensions.Logging.Abstractions.NullLogger<>))
                .AddRuleSetFiles(o =>
                {
                    o.Files.Add(path);
                    o.WatchFiles = false;
                });
            using var provider = services.BuildServiceProvider();
            provider.GetRequiredService<RuleSetFileLoader>();
            var registry = provider.GetRequiredService<RuleSetRegistry>();
            Assert.Equal(ImageJobRuleSet.Fluent().ContentHash, registry.Resolve("image-jobs", DateTimeOffset.UtcNow).ContentHash);
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
