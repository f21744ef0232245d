using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scoring.Evaluation;

namespace Scoring.RuleSets;

/// <summary>
/// Keeps a <see cref="RuleSetRegistry"/> in step with rule-set files: loads every file of
/// <see cref="RuleSetFileOptions.Files"/>, reloads a file when it changes on disk or when the options change
/// (<see cref="IOptionsMonitor{TOptions}"/>). A valid new document replaces the version loaded from that file; an
/// invalid one is rejected, its diagnostics are logged, and the version in force stays.
/// </summary>
public sealed partial class RuleSetFileLoader : IDisposable
{
    private readonly RuleSetRegistry _registry;
    private readonly IOptionsMonitor<RuleSetFileOptions> _options;
    private readonly ILogger<RuleSetFileLoader> _logger;
    private readonly object _gate = new();
    private readonly Dictionary<string, CompiledRuleSet> _loaded = new(StringComparer.Ordinal);
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly IDisposable? _optionsSubscription;

    /// <summary>Loads the configured files now and starts watching.</summary>
    public RuleSetFileLoader(RuleSetRegistry registry, IOptionsMonitor<RuleSetFileOptions> options, ILogger<RuleSetFileLoader> logger)
    {
        _registry = registry;
        _options = options;
        _logger = logger;
        Apply(options.CurrentValue);
        _optionsSubscription = options.OnChange(Apply);
    }

    /// <summary>Reloads one file; returns whether its new content is now in force.</summary>
    public bool Reload(string path)
    {
        var full = Path.GetFullPath(path);
        lock (_gate)
        {
            CompilationResult result;
            try
            {
                result = RuleSetDocument.CompileFile(full, _options.CurrentValue.Limits);
            }
            catch (IOException e)
            {
                LogUnreadable(full, e.Message);
                return false;
            }
            catch (UnauthorizedAccessException e)
            {
                LogUnreadable(full, e.Message);
                return false;
            }
            if (!result.Succeeded)
            {
                foreach (var d in result.Diagnostics) LogDiagnostic(full, d.ToString());
                LogRejected(full, result.Diagnostics.Count);
                return false;
            }
            var compiled = result.Compiled!;
            _loaded.TryGetValue(full, out var old);
            if (old is not null && old.ContentHash == compiled.ContentHash) return true;
            try
            {
                _registry.Replace(old, compiled);
            }
            catch (ArgumentException e)
            {
                LogRejected(full, 1);
                LogDiagnostic(full, e.Message);
                return false;
            }
            _loaded[full] = compiled;
            LogLoaded(compiled.RuleSet.Id, compiled.RuleSet.Version, compiled.ContentHash, full);
            return true;
        }
    }

    /// <summary>Stops watching files and options.</summary>
    public void Dispose()
    {
        _optionsSubscription?.Dispose();
        lock (_gate) StopWatching();
    }

    private void Apply(RuleSetFileOptions options)
    {
        lock (_gate)
        {
            StopWatching();
            foreach (var file in options.Files)
            {
                Reload(file);
                if (options.WatchFiles) Watch(Path.GetFullPath(file));
            }
        }
    }

    private void Watch(string full)
    {
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory)) return;
        var watcher = new FileSystemWatcher(directory, Path.GetFileName(full))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
        };
        watcher.Changed += (_, _) => Reload(full);
        watcher.Created += (_, _) => Reload(full);
        watcher.Renamed += (_, _) => Reload(full);
        watcher.EnableRaisingEvents = true;
        _watchers.Add(watcher);
    }

    private void StopWatching()
    {
        foreach (var w in _watchers) w.Dispose();
        _watchers.Clear();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Rule set {Id} version {Version} ({Hash}) loaded from {Path}")]
    private partial void LogLoaded(string id, string version, string hash, string path);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Rule set file {Path} rejected with {Count} problem(s); the version in force stays")]
    private partial void LogRejected(string path, int count);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "{Path}:{Diagnostic}")]
    private partial void LogDiagnostic(string path, string diagnostic);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Rule set file {Path} could not be read: {Reason}")]
    private partial void LogUnreadable(string path, string reason);
}
