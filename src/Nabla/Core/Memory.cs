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

    /// <summary>Bytes held by the buffer pool for reuse: arrays of collected large tensors, kept so the next tensor of that size needs no fresh memory.</summary>
    public static long PooledBytes => BufferPool.PooledBytes;

    /// <summary>Releases the pooled buffers to the garbage collector (for example after a large computation is done).</summary>
    public static void TrimPool() => BufferPool.Trim();

    internal static void CountAllocation(long bytes) => Interlocked.Add(ref totalAllocatedBytes, bytes);
}
