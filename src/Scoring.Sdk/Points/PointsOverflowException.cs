namespace Scoring;

/// <summary>An amount of points left the range of <see cref="Points"/>, or a non-finite double was converted to points.</summary>
/// <remarks>Points are value: arithmetic never wraps silently, it throws this exception naming the operands.</remarks>
public sealed class PointsOverflowException : OverflowException
{
    /// <summary>Creates the exception with a message that names the values involved.</summary>
    public PointsOverflowException(string message) : base(message)
    {
    }
}
