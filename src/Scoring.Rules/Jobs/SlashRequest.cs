using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Scoring.Rules.Jobs;

/// <summary>
/// An operator's decision to take points away from an account: a fixed amount, or everything it earned in an epoch.
/// </summary>
/// <param name="Account">The account or wallet slashed.</param>
/// <param name="Currency">The currency slashed (<c>llama</c>, <c>waifu</c>, or another scheme's name such as <c>swarm</c>).</param>
/// <param name="Amount">The points to take (positive), or null for a whole-epoch slash.</param>
/// <param name="Epoch">The epoch whose earnings are all taken, or null for an amount slash.</param>
/// <param name="Reason">Why (required: the slash is an auditable record).</param>
/// <param name="Operator">Who decided (required).</param>
/// <param name="At">When the decision was made.</param>
public sealed record SlashRequest(string Account, string Currency, Points? Amount, long? Epoch, string Reason, string Operator, DateTimeOffset At)
{
    /// <summary>Every problem with the request (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Account))
        {
            errors.Add("account is required");
        }
        if (string.IsNullOrWhiteSpace(Currency))
        {
            errors.Add("currency is required");
        }
        if (Amount is null == Epoch is null)
        {
            errors.Add("give exactly one of amount and epoch");
        }
        if (Amount is { } amount && amount <= Points.Zero)
        {
            errors.Add($"amount must be positive (got {amount})");
        }
        if (Epoch is < 0)
        {
            errors.Add($"epoch must not be negative (got {Epoch})");
        }
        if (string.IsNullOrWhiteSpace(Reason))
        {
            errors.Add("reason is required");
        }
        if (string.IsNullOrWhiteSpace(Operator))
        {
            errors.Add("operator is required");
        }
        return errors;
    }

    /// <summary>The negative entry this slash records.</summary>
    /// <param name="earnedInEpoch">For a whole-epoch slash: what the account earned in that currency and epoch (from the ledger); ignored otherwise.</param>
    /// <exception cref="ArgumentException">The request is invalid, or a whole-epoch slash finds nothing earned; the message lists every problem.</exception>
    public SlashEntry ToEntry(Points earnedInEpoch = default)
    {
        var errors = Validate().ToList();
        if (errors.Count == 0 && Epoch is not null && earnedInEpoch <= Points.Zero)
        {
            errors.Add($"account '{Account}' earned nothing in {Currency} epoch {Epoch} (got {earnedInEpoch}): there is nothing to slash");
        }
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid slash: {string.Join("; ", errors)}.");
        }
        var amount = -(Amount ?? earnedInEpoch);
        return new SlashEntry(Key(), Account, Currency, Epoch, amount, Reason, Operator, At);
    }

    /// <summary>A stable id from every field: recording the same decision twice is idempotent in the ledger.</summary>
    private string Key()
    {
        string canonical = string.Join('\u001f', Account, Currency, Amount?.ToString() ?? "", Epoch?.ToString(CultureInfo.InvariantCulture) ?? "",
            Reason, Operator, At.UtcTicks.ToString(CultureInfo.InvariantCulture));
        return "slash:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)).AsSpan(0, 16));
    }
}
