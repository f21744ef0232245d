namespace Pog.Validator;

/// <summary>Where Proof-of-GPU result lines arrive from.</summary>
public interface IResultFeed
{
    /// <summary>The complete lines that arrived since the last call, each with where it came from (<c>file:line</c>).</summary>
    IReadOnlyList<(string Origin, string Line)> ReadNew();
}
