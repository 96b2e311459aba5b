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

    internal static void CountAllocation(long bytes) => Interlocked.Add(ref totalAllocatedBytes, bytes);
}
