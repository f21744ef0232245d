namespace Scoring.Rules.Jobs;

/// <summary>A line of a wallet snapshot file that was not accepted, and why.</summary>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Message">What is wrong, naming the field.</param>
public readonly record struct WalletSnapshotError(int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"line {Line}: {Message}";
}
