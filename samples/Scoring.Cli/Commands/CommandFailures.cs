using System.CommandLine;
using System.Data.Common;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.Extensions.Options;
using Scoring.Evaluation;
using Scoring.Ingestion;
using Scoring.Ledger;

namespace Scoring.Cli.Commands;

/// <summary>
/// Runs a command's action so that every failure reaches the user as one line, <c>scoring &lt;command&gt;: …</c>, with
/// exit code 1 — never a stack trace, whatever a scheme, a plug-in or a store throws.
/// </summary>
internal static class CommandFailures
{
    /// <summary>Exit code of a failed command.</summary>
    public const int ExitCode = 1;

    // Failures whose message already says what went wrong in the user's terms; anything else also names its type,
    // so that a bug report says where to look.
    private static readonly Type[] Explained =
    [
        typeof(CommandException), typeof(OptionsValidationException), typeof(IOException), typeof(UnauthorizedAccessException),
        typeof(ArgumentException), typeof(FormatException), typeof(InvalidDataException), typeof(RuleSetException),
        typeof(IngestionException), typeof(LedgerValidationException), typeof(LedgerOverflowException), typeof(DbException),
        typeof(SocketException), typeof(TimeoutException), typeof(BackendUnavailableException), typeof(KeyNotFoundException),
        typeof(Scoring.Rules.ProofOfGpu.ProofOfGpuConfigurationException), typeof(PointsOverflowException),
    ];

    /// <summary>Sets <paramref name="action"/> as the command's action, guarded.</summary>
    public static void SetGuardedAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(action);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await action(parse, cancellationToken);
            }
            catch (Exception exception)
            {
                parse.InvocationConfiguration.Error.WriteLine($"scoring {CommandPath(parse)}: {Describe(exception)}");
                return ExitCode;
            }
        });
    }

    /// <summary>Sets a synchronous <paramref name="action"/> as the command's action, guarded.</summary>
    public static void SetGuardedAction(this Command command, Func<ParseResult, int> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        command.SetGuardedAction((parse, _) => Task.FromResult(action(parse)));
    }

    /// <summary>The one-line text of a failure.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        exception = Unwrap(exception);
        string message = OneLine(exception switch
        {
            OptionsValidationException options => string.Join("; ", options.Failures),
            ArgumentException argument => WithoutParameter(argument),
            _ => exception.Message,
        });
        if (exception is OperationCanceledException)
            return "cancelled.";
        return Explained.Any(t => t.IsInstanceOfType(exception)) ? message : $"{message} ({exception.GetType().Name})";
    }

    /// <summary>
    /// The message of an argument failure without the " (Parameter 'scores')" that .NET appends: the parameter is a name
    /// in the code, not something the user gave.
    /// </summary>
    public static string WithoutParameter(ArgumentException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        string suffix = $" (Parameter '{exception.ParamName}')";
        return exception.ParamName is not null && exception.Message.EndsWith(suffix, StringComparison.Ordinal)
            ? exception.Message[..^suffix.Length]
            : exception.Message;
    }

    /// <summary>Joins the lines of a message into one.</summary>
    public static string OneLine(string message) =>
        string.Join(" ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static Exception Unwrap(Exception exception)
    {
        while (exception is TargetInvocationException or AggregateException { InnerExceptions.Count: 1 } && exception.InnerException is { } inner)
            exception = inner;
        return exception;
    }

    /// <summary>The command the user ran, <c>rules show</c> rather than <c>show</c>: the user typed both words.</summary>
    public static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null && result.Command is not RootCommand; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, result.Command.Name);
        return string.Join(' ', names);
    }
}
