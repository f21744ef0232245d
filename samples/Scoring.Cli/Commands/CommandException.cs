namespace Scoring.Cli.Commands;

/// <summary>
/// A failure the user can fix (a missing file, an unknown scheme, a refused option): the command prints its message as
/// one line, <c>scoring &lt;command&gt;: message</c>, and exits 1. The message says what is wrong and what to do.
/// </summary>
internal sealed class CommandException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CommandException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception, keeping the cause.</summary>
    public CommandException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
