using Microsoft.Extensions.Configuration;

namespace Scoring.Cli.Commands;

/// <summary>
/// Reads a scheme's options from a JSON file: the scheme's section (<c>{"Swarm": {...}}</c>, as in appsettings.json) or,
/// when the file has no such section, the whole file. Missing keys keep their defaults; the scheme validates the result.
/// </summary>
internal static class SchemeOptionsFile
{
    public static T Load<T>(string? path, string section) where T : class, new()
    {
        var options = new T();
        if (path is null)
        {
            return options;
        }
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The options file '{path}' does not exist.", path);
        }
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false).Build();
        var source = configuration.GetSection(section).Exists() ? configuration.GetSection(section) : (IConfiguration)configuration;
        source.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        return options;
    }
}
