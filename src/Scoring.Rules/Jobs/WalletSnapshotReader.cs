using System.Text.Json;

namespace Scoring.Rules.Jobs;

/// <summary>
/// Reads a wallet snapshot file: JSON Lines, one object per line,
/// <c>{"epoch":12,"wallet":"0xabc","nfts":2,"stake":1500.0}</c>. <c>epoch</c> and <c>wallet</c> are required;
/// <c>nfts</c> and <c>stake</c> default to 0. Blank lines are skipped. A bad line is reported and left out; the rest is read.
/// </summary>
public static class WalletSnapshotReader
{
    /// <summary>The longest line read, in characters: a holdings line is a few dozen; a longer one means a wrong file.</summary>
    public const int MaxLineLength = 64 * 1024;

    /// <summary>Reads a holdings file; any bad line fails the whole file (boosts from a half-read snapshot would be wrong).</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="InvalidDataException">A line is bad; the message names the file and every bad line.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static WalletSnapshot ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path);
        var (snapshot, errors) = Read(reader);
        if (errors.Count > 0)
        {
            throw new InvalidDataException($"{path}: {string.Join("; ", errors.Select(e => e.ToString()))}");
        }
        return snapshot;
    }

    /// <summary>Reads every line of <paramref name="reader"/>.</summary>
    /// <returns>The snapshot of the good lines, and an error per bad line (in line order).</returns>
    public static (WalletSnapshot Snapshot, IReadOnlyList<WalletSnapshotError> Errors) Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var holdings = new List<WalletHoldings>();
        var firstLine = new Dictionary<(long, string), int>();
        var errors = new List<WalletSnapshotError>();
        int number = 0;
        var buffer = new System.Text.StringBuilder();
        while (ReadLine(reader, buffer) is { } line)
        {
            number++;
            if (line.Length > MaxLineLength)
            {
                // Not a holdings file (or not one line per wallet): reading on could mean reading without end (/dev/zero).
                errors.Add(new WalletSnapshotError(number, $"longer than {MaxLineLength} characters; the rest of the file was not read"));
                break;
            }
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            string? error = ParseLine(line, out var h);
            if (error is null && firstLine.TryGetValue((h.Epoch, h.Wallet), out int first))
            {
                error = $"wallet '{h.Wallet}' is already listed for epoch {h.Epoch} on line {first}";
            }
            if (error is not null)
            {
                errors.Add(new WalletSnapshotError(number, error));
                continue;
            }
            firstLine.Add((h.Epoch, h.Wallet), number);
            holdings.Add(h);
        }
        return (new WalletSnapshot(holdings), errors);
    }

    /// <summary>The next line without its terminator, or null at the end; a line over <see cref="MaxLineLength"/> is cut one character past it.</summary>
    private static string? ReadLine(TextReader reader, System.Text.StringBuilder buffer)
    {
        buffer.Clear();
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (c == '\n')
                return buffer.ToString();
            if (c != '\r')
                buffer.Append((char)c);
            if (buffer.Length > MaxLineLength)
                return buffer.ToString();
        }
        return buffer.Length > 0 ? buffer.ToString() : null;
    }

    private static string? ParseLine(string line, out WalletHoldings holdings)
    {
        try
        {
            return ParseObject(line, out holdings);
        }
        catch (InvalidOperationException)
        {
            // JsonElement.GetString and property names refuse an escaped lone surrogate (\ud800): it is not text.
            holdings = default;
            return "a name or string is not valid text (an unpaired surrogate escape such as \\ud800)";
        }
    }

    private static string? ParseObject(string line, out WalletHoldings holdings)
    {
        holdings = default;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return $"not a JSON object ({e.Message})";
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return $"expected a JSON object, got {root.ValueKind.ToString().ToLowerInvariant()}";
            }
            long? epoch = null;
            string? wallet = null;
            long nfts = 0;
            double stake = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    return $"field '{property.Name}' is given twice";
                }
                var value = property.Value;
                switch (property.Name)
                {
                    case "epoch":
                        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long e) || e < 0)
                        {
                            return $"field 'epoch' must be a whole number of at least 0 (got {value.GetRawText()})";
                        }
                        epoch = e;
                        break;
                    case "wallet":
                        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
                        {
                            return $"field 'wallet' must be a non-empty string (got {value.GetRawText()})";
                        }
                        wallet = value.GetString();
                        break;
                    case "nfts":
                        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out nfts) || nfts < 0)
                        {
                            return $"field 'nfts' must be a whole number of at least 0 (got {value.GetRawText()})";
                        }
                        break;
                    case "stake":
                        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out stake) || !(stake >= 0 && double.IsFinite(stake)))
                        {
                            return $"field 'stake' must be a number of at least 0 (got {value.GetRawText()})";
                        }
                        break;
                    default:
                        return $"unknown field '{property.Name}' (expected epoch, wallet, nfts, stake)";
                }
            }
            if (epoch is null)
            {
                return "field 'epoch' is missing";
            }
            if (wallet is null)
            {
                return "field 'wallet' is missing";
            }
            holdings = new WalletHoldings(epoch.Value, wallet, nfts, stake);
            return null;
        }
    }
}
