namespace Scoring.Cli.Tests;

/// <summary>Picking from a list with a seeded <see cref="Random"/>.</summary>
internal static class RandomPick
{
    public static T Pick<T>(this Random random, params T[] items) => items[random.Next(items.Length)];
}
