namespace Scoring.Ledger;

/// <summary>A window in UTC ticks, <c>[From, To)</c>; <see cref="long.MinValue"/>/<see cref="long.MaxValue"/> mean open.</summary>
internal readonly record struct TickRange(long From, long To)
{
    public bool IsAll => From == long.MinValue && To == long.MaxValue;

    public bool Contains(long ticks) => ticks >= From && ticks < To;
}
