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
    /// Only <paramref name="counted"/> storages add to <see cref="Memory.TotalAllocatedBytes"/>: the
    /// one-element storages of weak C# scalars are bookkeeping, not tensor memory.
    /// </summary>
    internal static Storage Allocate(DType dtype, long length, bool uninitialized = false, bool counted = true) => dtype switch
    {
        DType.Bool => new Storage<byte>(DType.Bool, length, uninitialized, counted),
        DType.UInt8 => new Storage<byte>(DType.UInt8, length, uninitialized, counted),
        DType.Int32 => new Storage<int>(DType.Int32, length, uninitialized, counted),
        DType.Int64 => new Storage<long>(DType.Int64, length, uninitialized, counted),
        DType.Float32 => new Storage<float>(DType.Float32, length, uninitialized, counted),
        _ => new Storage<double>(DType.Float64, length, uninitialized, counted),
    };
}

/// <summary>A storage over a plain <typeparamref name="T"/> array. Bool uses <see cref="byte"/> elements (0 or 1).</summary>
internal sealed class Storage<T> : Storage where T : unmanaged
{
    public readonly T[] Data;

    public Storage(DType dtype, long length, bool uninitialized, bool counted) : base(dtype)
    {
        Data = uninitialized ? GC.AllocateUninitializedArray<T>(checked((int)length)) : new T[checked((int)length)];
        if (counted) Memory.CountAllocation(ByteCount);
    }

    /// <summary>Wraps an existing array without copying (used for data the caller hands over).</summary>
    public Storage(DType dtype, T[] data) : base(dtype)
    {
        Data = data;
        Memory.CountAllocation(ByteCount);
    }

    public override long Length => Data.Length;

    internal override Span<byte> AsBytes() => System.Runtime.InteropServices.MemoryMarshal.AsBytes(Data.AsSpan());
}
