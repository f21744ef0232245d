using System.Globalization;

namespace Scoring.Cli.Generation;

/// <summary>Realistic-looking identifiers (handles, libp2p peer ids, wallets, hotkeys) drawn from a generator.</summary>
internal static class SyntheticNames
{
    private const string Base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private static readonly string[] Adjectives =
        ["swift", "quiet", "amber", "lunar", "rapid", "brave", "cosmic", "silent", "frosty", "golden", "hidden", "noble"];

    private static readonly string[] Nouns =
        ["otter", "falcon", "tensor", "badger", "comet", "kernel", "lynx", "heron", "quasar", "walrus", "gecko", "panda"];

    /// <summary>A leaderboard handle such as <c>swift-otter-0017</c>; the index keeps handles unique.</summary>
    public static string Handle(Xoshiro256StarStar random, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{random.Pick(Adjectives)}-{random.Pick(Nouns)}-{index:D4}");

    /// <summary>A libp2p-style peer id (<c>12D3KooW</c> and 44 base58 characters).</summary>
    public static string PeerId(Xoshiro256StarStar random) => "12D3KooW" + Text(random, Base58, 44);

    /// <summary>An SS58-style substrate hotkey (<c>5</c> and 47 base58 characters).</summary>
    public static string Hotkey(Xoshiro256StarStar random) => "5" + Text(random, Base58, 47);

    /// <summary>An EVM-style wallet address (<c>0x</c> and 40 hex digits).</summary>
    public static string Wallet(Xoshiro256StarStar random) => "0x" + Text(random, "0123456789abcdef", 40);

    private static string Text(Xoshiro256StarStar random, string alphabet, int length) =>
        string.Create(length, (random, alphabet), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.alphabet[state.random.Next(state.alphabet.Length)];
            }
        });
}
