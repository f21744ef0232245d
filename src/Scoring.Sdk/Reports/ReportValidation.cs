using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Scoring.Reports;

/// <summary>
/// Turns a <see cref="ReportLine"/> into a <see cref="Report"/>, enforcing presence, JSON-level types and the
/// <see cref="ReportLimits"/>. The first failing field (in the order of the format's field table) is reported.
/// </summary>
internal static class ReportValidation
{
    /// <summary>What each field holds, for "expected …, got …" reasons when a value has the wrong JSON type.</summary>
    public static readonly IReadOnlyDictionary<string, string> ExpectedJsonTypes = new Dictionary<string, string>
    {
        ["type"] = "a string",
        ["id"] = "a string",
        ["peerId"] = "a string",
        ["account"] = "a string",
        ["jobId"] = "a string",
        ["minerId"] = "a string",
        ["wallet"] = "a string",
        ["category"] = "a string",
        ["model"] = "a string",
        ["uid"] = "a number",
        ["hotkey"] = "a string",
        ["timestamp"] = "a number (unix seconds) or an RFC 3339 string",
        ["cumulativeFlops"] = "a number",
        ["flopsSinceLast"] = "a number",
        ["width"] = "a number",
        ["height"] = "a number",
        ["steps"] = "a number",
        ["inputTokens"] = "a number",
        ["outputTokens"] = "a number",
        ["gpuName"] = "a string",
        ["gpuCount"] = "a number",
        ["gpuVramGb"] = "a number",
        ["latencySeconds"] = "a number",
        ["queryable"] = "true or false",
        ["penalized"] = "true or false",
        ["allocated"] = "true or false",
        ["source"] = "a string",
        ["score"] = "a number",
    };

    private static readonly SearchValues<char> ControlCharacters =
        SearchValues.Create(Enumerable.Range(0, 0x20).Select(c => (char)c).Append('\u007f').ToArray());

    /// <summary>Validates <paramref name="line"/>; on failure, <paramref name="field"/> is a JSON path.</summary>
    public static bool TryCreate(ReportLine line, [NotNullWhen(true)] out Report? report, out string field, out string reason)
    {
        var check = new FieldCheck();
        report = line.Type switch
        {
            ReportTypeNames.Swarm => CreateSwarm(line, ref check),
            ReportTypeNames.Image => CreateImage(line, ref check),
            ReportTypeNames.Llm => CreateLlm(line, ref check),
            ReportTypeNames.ProofOfGpu => CreateProofOfGpu(line, ref check),
            null => check.Fail("type", "is required (one of \"swarm\", \"image\", \"llm\", \"pog\")"),
            _ => check.Fail("type", $"unknown report type {Quote(line.Type)}; expected \"swarm\", \"image\", \"llm\" or \"pog\""),
        };

        field = check.Field is null ? string.Empty : "$." + check.Field;
        reason = check.Reason ?? string.Empty;
        return report is not null && check.Field is null;
    }

    private static SwarmPeerReport? CreateSwarm(ReportLine line, ref FieldCheck check)
    {
        var id = check.OptionalText(line.Id, "id");
        var peerId = check.Text(line.PeerId, "peerId");
        var account = check.Text(line.Account, "account");
        var timestamp = check.Timestamp(Given(line.Timestamp), "timestamp");
        var cumulative = check.OptionalRange(Given(line.CumulativeFlops), "cumulativeFlops", 0, ReportLimits.MaxFlops);
        var sinceLast = check.OptionalRange(Given(line.FlopsSinceLast), "flopsSinceLast", 0, ReportLimits.MaxFlops);
        if (Given(line.CumulativeFlops) is null && Given(line.FlopsSinceLast) is null)
        {
            check.Fail("cumulativeFlops", "is required unless flopsSinceLast is given (a report needs at least one of the two)");
        }

        return check.Failed
            ? null
            : new SwarmPeerReport(id ?? ReportIds.SwarmPeer(peerId, timestamp), peerId, account, timestamp, cumulative, sinceLast);
    }

    private static ImageJobReport? CreateImage(ReportLine line, ref FieldCheck check)
    {
        var jobId = check.Text(line.JobId, "jobId");
        var minerId = check.Text(line.MinerId, "minerId");
        var wallet = check.Text(line.Wallet, "wallet");
        var category = check.Text(line.Category, "category");
        var width = check.WholeNumber(Given(line.Width), "width", 1, ReportLimits.MaxImageSide);
        var height = check.WholeNumber(Given(line.Height), "height", 1, ReportLimits.MaxImageSide);
        var steps = check.WholeNumber(Given(line.Steps), "steps", 1, ReportLimits.MaxSteps);
        var vram = check.GpuVram(Given(line.GpuVramGb), "gpuVramGb");
        var latency = check.Range(Given(line.LatencySeconds), "latencySeconds", 0, ReportLimits.MaxLatencySeconds);
        var timestamp = check.Timestamp(Given(line.Timestamp), "timestamp");
        return check.Failed
            ? null
            : new ImageJobReport(jobId, minerId, wallet, category, width, height, steps, vram, latency, timestamp);
    }

    private static LlmJobReport? CreateLlm(ReportLine line, ref FieldCheck check)
    {
        var jobId = check.Text(line.JobId, "jobId");
        var minerId = check.Text(line.MinerId, "minerId");
        var wallet = check.Text(line.Wallet, "wallet");
        var model = check.Text(line.Model, "model");
        var input = check.WholeNumber(Given(line.InputTokens), "inputTokens", 0, ReportLimits.MaxTokens);
        var output = check.WholeNumber(Given(line.OutputTokens), "outputTokens", 0, ReportLimits.MaxTokens);
        var vram = check.GpuVram(Given(line.GpuVramGb), "gpuVramGb");
        var latency = check.Range(Given(line.LatencySeconds), "latencySeconds", 0, ReportLimits.MaxLatencySeconds);
        var timestamp = check.Timestamp(Given(line.Timestamp), "timestamp");
        return check.Failed
            ? null
            : new LlmJobReport(jobId, minerId, wallet, model, input, output, vram, latency, timestamp);
    }

    private static ProofOfGpuReport? CreateProofOfGpu(ReportLine line, ref FieldCheck check)
    {
        var id = check.OptionalText(line.Id, "id");
        var uid = check.WholeNumber(Given(line.Uid), "uid", 0, ReportLimits.MaxUid);
        var hotkey = check.Text(line.Hotkey, "hotkey");
        var gpuName = check.Text(line.GpuName, "gpuName");
        var gpuCount = check.WholeNumber(Given(line.GpuCount), "gpuCount", 0, ReportLimits.MaxGpuCount);
        var queryable = check.Flag(line.Queryable, "queryable");
        var penalized = check.Flag(line.Penalized, "penalized");
        var allocated = check.Flag(line.Allocated, "allocated");
        var source = line.Source switch
        {
            null or ReportTypeNames.LocalSource => ProofOfGpuSource.Local,
            ReportTypeNames.ExternalSource => ProofOfGpuSource.External,
            _ => check.Fail("source", $"must be \"local\" or \"external\", got {Quote(line.Source)}", ProofOfGpuSource.Local),
        };
        double? score = null;
        if (source == ProofOfGpuSource.External)
        {
            score = Given(line.Score) is null
                ? check.Fail<double?>("score", "is required when source is \"external\" (the other validator's score, 0 to 1)", null)
                : check.Range(Given(line.Score), "score", 0, 1);
        }
        else if (Given(line.Score) is not null)
        {
            check.Fail("score", "is only allowed when source is \"external\"");
        }

        double? timestamp = Given(line.Timestamp) is null ? null : check.Timestamp(Given(line.Timestamp), "timestamp");
        if (check.Failed)
        {
            return null;
        }

        return new ProofOfGpuReport(id ?? ReportIds.ProofOfGpu(uid, hotkey, source, timestamp), uid, hotkey, gpuName, gpuCount, queryable, penalized, allocated, source, score, timestamp);
    }

    /// <summary>The wire shape marks an absent number as NaN.</summary>
    private static double? Given(double value) => double.IsNaN(value) ? null : value;

    private static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string text) =>
        "\"" + (text.Length > 64 ? string.Concat(text.AsSpan(0, 64), "…") : text) + "\"";

    /// <summary>Checks fields in order and remembers the first failure; later checks become no-ops that return defaults.</summary>
    private struct FieldCheck
    {
        public string? Field { get; private set; }

        public string? Reason { get; private set; }

        public readonly bool Failed => Field is not null;

        public Report? Fail(string field, string reason) => Fail<Report?>(field, reason, null);

        public T Fail<T>(string field, string reason, T fallback)
        {
            if (Field is null)
            {
                Field = field;
                Reason = reason;
            }

            return fallback;
        }

        public string Text(string? value, string field) =>
            value is null ? Fail(field, "is required", string.Empty) : OptionalText(value, field) ?? string.Empty;

        public string? OptionalText(string? value, string field)
        {
            if (value is null)
            {
                return null;
            }

            if (value.Length == 0)
            {
                return Fail(field, "must not be empty", value);
            }

            if (value.Length > ReportLimits.MaxStringLength)
            {
                return Fail(field, $"is {value.Length} characters long; the limit is {ReportLimits.MaxStringLength}", value);
            }

            return value.AsSpan().ContainsAny(ControlCharacters)
                ? Fail(field, "must not contain control characters", value)
                : value;
        }

        public bool Flag(bool? value, string field) => value ?? Fail(field, "is required (true or false)", false);

        public double Range(double? value, string field, double min, double max) =>
            value is null ? Fail(field, "is required", 0d) : OptionalRange(value, field, min, max) ?? 0;

        public double? OptionalRange(double? value, string field, double min, double max)
        {
            if (value is not { } v)
            {
                return null;
            }

            if (!double.IsFinite(v))
            {
                return Fail(field, "is too large to be a number", (double?)0);
            }

            if (v < min)
            {
                return Fail(field, min == 0 ? $"must not be negative, got {FormatNumber(v)}" : $"must be at least {FormatNumber(min)}, got {FormatNumber(v)}", (double?)0);
            }

            return v > max ? Fail(field, $"must be at most {FormatNumber(max)}, got {FormatNumber(v)}", (double?)0) : v;
        }

        public double GpuVram(double? value, string field)
        {
            var vram = Range(value, field, 0, ReportLimits.MaxGpuVramGb);
            return vram == 0 && !Failed ? Fail(field, "must be greater than 0", 0d) : vram;
        }

        public int WholeNumber(double? value, string field, int min, int max)
        {
            if (value is { } v && double.IsFinite(v) && Math.Floor(v) != v)
            {
                return Fail(field, $"must be a whole number, got {FormatNumber(v)}", 0);
            }

            return (int)Range(value, field, min, max);
        }

        public double Timestamp(double? value, string field)
        {
            if (value is not { } v)
            {
                return Fail(field, "is required", 0d);
            }

            return double.IsFinite(v) && v >= ReportLimits.MinTimestamp && v < ReportLimits.EndTimestamp
                ? v
                : Fail(field, $"must be between 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z (unix seconds {FormatNumber(ReportLimits.MinTimestamp)} to {FormatNumber(ReportLimits.EndTimestamp)}), got {FormatNumber(v)}", 0d);
        }
    }
}
