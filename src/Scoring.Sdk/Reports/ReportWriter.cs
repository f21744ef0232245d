using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Scoring.Reports;

/// <summary>
/// Writes reports as JSON Lines (one object and a <c>\n</c> per report) in the format <see cref="ReportDecoder"/>
/// reads; writing then decoding gives back an equal report. Output is buffered; call <see cref="Flush"/> or dispose.
/// Non-ASCII text is written as UTF-8, not <c>\u</c> escapes, since JSON Lines files are not embedded in HTML.
/// </summary>
public sealed class ReportWriter : IDisposable, IAsyncDisposable
{
    private const int FlushThreshold = 32 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold * 2);
    private readonly Utf8JsonWriter _json;

    /// <summary>Creates a writer onto <paramref name="stream"/>.</summary>
    /// <param name="stream">The UTF-8 output.</param>
    /// <param name="leaveOpen">Whether disposing the writer leaves <paramref name="stream"/> open.</param>
    public ReportWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _json = new Utf8JsonWriter(_buffer, WriterOptions);
    }

    /// <summary>Writes one report as one line.</summary>
    /// <param name="report">The report.</param>
    public void Write(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _json.Reset();
        WriteObject(_json, report);
        _json.Flush();
        EndLine();
    }

    /// <summary>
    /// Writes one line exactly as given (a <c>\n</c> is appended), e.g. to pass a quarantined line through or to
    /// build test input with malformed lines.
    /// </summary>
    /// <param name="utf8Line">The line's bytes; must not contain <c>\n</c>.</param>
    public void WriteRawLine(ReadOnlySpan<byte> utf8Line)
    {
        if (utf8Line.Contains((byte)'\n'))
        {
            throw new ArgumentException("A line must not contain a line feed.", nameof(utf8Line));
        }

        _buffer.Write(utf8Line);
        EndLine();
    }

    /// <summary>Writes the buffered lines to the stream and flushes it.</summary>
    public void Flush()
    {
        WriteBuffered();
        _stream.Flush();
    }

    /// <summary>Writes the buffered lines to the stream and flushes it, asynchronously.</summary>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        await _stream.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _buffer.ResetWrittenCount();
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Formats one report as its JSON object text, without a line terminator.</summary>
    /// <param name="report">The report.</param>
    public static string ToJson(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteObject(json, report);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Flush();
        _json.Dispose();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await FlushAsync().ConfigureAwait(false);
        await _json.DisposeAsync().ConfigureAwait(false);
        if (!_leaveOpen)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes the fields in the order of the format tables in <c>docs/formats.md</c>: <c>type</c> first,
    /// <c>timestamp</c> last, absent optional fields left out, and <c>id</c> left out when it is the one
    /// <see cref="ReportIds"/> derives.
    /// </summary>
    private static void WriteObject(Utf8JsonWriter json, Report report)
    {
        json.WriteStartObject();
        switch (report)
        {
            case SwarmPeerReport r:
                json.WriteString(Names.Type, Names.Swarm);
                WriteIdUnlessDerived(json, r.ReportId, ReportIds.SwarmPeer(r.PeerId, r.Timestamp));
                json.WriteString(Names.PeerId, r.PeerId);
                json.WriteString(Names.Account, r.Account);
                WriteOptional(json, Names.CumulativeFlops, r.CumulativeFlops);
                WriteOptional(json, Names.FlopsSinceLast, r.FlopsSinceLast);
                json.WriteNumber(Names.Timestamp, r.Timestamp);
                break;
            case ImageJobReport r:
                json.WriteString(Names.Type, Names.Image);
                json.WriteString(Names.JobId, r.JobId);
                json.WriteString(Names.MinerId, r.MinerId);
                json.WriteString(Names.Wallet, r.Wallet);
                json.WriteString(Names.Category, r.Category);
                json.WriteNumber(Names.Width, r.Width);
                json.WriteNumber(Names.Height, r.Height);
                json.WriteNumber(Names.Steps, r.Steps);
                json.WriteNumber(Names.GpuVramGb, r.GpuVramGb);
                json.WriteNumber(Names.LatencySeconds, r.LatencySeconds);
                json.WriteNumber(Names.Timestamp, r.Timestamp);
                break;
            case LlmJobReport r:
                json.WriteString(Names.Type, Names.Llm);
                json.WriteString(Names.JobId, r.JobId);
                json.WriteString(Names.MinerId, r.MinerId);
                json.WriteString(Names.Wallet, r.Wallet);
                json.WriteString(Names.Model, r.Model);
                json.WriteNumber(Names.InputTokens, r.InputTokens);
                json.WriteNumber(Names.OutputTokens, r.OutputTokens);
                json.WriteNumber(Names.GpuVramGb, r.GpuVramGb);
                json.WriteNumber(Names.LatencySeconds, r.LatencySeconds);
                json.WriteNumber(Names.Timestamp, r.Timestamp);
                break;
            case ProofOfGpuReport r:
                json.WriteString(Names.Type, Names.ProofOfGpu);
                WriteIdUnlessDerived(json, r.ReportId, ReportIds.ProofOfGpu(r.Uid, r.Hotkey, r.Source, r.Timestamp));
                json.WriteNumber(Names.Uid, r.Uid);
                json.WriteString(Names.Hotkey, r.Hotkey);
                json.WriteString(Names.GpuName, r.GpuName);
                json.WriteNumber(Names.GpuCount, r.GpuCount);
                json.WriteBoolean(Names.Queryable, r.Queryable);
                json.WriteBoolean(Names.Penalized, r.Penalized);
                json.WriteBoolean(Names.Allocated, r.Allocated);
                json.WriteString(Names.Source, r.Source == ProofOfGpuSource.External ? Names.External : Names.Local);
                WriteOptional(json, Names.Score, r.Score);
                WriteOptional(json, Names.Timestamp, r.Timestamp);
                break;
            default:
                throw new ArgumentException($"Unknown report type {report.GetType()}.", nameof(report));
        }

        json.WriteEndObject();
    }

    /// <summary>Leaves out an id the decoder would derive anyway: shorter lines, the same report.</summary>
    private static void WriteIdUnlessDerived(Utf8JsonWriter json, string id, string derived)
    {
        if (id != derived)
        {
            json.WriteString(Names.Id, id);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, JsonEncodedText name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }

    private void EndLine()
    {
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        if (_buffer.WrittenCount >= FlushThreshold)
        {
            WriteBuffered();
        }
    }

    private void WriteBuffered()
    {
        _stream.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
    }

    /// <summary>Pre-encoded field names and constants of the wire format.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText PeerId = JsonEncodedText.Encode("peerId");
        public static readonly JsonEncodedText Account = JsonEncodedText.Encode("account");
        public static readonly JsonEncodedText CumulativeFlops = JsonEncodedText.Encode("cumulativeFlops");
        public static readonly JsonEncodedText FlopsSinceLast = JsonEncodedText.Encode("flopsSinceLast");
        public static readonly JsonEncodedText JobId = JsonEncodedText.Encode("jobId");
        public static readonly JsonEncodedText MinerId = JsonEncodedText.Encode("minerId");
        public static readonly JsonEncodedText Wallet = JsonEncodedText.Encode("wallet");
        public static readonly JsonEncodedText Category = JsonEncodedText.Encode("category");
        public static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
        public static readonly JsonEncodedText Width = JsonEncodedText.Encode("width");
        public static readonly JsonEncodedText Height = JsonEncodedText.Encode("height");
        public static readonly JsonEncodedText Steps = JsonEncodedText.Encode("steps");
        public static readonly JsonEncodedText InputTokens = JsonEncodedText.Encode("inputTokens");
        public static readonly JsonEncodedText OutputTokens = JsonEncodedText.Encode("outputTokens");
        public static readonly JsonEncodedText GpuVramGb = JsonEncodedText.Encode("gpuVramGb");
        public static readonly JsonEncodedText LatencySeconds = JsonEncodedText.Encode("latencySeconds");
        public static readonly JsonEncodedText Uid = JsonEncodedText.Encode("uid");
        public static readonly JsonEncodedText Hotkey = JsonEncodedText.Encode("hotkey");
        public static readonly JsonEncodedText GpuName = JsonEncodedText.Encode("gpuName");
        public static readonly JsonEncodedText GpuCount = JsonEncodedText.Encode("gpuCount");
        public static readonly JsonEncodedText Queryable = JsonEncodedText.Encode("queryable");
        public static readonly JsonEncodedText Penalized = JsonEncodedText.Encode("penalized");
        public static readonly JsonEncodedText Allocated = JsonEncodedText.Encode("allocated");
        public static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
        public static readonly JsonEncodedText Score = JsonEncodedText.Encode("score");
        public static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
        public static readonly JsonEncodedText Swarm = JsonEncodedText.Encode(ReportTypeNames.Swarm);
        public static readonly JsonEncodedText Image = JsonEncodedText.Encode(ReportTypeNames.Image);
        public static readonly JsonEncodedText Llm = JsonEncodedText.Encode(ReportTypeNames.Llm);
        public static readonly JsonEncodedText ProofOfGpu = JsonEncodedText.Encode(ReportTypeNames.ProofOfGpu);
        public static readonly JsonEncodedText Local = JsonEncodedText.Encode(ReportTypeNames.LocalSource);
        public static readonly JsonEncodedText External = JsonEncodedText.Encode(ReportTypeNames.ExternalSource);
    }
}
