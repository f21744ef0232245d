using System.Buffers;
using System.Diagnostics;
using Scoring.Gpu.OpenCl;

namespace Scoring.Gpu;

/// <summary>
/// Runs a kernel over a batch of columns: upload inputs, run over <c>n</c> items, download outputs. Device buffers are
/// kept between runs and grown only when a larger batch needs them. A batch larger than
/// <see cref="OpenClBatchRunnerOptions.ChunkSize"/> is pipelined through two buffer sets on two queues, so the upload of
/// chunk <c>k+1</c> and the download of chunk <c>k-1</c> overlap the kernel on chunk <c>k</c> where the device allows.
/// Not thread-safe: use one runner (and one kernel object) per thread.
/// </summary>
internal sealed class OpenClBatchRunner : IDisposable
{
    private readonly OpenClContext _context;
    private readonly OpenClBatchRunnerOptions _options;
    private readonly List<DeviceBuffer>[] _slots = [[], []];
    private bool _disposed;

    internal OpenClBatchRunner(OpenClContext context, OpenClBatchRunnerOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.ChunkSize, nameof(options.ChunkSize));
        _context = context;
        _options = options;
    }

    /// <summary>Bytes of device memory this runner holds for reuse.</summary>
    public long DeviceBytesAllocated => _slots.SelectMany(s => s).Sum(b => b.Capacity);

    /// <summary>How many device buffers this runner has allocated so far (stays flat while batches fit the existing buffers).</summary>
    public int BufferAllocations { get; private set; }

    /// <summary>
    /// Runs <paramref name="kernel"/> over <paramref name="count"/> items. The kernel receives <c>n</c> (the items in the
    /// chunk), then one buffer per input column, then one per output column, in list order (see <see cref="OpenClKernel"/>).
    /// </summary>
    /// <param name="kernel">A kernel created on this runner's context.</param>
    /// <param name="count">Items in the batch; every column must have exactly this many elements. 0 does nothing.</param>
    /// <param name="inputs">Columns uploaded before the kernel runs.</param>
    /// <param name="outputs">Columns the kernel writes; filled when this method returns.</param>
    /// <returns>The upload / kernel / download split of the run.</returns>
    /// <exception cref="ArgumentException">A column has the wrong length or direction, or the kernel's parameter count does not match.</exception>
    /// <exception cref="OpenClException">An OpenCL call failed (e.g. <c>CL_OUT_OF_RESOURCES</c>).</exception>
    public OpenClBatchTimings Run(OpenClKernel kernel, int count, IReadOnlyList<KernelColumn> inputs, IReadOnlyList<KernelColumn> outputs)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Validate(kernel, count, inputs, outputs);
        if (count == 0)
        {
            return new OpenClBatchTimings(0, 0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, _context.IsProfilingEnabled, 0, 0);
        }

        KernelColumn[] columns = [.. inputs, .. outputs];
        int chunk = ChunkFor(count, columns);
        int chunks = (int)((count + (long)chunk - 1) / chunk);
        int slots = chunks > 1 ? 2 : 1;
        for (int s = 0; s < slots; s++)
        {
            EnsureBuffers(_slots[s], columns, chunk);
        }

        long localSize = kernel.ChooseLocalSize(_options.WorkGroupSize);
        var pins = new MemoryHandle[columns.Length];
        var recorded = new List<(ClEventHandle Event, Phase Phase)>();
        var kernelDone = new ClEventHandle[chunks];
        var clock = Stopwatch.StartNew();
        bool completed = false;
        try
        {
            for (int j = 0; j < columns.Length; j++)
            {
                pins[j] = columns[j].Pin();
            }

            for (int c = 0; c < chunks; c++)
            {
                List<DeviceBuffer> slot = _slots[c % slots];
                long start = (long)c * chunk;
                long length = Math.Min(chunk, count - start);

                var uploaded = new nint[inputs.Count];
                for (int j = 0; j < inputs.Count; j++)
                {
                    ClEventHandle write = Transfer(upload: true, slot[j], pins[j], columns[j].ElementSize, start, length, []);
                    recorded.Add((write, Phase.Upload));
                    uploaded[j] = write.Value;
                }

                Flush(_context.TransferQueue);
                kernel.SetArgument(0, length);
                for (int j = 0; j < columns.Length; j++)
                {
                    kernel.SetBuffer(j + 1, slot[j].Memory);
                }

                kernelDone[c] = kernel.Enqueue(_context.ComputeQueue, length, localSize, uploaded);
                recorded.Add((kernelDone[c], Phase.Kernel));
                Flush(_context.ComputeQueue);
                if (c > 0)
                {
                    Download(c - 1);
                }
            }

            Download(chunks - 1);
            OpenClContext.Finish(_context.TransferQueue);
            OpenClContext.Finish(_context.ComputeQueue);
            completed = true;
            clock.Stop();
            return Summarize(count, chunks, clock.Elapsed, recorded, inputs, outputs);
        }
        finally
        {
            if (!completed)
            {
                // Host memory stays pinned until every enqueued copy has finished, even when an enqueue failed.
                _ = ClNative.clFinish(_context.TransferQueue.Value);
                _ = ClNative.clFinish(_context.ComputeQueue.Value);
            }

            foreach (MemoryHandle pin in pins)
            {
                pin.Dispose();
            }

            foreach (var (evt, _) in recorded)
            {
                evt.Dispose();
            }
        }

        void Download(int c)
        {
            List<DeviceBuffer> slot = _slots[c % slots];
            long start = (long)c * chunk;
            long length = Math.Min(chunk, count - start);
            for (int j = inputs.Count; j < columns.Length; j++)
            {
                recorded.Add((Transfer(upload: false, slot[j], pins[j], columns[j].ElementSize, start, length, [kernelDone[c].Value]), Phase.Download));
            }

            Flush(_context.TransferQueue);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (DeviceBuffer buffer in _slots.SelectMany(s => s))
        {
            buffer.Memory.Dispose();
        }
    }

    private void Validate(OpenClKernel kernel, int count, IReadOnlyList<KernelColumn> inputs, IReadOnlyList<KernelColumn> outputs)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!ReferenceEquals(kernel.Context, _context))
        {
            throw new ArgumentException($"Kernel '{kernel.Name}' belongs to another OpenCL context than this runner.", nameof(kernel));
        }

        Check(inputs, "input", expectOutput: false, nameof(inputs));
        Check(outputs, "output", expectOutput: true, nameof(outputs));
        KernelArguments.CheckCount(kernel, inputs.Count + outputs.Count);

        void Check(IReadOnlyList<KernelColumn> columns, string role, bool expectOutput, string parameter)
        {
            for (int i = 0; i < columns.Count; i++)
            {
                KernelColumn column = columns[i] ?? throw new ArgumentException($"{role} column {i} is null.", parameter);
                if (column.IsOutput != expectOutput)
                {
                    throw new ArgumentException($"{role} column {i} was created with KernelColumn.{(column.IsOutput ? "Output" : "Input")}; {role}s must use KernelColumn.{(expectOutput ? "Output" : "Input")}.", parameter);
                }

                if (column.Length != count)
                {
                    throw new ArgumentException($"{role} column {i} has {column.Length} elements, but the batch has {count}.", parameter);
                }
            }
        }
    }

    /// <summary>The chunk length: the configured size, at most the batch, and small enough for the device's largest buffer.</summary>
    private int ChunkFor(int count, KernelColumn[] columns)
    {
        int widest = columns.Length == 0 ? 1 : columns.Max(c => c.ElementSize);
        long byAllocation = Math.Max(1, _context.Device.MaxAllocationBytes / widest);
        return (int)Math.Min(Math.Min(_options.ChunkSize, count), byAllocation);
    }

    private void EnsureBuffers(List<DeviceBuffer> slot, KernelColumn[] columns, int chunk)
    {
        for (int j = 0; j < columns.Length; j++)
        {
            long needed = (long)chunk * columns[j].ElementSize;
            if (j < slot.Count && slot[j].Capacity >= needed)
            {
                continue;
            }

            // Grow geometrically (up to a full chunk) so a stream of slowly growing batches reallocates rarely.
            long capacity = Math.Max(needed, Math.Min(j < slot.Count ? slot[j].Capacity * 2 : 0, (long)_options.ChunkSize * columns[j].ElementSize));
            var buffer = new DeviceBuffer(_context.AllocateMemory(capacity), capacity);
            BufferAllocations++;
            if (j < slot.Count)
            {
                slot[j].Memory.Dispose();
                slot[j] = buffer;
            }
            else
            {
                slot.Add(buffer);
            }
        }
    }

    private unsafe ClEventHandle Transfer(bool upload, DeviceBuffer buffer, MemoryHandle host, int elementSize, long start, long length, ReadOnlySpan<nint> waitFor)
    {
        byte* at = (byte*)host.Pointer + (start * elementSize);
        nuint bytes = (nuint)(length * elementSize);
        nint evt;
        fixed (nint* wait = waitFor)
        {
            int status = upload
                ? ClNative.clEnqueueWriteBuffer(_context.TransferQueue.Value, buffer.Memory.Value, 0, 0, bytes, at, (uint)waitFor.Length, waitFor.IsEmpty ? null : wait, &evt)
                : ClNative.clEnqueueReadBuffer(_context.TransferQueue.Value, buffer.Memory.Value, 0, 0, bytes, at, (uint)waitFor.Length, waitFor.IsEmpty ? null : wait, &evt);
            ClStatus.Check(status, upload ? "clEnqueueWriteBuffer" : "clEnqueueReadBuffer");
        }

        return new ClEventHandle(evt);
    }

    private static void Flush(ClQueueHandle queue) => ClStatus.Check(ClNative.clFlush(queue.Value), "clFlush");

    private OpenClBatchTimings Summarize(int count, int chunks, TimeSpan elapsed, List<(ClEventHandle Event, Phase Phase)> recorded, IReadOnlyList<KernelColumn> inputs, IReadOnlyList<KernelColumn> outputs)
    {
        var totals = new TimeSpan[3];
        bool profiled = _context.IsProfilingEnabled;
        if (profiled)
        {
            foreach (var (evt, phase) in recorded)
            {
                if (DeviceTime.Of(evt) is not TimeSpan time)
                {
                    profiled = false;
                    Array.Clear(totals);
                    break;
                }

                totals[(int)phase] += time;
            }
        }

        return new OpenClBatchTimings(
            count,
            chunks,
            totals[(int)Phase.Upload],
            totals[(int)Phase.Kernel],
            totals[(int)Phase.Download],
            elapsed,
            profiled,
            inputs.Sum(c => (long)c.ElementSize * count),
            outputs.Sum(c => (long)c.ElementSize * count));
    }

    private enum Phase
    {
        Upload,
        Kernel,
        Download,
    }

    private sealed record DeviceBuffer(ClMemHandle Memory, long Capacity);
}
