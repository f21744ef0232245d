using System.CommandLine;
using System.Globalization;
using Scoring.Ingestion;
using Scoring.Weights;

namespace Scoring.Cli.Commands;

/// <summary>The options of <c>scoring score</c>, shared by its points and weights runs.</summary>
internal sealed class ScoreOptions
{
    /// <summary>The largest <c>--batch-size</c>: what <see cref="Scoring.Ingestion.IngestionOptions.BatchSize"/> allows.</summary>
    public const int MaxBatchSize = 1_000_000;

    public Option<string> Scheme { get; } = new("--scheme")
    {
        Description = "The registered scheme to run (built in: swarm, jobs, pog; more with --plugin). 'scoring rules list' shows every scheme.",
        Required = true,
    };

    public Option<string> Input { get; } = new("--input", "-i") { Description = "The reports, JSON Lines ('-' reads standard input).", Required = true };

    public Option<string[]> Rules { get; } = new("--rules")
    {
        Description = "A rule-set document replacing every built-in version with the same id (repeatable: several versions apply by effectiveFrom).",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> Options { get; } = new("--options")
    {
        Description = "The scheme's options as JSON: its configuration section (e.g. {\"Swarm\": {...}} or {\"Scoring\": {\"Swarm\": {...}}}) or the keys at the top level.",
    };

    public SchemeConfigurationOptions Configuration { get; } = new();

    public Option<string?> GpuConfig { get; } = new("--gpu-config")
    {
        Description = "pog: an SN27 validator's config.yaml (gpu_performance.gpu_scores) or a JSON GPU table, as a pog-score rule-set override.",
    };

    public Option<string> Db { get; } = LedgerOption.Create();

    public Option<DateTimeOffset?> AsOf { get; } = CommonOptions.Time("--as-of", "Leaderboards as of this time (default: now).");

    public Option<int> Top { get; } = CommonOptions.Top();

    public Option<Output.OutputFormat> Format { get; } = CommonOptions.Format();

    public Option<string?> Rejects { get; } = new("--rejects") { Description = "Append refused lines here (JSON Lines: line, field, reason, raw)." };

    /// <summary>
    /// The CLI's batch size when neither <c>--batch-size</c> nor <c>Ingestion:BatchSize</c> is given. Larger than the
    /// SDK's 10,000: a transaction's cost is largely per batch (every account it credits has its state, totals and index
    /// pages rewritten), and 10 M new swarm reports took 139 s in batches of 50,000 against 281 s in batches of 10,000,
    /// at 418 MB peak with the collection after each batch (<see cref="BatchCollection"/>; bench/README.md, "sixth pass").
    /// </summary>
    public const int DefaultBatchSize = 50_000;

    /// <summary>
    /// Batches decoded ahead of the writer unless <c>Ingestion:BatchesInFlight</c> says otherwise: one batch of 50,000 is
    /// enough to keep the writer fed, and a second one held 45 MB more at the peak for no speed (1 M swarm reports:
    /// 13.7–14.0 s, 419–423 MB against 14.2–14.5 s, 463–472 MB).
    /// </summary>
    public const int DefaultBatchesInFlight = 1;

    public Option<int?> BatchSize { get; } = new Option<int?>("--batch-size")
    {
        Description = string.Create(CultureInfo.InvariantCulture,
            $"Reports per ledger transaction (default {DefaultBatchSize}; also --set Ingestion:BatchSize=N). Larger batches are faster and take more memory; a crash re-does at most one."),
    }.Require(n => n is null or (>= 1 and <= MaxBatchSize), string.Create(CultureInfo.InvariantCulture, $"--batch-size must be from 1 to {MaxBatchSize:N0}."));

    public Option<bool> KeepOpen { get; } = new("--keep-open")
    {
        Description = "Leave the scheme's reorder windows and open epochs open for a following run (feed a split input with --keep-open on all parts but the last).",
    };

    public Option<int?> BurnUid { get; } = new("--burn-uid") { Description = "Weights schemes (pog): burn mode, all weight to this uid." };

    public Option<double?> MaxWeight { get; } = new("--max-weight") { Description = "Weights schemes (pog): the largest weight the chain allows, in (0, 1]." };

    public BackendSelection Backend { get; } = new();

    /// <summary>
    /// The configuration of a run of <paramref name="scheme"/>: <c>--options</c> and <c>--set</c> over the CLI's batch size
    /// and batches in flight, and <c>--batch-size</c>, when given, over them.
    /// </summary>
    public SchemeSettings Settings(ParseResult parse, string scheme)
    {
        ArgumentNullException.ThrowIfNull(parse);
        const string key = IngestionOptions.SectionName + ":" + nameof(IngestionOptions.BatchSize);
        const string inFlight = IngestionOptions.SectionName + ":" + nameof(IngestionOptions.BatchesInFlight);
        return Configuration.Settings(parse, scheme, parse.GetValue(Options)) with
        {
            Defaults =
            [
                KeyValuePair.Create(key, (string?)DefaultBatchSize.ToString(CultureInfo.InvariantCulture)),
                KeyValuePair.Create(inFlight, (string?)DefaultBatchesInFlight.ToString(CultureInfo.InvariantCulture)),
            ],
            Flags = parse.GetValue(BatchSize) is { } size ? [KeyValuePair.Create(key, (string?)size.ToString(CultureInfo.InvariantCulture))] : [],
        };
    }

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Scheme, Input, Rules, Options, GpuConfig, Db, AsOf, Top, Format, Rejects, BatchSize, KeepOpen, BurnUid, MaxWeight })
            command.Options.Add(option);
        Configuration.AddTo(command);
        Backend.AddTo(command);
    }

    /// <summary>The weight settings, checked.</summary>
    /// <exception cref="CommandException">The burn uid or max weight is out of range.</exception>
    public WeightSettings WeightSettings(ParseResult parse)
    {
        var settings = new WeightSettings { BurnUid = parse.GetValue(BurnUid), MaxWeight = parse.GetValue(MaxWeight) };
        if (settings.BurnUid is < 0 or > 65_535)
            throw new CommandException($"--burn-uid {settings.BurnUid} is not a uid (0 to 65535).");
        if (settings.MaxWeight is { } max && !(max > 0 && max <= 1))
            throw new CommandException($"--max-weight {max} must be in (0, 1].");
        return settings;
    }

    /// <summary>Opens the input: a file, or standard input for <c>-</c>.</summary>
    /// <exception cref="CommandException">The file cannot be read.</exception>
    public static Stream OpenInput(string path)
    {
        try
        {
            return path == "-" ? Console.OpenStandardInput() : File.OpenRead(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CommandException($"cannot read '{path}': {exception.Message}", exception);
        }
    }

    /// <summary>Opens the rejects file (appending), or returns null when none was asked for.</summary>
    /// <exception cref="CommandException">It cannot be written.</exception>
    public static Scoring.Ingestion.RejectsFile? OpenRejects(string? path)
    {
        if (path is null)
            return null;
        try
        {
            return new Scoring.Ingestion.RejectsFile(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CommandException($"cannot write the rejects file '{path}': {exception.Message}", exception);
        }
    }
}
