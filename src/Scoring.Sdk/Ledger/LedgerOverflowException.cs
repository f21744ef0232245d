namespace Scoring.Ledger;

/// <summary>
/// A sum left the 64-bit range: appending would overflow a running total (the batch is rejected and nothing
/// of it is committed), or a windowed query's sum overflows.
/// </summary>
public sealed class LedgerOverflowException : OverflowException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What overflowed, naming the account (and peer) and the part.</param>
    public LedgerOverflowException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the underlying error.</summary>
    /// <param name="message">What overflowed.</param>
    /// <param name="innerException">The store's own error.</param>
    public LedgerOverflowException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
