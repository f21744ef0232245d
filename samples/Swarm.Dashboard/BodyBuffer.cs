using System.Buffers;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Swarm.Dashboard;

/// <summary>
/// Reads the bodies of signed requests within two bounds: each at most <see cref="DashboardOptions.MaxBodyBytes"/>,
/// and all of them held at once (read, or waiting to be scored) at most <see cref="DashboardOptions.BodyBufferBytes"/>
/// — a body waits for room before a byte of it is read. A body is compared with its signed <c>Content-Digest</c> as
/// it is read, so a body the peer did not sign is refused without being scored.
/// </summary>
/// <remarks>
/// Only requests that passed authentication come here (their headers are signed by a registered peer, within the
/// clock-skew window): whatever an unauthenticated client sends is never read, so it costs the server no memory.
/// The room is counted in bytes with a <see cref="ConcurrencyLimiter"/>: one permit per byte.
/// </remarks>
public sealed class BodyBuffer : IDisposable
{
    private readonly ConcurrencyLimiter _room;
    private readonly int _roomBytes;
    private readonly IOptionsMonitor<DashboardOptions> _options;

    /// <summary>Creates the buffer with the configured room (fixed at start).</summary>
    public BodyBuffer(IOptionsMonitor<DashboardOptions> options)
    {
        _options = options;
        int room = _roomBytes = options.CurrentValue.BodyBufferBytes;
        _room = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = room,
            // Bodies waiting for room are not read yet (they cost a connection, not memory); beyond four rooms' worth of
            // them the wait would be long, so the server answers 503 instead.
            QueueLimit = (int)Math.Min(int.MaxValue, 4L * room),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Reads the request's body, which must match <paramref name="sha256"/>.</summary>
    /// <returns>The body; dispose it once it is scored to give its room back.</returns>
    /// <exception cref="BodyRefusedException">The body is too large, does not match its digest, ended early, or the server has no room.</exception>
    public async Task<BufferedBody> ReadAsync(HttpRequest request, byte[] sha256, CancellationToken cancellationToken)
    {
        int limit = _options.CurrentValue.MaxBodyBytes;
        long? length = request.ContentLength;
        if (length > limit)
            throw TooLarge(limit);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit;

        // The room is fixed at start; MaxBodyBytes may have been raised past it since (a reloaded setting).
        int reserve = (int)Math.Clamp(length ?? limit, 1, _roomBytes);
        var lease = await _room.AcquireAsync(reserve, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new BodyRefusedException(StatusCodes.Status503ServiceUnavailable, "The server is busy",
                "too many bodies are waiting to be read and scored (Dashboard:BodyBufferBytes); send it again in a few seconds.");
        }
        try
        {
            byte[] body = await ReadAllAsync(request.Body, length, limit, cancellationToken).ConfigureAwait(false);
            if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(body), sha256))
                throw new BodyRefusedException(StatusCodes.Status401Unauthorized, "The body is not the one that was signed",
                    "the body's SHA-256 differs from the signed Content-Digest: it was changed or cut on the way. Nothing of it was recorded.");
            return new BufferedBody(body, lease);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _room.Dispose();

    private static async Task<byte[]> ReadAllAsync(Stream body, long? length, int limit, CancellationToken cancellationToken)
    {
        try
        {
            if (length is { } exact)
            {
                byte[] bytes = new byte[exact];
                await body.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
                return bytes;
            }
            var writer = new ArrayBufferWriter<byte>(64 * 1024);
            while (true)
            {
                int read = await body.ReadAsync(writer.GetMemory(16 * 1024), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                    return writer.WrittenSpan.ToArray();
                writer.Advance(read);
                if (writer.WrittenCount > limit)
                    throw TooLarge(limit);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(limit);
        }
        catch (BadHttpRequestException e)
        {
            throw new BodyRefusedException(e.StatusCode, "The body could not be read", $"{e.Message} Nothing of it was recorded.");
        }
        catch (EndOfStreamException)
        {
            throw new BodyRefusedException(StatusCodes.Status400BadRequest, "The body could not be read",
                "the body ended before its Content-Length. Nothing of it was recorded.");
        }
    }

    private static BodyRefusedException TooLarge(int limit) => new(StatusCodes.Status413PayloadTooLarge, "The body is too large",
        $"a body may carry at most {limit} bytes (Dashboard:MaxBodyBytes); send the reports in several requests. Nothing of it was recorded.");
}

/// <summary>A body read by <see cref="BodyBuffer"/>: holds its room until disposed.</summary>
/// <param name="Bytes">The body.</param>
/// <param name="Lease">The room it takes.</param>
public sealed record BufferedBody(byte[] Bytes, RateLimitLease Lease) : IDisposable
{
    /// <summary>Gives the room back.</summary>
    public void Dispose() => Lease.Dispose();
}

/// <summary>Why a body was not read: an HTTP status and an RFC 9457 title and detail.</summary>
public sealed class BodyRefusedException(int status, string title, string detail) : Exception(detail)
{
    /// <summary>The response status.</summary>
    public int Status { get; } = status;

    /// <summary>The problem's title.</summary>
    public string Title { get; } = title;
}
