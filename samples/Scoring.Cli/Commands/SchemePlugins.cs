using System.Reflection;
using System.Runtime.Loader;
using Scoring.Schemes;

namespace Scoring.Cli.Commands;

/// <summary>
/// Loads scheme plug-ins: each <c>--plugin PATH</c> assembly is loaded into the default load context (so it shares the
/// CLI's Scoring.Sdk) and every public, non-abstract <see cref="ISchemeRegistration"/> in it is created with its
/// parameterless constructor. The plug-in's own dependencies are resolved from its folder (its <c>.deps.json</c>).
/// A missing file, an assembly that cannot be loaded, or one without registrations is a one-line error.
/// </summary>
internal static class SchemePlugins
{
    private static readonly object Gate = new();
    private static readonly HashSet<string> Resolved = new(StringComparer.Ordinal);

    /// <summary>The built-in schemes' registration followed by every plug-in's, in command-line order.</summary>
    /// <exception cref="CommandException">A plug-in cannot be used; the message names it and says why.</exception>
    public static IReadOnlyList<ISchemeRegistration> Load(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var registrations = new List<ISchemeRegistration> { new BuiltInSchemes() };
        foreach (string path in paths)
            registrations.AddRange(LoadOne(path));
        return registrations;
    }

    private static IEnumerable<ISchemeRegistration> LoadOne(string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new CommandException($"--plugin '{path}' is not a valid path: {exception.Message}");
        }
        if (!File.Exists(full))
            throw new CommandException($"--plugin '{path}': the file does not exist.");

        Assembly assembly;
        try
        {
            ResolveDependenciesFrom(full);
            assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(full);
        }
        catch (BadImageFormatException)
        {
            throw new CommandException($"--plugin '{path}' is not a .NET assembly (build the plug-in project and give its DLL).");
        }
        catch (FileLoadException exception)
        {
            throw new CommandException($"--plugin '{path}' cannot be loaded: {CommandFailures.OneLine(exception.Message)}");
        }

        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (Exception exception) when (exception is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            string why = exception is ReflectionTypeLoadException load && load.LoaderExceptions.FirstOrDefault(e => e is not null) is { } first
                ? first.Message
                : exception.Message;
            throw new CommandException($"--plugin '{path}': its types cannot be loaded (is a dependency missing?): {CommandFailures.OneLine(why)}");
        }

        var registrationTypes = types
            .Where(t => t.IsClass && !t.IsAbstract && !t.ContainsGenericParameters && typeof(ISchemeRegistration).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToArray();
        if (registrationTypes.Length == 0)
        {
            throw new CommandException(
                $"--plugin '{path}' has no scheme registration: a plug-in needs a public class implementing {typeof(ISchemeRegistration).FullName} " +
                $"(built against this CLI's Scoring.Sdk {typeof(ISchemeRegistration).Assembly.GetName().Version}).");
        }
        return registrationTypes.Select(type => Create(type, path)).ToArray();
    }

    private static ISchemeRegistration Create(Type type, string path)
    {
        if (type.GetConstructor(Type.EmptyTypes) is not { } constructor)
            throw new CommandException($"--plugin '{path}': {type.FullName} needs a public parameterless constructor to be created.");
        try
        {
            return (ISchemeRegistration)constructor.Invoke(null);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is { } inner)
        {
            throw new CommandException($"--plugin '{path}': creating {type.FullName} failed: {CommandFailures.OneLine(inner.Message)}", inner);
        }
    }

    /// <summary>Lets the default context find the plug-in's own dependencies (those the CLI does not ship) in its folder.</summary>
    private static void ResolveDependenciesFrom(string assemblyPath)
    {
        lock (Gate)
        {
            if (!Resolved.Add(assemblyPath))
                return;
        }
        AssemblyDependencyResolver resolver;
        try
        {
            resolver = new AssemblyDependencyResolver(assemblyPath);
        }
        catch (InvalidOperationException)
        {
            return; // no usable .deps.json: the plug-in can still use what the CLI ships
        }
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            resolver.ResolveAssemblyToPath(name) is { } dependency ? context.LoadFromAssemblyPath(dependency) : null;
    }
}
