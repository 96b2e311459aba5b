namespace Nabla;

/// <summary>
/// The memory behind one or more tensors: a typed array plus the version counter that autograd
/// checks. Views share their base's <see cref="Storage"/> object, so
/// <c>ReferenceEquals(x.Storage, x.Reshape(12).Storage)</c> is true.
/// </summary>
public abstract class Storage
{
    private int version;

    private protected Storage(DType dtype) => DType = dtype;

    /// <summary>The element type.</summary>
    public DType DType { get; }

    /// <summary>The number of elements the storage holds.</summary>
    public abstract long Length { get; }

    /// <summary>The size in bytes.</summary>
    public long ByteCount => Length * DType.ElementSize;

    /// <summary>
    /// How many times the storage has been written in place. Every mutation through any view
    /// increments it (torch.Tensor._version).
    /// </summary>
    public int Version => Volatile.Read(ref version);

    internal void BumpVersion() => Interlocked.Increment(ref version);

    /// <summary>The raw bytes of the whole storage.</summary>
    internal abstract Span<byte> AsBytes();

    /// <summary>
    /// A new storage of <paramref name="length"/> elements, zeroed unless <paramref name="uninitialized"/>.
    /// Large ones reuse arrays from <see cref="BufferPool"/>. Only <paramref name="counted"/> storages
    /// add to <see cref="Memory.TotalAllocatedBytes"/>: the one-element storages of weak C# scalars are
    /// bookkeeping, not tensor memory.
    /// </summary>
    internal static Storage Allocate(DType dtype, long length, bool uninitialized = false, bool counted = true) => dtype switch
    {
        DType.Bool or DType.UInt8 => Storage<byte>.Create(dtype, length, uninitialized, counted),
        DType.Int32 => Storage<int>.Create(dtype, length, uninitialized, counted),
        DType.Int64 => Storage<long>.Create(dtype, length, uninitialized, counted),
        DType.Float32 => Storage<float>.Create(dtype, length, uninitialized, counted),
        _ => Storage<double>.Create(dtype, length, uninitialized, counted),
    };

    /// <summary>
    /// Set once the storage's memory has been handed out as a span (<see cref="Tensor.AsSpan{T}"/>):
    /// such an array is never recycled, since the span may outlive the tensor.
    /// </summary>
    internal bool Exposed { get; set; }
}

/// <summary>A storage over a plain <typeparamref name="T"/> array. Bool uses <see cref="byte"/> elements (0 or 1).</summary>
internal class Storage<T> : Storage where T : unmanaged
{
    public readonly T[] Data;

    private protected Storage(DType dtype, T[] data, bool counted) : base(dtype)
    {
        Data = data;
        if (counted) Memory.CountAllocation(ByteCount);
    }

    public static Storage<T> Create(DType dtype, long length, bool uninitialized, bool counted)
    {
        int n = checked((int)length);
        if (BufferPool.Rent<T>(n) is { } reused)
        {
            if (!uninitialized) Array.Clear(reused);
            return new PooledStorage<T>(dtype, reused, counted);
        }
        var fresh = uninitialized ? GC.AllocateUninitializedArray<T>(n) : new T[n];
        // Rent counted a pooled-size array as live whether or not it found one; this storage returns it.
        return BufferPool.Accepts<T>(n) ? new PooledStorage<T>(dtype, fresh, counted) : new Storage<T>(dtype, fresh, counted);
    }

    public override long Length => Data.Length;

    internal override Span<byte> AsBytes() => System.Runtime.InteropServices.MemoryMarshal.AsBytes(Data.AsSpan());
}

/// <summary>
/// A large storage whose array goes back to <see cref="BufferPool"/> when the storage is collected,
/// so a loop that makes a big temporary each step reuses memory instead of faulting in fresh pages.
/// Kernels keep the tensors they read alive (GC.KeepAlive) until they are done with the array. An
/// exposed array is not reused (a span of it may outlive the storage) but still leaves the live count.
/// </summary>
internal sealed class PooledStorage<T> : Storage<T> where T : unmanaged
{
    public PooledStorage(DType dtype, T[] data, bool counted) : base(dtype, data, counted) { }

    ~PooledStorage()
    {
        BufferPool.Return(Data, reusable: !Exposed);
    }
}
