namespace Nabla;

/// <summary>Process-wide counters of tensor memory.</summary>
public static class Memory
{
    private static long totalAllocatedBytes;

    /// <summary>
    /// Bytes of tensor storage allocated since the process started, over all threads. Views,
    /// in-place operators and <c>destination:</c> calls leave it unchanged; that is how to check
    /// that <c>X += Y</c> allocated nothing.
    /// </summary>
    public static long TotalAllocatedBytes => Interlocked.Read(ref totalAllocatedBytes);

    /// <summary>
    /// Bytes held by live tensor storages of at least 64 KiB: counted when such a storage is made and
    /// uncounted when the GC collects it (views share their base's storage, so they add nothing).
    /// Smaller storages are ordinary GC arrays and are not tracked. A training loop whose figure stays
    /// flat is not leaking tensors; dropped tensors leave it at the next collection, not at once.
    /// </summary>
    public static long LiveBytes => BufferPool.LiveBytes;

    /// <summary>Bytes held by the buffer pool for reuse: arrays of collected large tensors, kept so the next tensor of that size needs no fresh memory.</summary>
    public static long PooledBytes => BufferPool.PooledBytes;

    /// <summary>Releases the pooled buffers to the garbage collector (for example after a large computation is done).</summary>
    public static void TrimPool() => BufferPool.Trim();

    internal static void CountAllocation(long bytes) => Interlocked.Add(ref totalAllocatedBytes, bytes);
}
