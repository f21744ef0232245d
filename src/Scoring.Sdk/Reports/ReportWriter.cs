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

    /// <summary>Each report type writes its own fields (in the order of its format table, <c>type</c> first).</summary>
    private static void WriteObject(Utf8JsonWriter json, Report report) => report.ReportType.Write(json, report);

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
}
