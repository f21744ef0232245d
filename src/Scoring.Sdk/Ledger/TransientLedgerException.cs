namespace Scoring.Ledger;

/// <summary>
/// A write transaction lost a race it can win by running again (e.g. a PostgreSQL transaction found a report key it
/// had classified as new recorded meanwhile by a concurrent one). Every store's <see cref="ILedgerStore.WriteAsync{T}"/>
/// rolls back and runs the work again, like after a busy file, a deadlock or a serialization failure; once the retries
/// are spent the caller gets this <see cref="InvalidOperationException"/>.
/// </summary>
internal sealed class TransientLedgerException(string message) : InvalidOperationException(message);
