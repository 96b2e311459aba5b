using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Nabla;

/// <summary>
/// Recycles the arrays of large storages by exact length and element type. A storage of at least
/// <see cref="MinBytes"/> returns its array here when it is collected; the next storage of the same
/// size takes it. The pool keeps at most <see cref="CapBytes"/>, keeps nothing while the machine
/// reports high memory load, and drops the sizes a program has stopped asking for, so it never holds
/// memory the process needs elsewhere. It also counts the bytes such storages hold while alive
/// (<see cref="Memory.LiveBytes"/>).
/// </summary>
internal static class BufferPool
{
    /// <summary>
    /// Arrays from this size on are pooled. It sits below the GC's large-object threshold (85 000
    /// bytes): a fresh large array is zeroed and counts toward the budget that triggers full
    /// collections, so a training step that drops a few 256 KB temporaries would otherwise run a
    /// gen-2 collection every few steps.
    /// </summary>
    public const long MinBytes = 64 << 10;

    /// <summary>
    /// The free arrays of one element type and length, and the collection cycle in which that size
    /// was last asked for. A stack, not a ConcurrentBag: arrays are returned on the finalizer thread
    /// and taken on others, which makes every bag take a locked steal; and the array returned last
    /// is the likeliest to be still in cache.
    /// </summary>
    private sealed class SizeClass
    {
        public readonly ConcurrentStack<Array> Arrays = new();
        public int LastCycle;
    }

    private static readonly ConcurrentDictionary<(Type, int), SizeClass> Free = new();
    private static long pooledBytes, liveBytes, handedOutBytes;
    private static int cycle;  // the number of collections the pool has run

    /// <summary>
    /// How many bytes of pooled-size arrays may go out (fresh or reused) before a miss makes the pool
    /// collect. A loop that drops large temporaries each step frees them only when the GC runs, and
    /// until then every step takes fresh memory. So when the pool is empty and this much has gone out
    /// since the last collection, it runs a gen-1 collection and waits for the finalizers: the dead
    /// temporaries' storages are young, their finalizers return the arrays, and the allocation that
    /// missed takes one of them. A steady loop then cycles through about this many bytes of arrays.
    /// The figure trades memory for collections: the MLP step of docs/performance.md (about 3 MB of
    /// such arrays per step) runs a collection every five steps, costing about 45 µs per step, and
    /// its process peaks near 70 MB (85 MB at 32 MB; 150 MB at 32 MB without waiting).
    /// </summary>
    private const long CollectEvery = 16L << 20;

    /// <summary>The most the pool holds: an eighth of the memory available to the process, at most 2 GiB.</summary>
    public static long CapBytes { get; } = Math.Min(2L << 30, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 8);

    public static long PooledBytes => Interlocked.Read(ref pooledBytes);

    public static long LiveBytes => Interlocked.Read(ref liveBytes);

    public static bool Accepts<T>(int length) where T : unmanaged => (long)length * Unsafe.SizeOf<T>() >= MinBytes;

    /// <summary>A pooled array of exactly <paramref name="length"/> elements (contents undefined), or null for a fresh one.</summary>
    public static T[]? Rent<T>(int length) where T : unmanaged
    {
        if (!Accepts<T>(length)) return null;
        long bytes = (long)length * Unsafe.SizeOf<T>();
        Interlocked.Add(ref liveBytes, bytes);
        bool due = Interlocked.Add(ref handedOutBytes, bytes) >= CollectEvery;
        var size = Free.GetOrAdd((typeof(T), length), _ => new SizeClass());
        size.LastCycle = Volatile.Read(ref cycle);
        var array = TryTake<T>(size);
        if (array is not null || !due) return array;
        Interlocked.Exchange(ref handedOutBytes, 0);
        // Sizes nobody asked for during the whole last cycle belong to an earlier phase of the
        // program (a 64 MB result it no longer makes): drop them, and collect fully so their memory
        // is freed too; otherwise a gen-1 collection finds this cycle's dead temporaries.
        bool dropped = DropStale(Interlocked.Increment(ref cycle));
        // Waiting matters: without it this allocation and the next few miss while the finalizer
        // thread catches up, and each miss adds an array to the cycle for good. (On the finalizer
        // thread itself the wait returns at once, so a finalizer that allocates a tensor is safe.)
        GC.Collect(dropped ? 2 : 1, GCCollectionMode.Forced, blocking: true);
        GC.WaitForPendingFinalizers();
        return TryTake<T>(size);
    }

    private static T[]? TryTake<T>(SizeClass size)
    {
        if (!size.Arrays.TryPop(out var array)) return null;
        Interlocked.Add(ref pooledBytes, -(long)array.Length * Unsafe.SizeOf<T>());
        return (T[])array;
    }

    /// <summary>Empties the size classes last asked for before the cycle that just ended; true if that freed anything.</summary>
    private static bool DropStale(int current)
    {
        bool dropped = false;
        foreach (var size in Free.Values)
            if (size.LastCycle < current - 1) dropped |= Drain(size) > 0;
        return dropped;
    }

    private static long Drain(SizeClass size)
    {
        long bytes = 0;
        while (size.Arrays.TryPop(out var array)) bytes += Bytes(array);
        Interlocked.Add(ref pooledBytes, -bytes);
        return bytes;
    }

    /// <summary>Takes back the array of a collected storage; <paramref name="reusable"/> is false when a span of it was handed out.</summary>
    public static void Return<T>(T[] array, bool reusable) where T : unmanaged
    {
        long bytes = Bytes(array);
        Interlocked.Add(ref liveBytes, -bytes);
        if (!reusable || PooledBytes + bytes > CapBytes || HighMemoryLoad()) return;  // let the GC have it
        Interlocked.Add(ref pooledBytes, bytes);
        Free.GetOrAdd((typeof(T), array.Length), _ => new SizeClass()).Arrays.Push(array);
    }

    /// <summary>Whether the last GC saw high memory load; looked up once per collection, since each lookup allocates.</summary>
    private static bool HighMemoryLoad()
    {
        int collections = GC.CollectionCount(0);
        if (collections != loadCheckedAt)
        {
            var info = GC.GetGCMemoryInfo();
            highLoad = info.HighMemoryLoadThresholdBytes > 0 && info.MemoryLoadBytes >= info.HighMemoryLoadThresholdBytes;
            loadCheckedAt = collections;
        }
        return highLoad;
    }

    // Read and written only by finalizers (one thread); a stale value costs one wrong keep-or-drop decision.
    private static int loadCheckedAt = -1;
    private static bool highLoad;

    /// <summary>Drops every pooled array so the GC can return the memory to the system.</summary>
    public static void Trim()
    {
        foreach (var size in Free.Values) Drain(size);
    }

    private static long Bytes(Array array) => (long)array.Length * System.Runtime.InteropServices.Marshal.SizeOf(array.GetType().GetElementType()!);
}
