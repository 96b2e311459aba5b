using System.Collections.Concurrent;

namespace Nabla;

/// <summary>
/// Recycles the arrays of large storages by exact length and element type. A storage of at least
/// <see cref="MinBytes"/> returns its array here when it is collected; the next storage of the same
/// size takes it. The pool keeps at most <see cref="CapBytes"/> and keeps nothing while the machine
/// reports high memory load, so it never holds memory the process needs elsewhere.
/// </summary>
internal static class BufferPool
{
    /// <summary>Below this size the GC's own allocator is as fast as a pool.</summary>
    public const long MinBytes = 1 << 20;

    private static readonly ConcurrentDictionary<(Type, int), ConcurrentBag<Array>> Free = new();
    private static long pooledBytes;
    private static long handedOutBytes;

    /// <summary>
    /// How many bytes of large arrays the pool may hand out (fresh or reused) before a miss makes it
    /// collect. A loop that drops a large temporary each step frees it only when the GC runs, which
    /// for large arrays may be gigabytes later, and until then every step faults in new pages (a
    /// 64 MB result costs more in page faults than in arithmetic). So when the pool is empty and this
    /// much has gone out since the last collection, it starts a collection, whose finalizers return
    /// the dead arrays for the next requests; a steady loop then reuses the same few arrays.
    /// </summary>
    private const long CollectEvery = 256L << 20;

    /// <summary>The most the pool holds: an eighth of the memory available to the process, at most 2 GiB.</summary>
    public static long CapBytes { get; } = Math.Min(2L << 30, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 8);

    public static long PooledBytes => Interlocked.Read(ref pooledBytes);

    public static bool Accepts<T>(int length) where T : unmanaged => (long)length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() >= MinBytes;

    public static T[]? Rent<T>(int length) where T : unmanaged
    {
        if (!Accepts<T>(length)) return null;
        bool due = Interlocked.Add(ref handedOutBytes, (long)length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>()) >= CollectEvery;
        var array = TryTake<T>(length);
        if (array is not null || !due) return array;
        Interlocked.Exchange(ref handedOutBytes, 0);
        // Not waiting for the finalizers keeps this safe on any thread (the finalizer thread
        // included): this allocation goes fresh, and the arrays they return serve the next ones.
        GC.Collect();
        return null;
    }

    private static T[]? TryTake<T>(int length)
    {
        if (!Free.TryGetValue((typeof(T), length), out var bag) || !bag.TryTake(out var array)) return null;
        Interlocked.Add(ref pooledBytes, -Bytes(array));
        return (T[])array;
    }

    public static void Return<T>(T[] array) where T : unmanaged
    {
        long bytes = Bytes(array);
        var info = GC.GetGCMemoryInfo();
        if (PooledBytes + bytes > CapBytes || (info.HighMemoryLoadThresholdBytes > 0 && info.MemoryLoadBytes >= info.HighMemoryLoadThresholdBytes))
            return;  // let the GC have it
        Interlocked.Add(ref pooledBytes, bytes);
        Free.GetOrAdd((typeof(T), array.Length), _ => new ConcurrentBag<Array>()).Add(array);
    }

    /// <summary>Drops every pooled array so the GC can return the memory to the system.</summary>
    public static void Trim()
    {
        foreach (var bag in Free.Values)
            while (bag.TryTake(out var array)) Interlocked.Add(ref pooledBytes, -Bytes(array));
    }

    private static long Bytes(Array array) => (long)array.Length * System.Runtime.InteropServices.Marshal.SizeOf(array.GetType().GetElementType()!);
}
