using System.Text.Encodings.Web;
using System.Text.Json;

namespace Scoring.Ingestion;

/// <summary>
/// Writes rejected lines as JSON Lines: <c>{"line":12,"field":"$.width","reason":"…","raw":"…"}</c>.
/// The file is appended to, so several runs can share one rejects file. It is written for people to read: only what JSON
/// requires is escaped (quotes, backslashes, control characters), so <c>raw</c> shows the line as it was sent, <c>&lt;&gt;'"</c>
/// included, and stays valid JSON.
/// </summary>
public sealed class RejectsFile : IRejectSink, IDisposable
{
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _writer;

    /// <summary>Opens (creating or appending to) a rejects file.</summary>
    /// <param name="path">The file path.</param>
    public RejectsFile(string path)
        : this(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read))
    {
    }

    /// <summary>Writes rejects to a stream, which this object then owns.</summary>
    public RejectsFile(Stream stream)
    {
        _stream = stream;
        // Relaxed escaping is safe here: the file is data for people and tools, never embedded in HTML or script.
        _writer = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>How many rejects were written.</summary>
    public long Count { get; private set; }

    /// <inheritdoc />
    public void Write(ReportRejection rejection)
    {
        _writer.WriteStartObject();
        _writer.WriteNumber("line", rejection.Line);
        _writer.WriteString("field", rejection.Field);
        _writer.WriteString("reason", rejection.Reason);
        _writer.WriteString("raw", rejection.Raw);
        _writer.WriteEndObject();
        _writer.Flush();
        _stream.WriteByte((byte)'\n');
        _writer.Reset();
        Count++;
    }

    /// <inheritdoc />
    public void Flush()
    {
        _writer.Flush();
        _stream.Flush();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Flush();
        _writer.Dispose();
        _stream.Dispose();
    }
}
