using System.Numerics;
using System.Runtime.InteropServices;

namespace Nabla;

// Getting elements out of a tensor, and converting between dtypes.
public sealed partial class Tensor
{
    /// <summary>
    /// A row-major copy of the elements as a C# array (torch.Tensor.tolist, flattened). When
    /// <typeparamref name="T"/> is not this tensor's element type the values are converted as <see cref="To"/> does.
    /// </summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not bool, byte, int, long, float or double.</exception>
    /// <example><c>float[] flat = X.ToArray&lt;float&gt;();</c></example>
    public T[] ToArray<T>() where T : unmanaged
    {
        var source = Converted(DTypes.Of<T>()).ContiguousData();
        var result = GC.AllocateUninitializedArray<T>(checked((int)source.Numel));  // every element is written below
        if (result.Length == 0) return result;  // an empty view's offset may lie past its storage
        source.storage.AsBytes().Slice((int)(source.StorageOffset * source.DType.ElementSize), result.Length * source.DType.ElementSize)
            .CopyTo(MemoryMarshal.AsBytes(result.AsSpan()));
        return result;
    }

    /// <summary>The elements of this contiguous tensor, read-only and without a copy.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not this tensor's element type.</exception>
    /// <exception cref="InvalidOperationException">The tensor is not contiguous: call <see cref="Contiguous"/> first.</exception>
    /// <example><c>ReadOnlySpan&lt;float&gt; span = X.Contiguous().AsSpan&lt;float&gt;();</c></example>
    public ReadOnlySpan<T> AsSpan<T>() where T : unmanaged
    {
        if (DTypes.Of<T>() != DType)
            throw new ArgumentException($"AsSpan<{typeof(T).Name}> does not match the tensor's dtype {DType.TorchName}; convert with To() first.");
        if (!IsContiguous)
            throw new InvalidOperationException($"AsSpan needs a contiguous tensor, but shape {Shape} has strides {Nabla.Shape.Format(Layout.Strides)}; call Contiguous() first.");
        storage.Exposed = true;  // the span may outlive this tensor: never recycle the array
        if (Numel == 0) return [];  // an empty view's offset may lie past its storage
        var bytes = storage.AsBytes().Slice((int)(StorageOffset * DType.ElementSize), (int)(Numel * DType.ElementSize));
        return MemoryMarshal.Cast<byte, T>(bytes);
    }

    /// <summary>The value of a one-element tensor as a C# number (torch.Tensor.item), converted to <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidOperationException">The tensor has more or fewer than one element.</exception>
    /// <example><c>float v = X[1, 2].Item&lt;float&gt;();</c></example>
    public T Item<T>() where T : unmanaged
    {
        if (Numel != 1)
            throw new InvalidOperationException($"a Tensor with {Numel} elements cannot be converted to Scalar (shape {Shape})");
        object value = DTypes.Of<T>() switch
        {
            DType.Bool => ItemAs<double>() != 0,  // Python's bool(): any non-zero value, NaN included, is true
            DType.UInt8 => ItemAs<byte>(),
            DType.Int32 => ItemAs<int>(),
            DType.Int64 => ItemAs<long>(),
            DType.Float32 => ItemAs<float>(),
            _ => ItemAs<double>(),
        };
        return (T)value;
    }

    private TOut ItemAs<TOut>() where TOut : unmanaged, INumber<TOut>
    {
        var read = new ReadOne<TOut>(this);
        Dispatch.Run(DType, ref read);
        return read.Value;
    }

    private struct ReadOne<TOut>(Tensor tensor) : IElementFunc where TOut : unmanaged, INumber<TOut>
    {
        public TOut Value;

        public void Invoke<T>() where T : unmanaged, INumber<T> =>
            Value = Copy.Convert<T, TOut>(tensor.Data<T>()[tensor.StorageOffset], toBool: false);
    }

    /// <summary>This tensor when it already has <paramref name="dtype"/>, otherwise a converted copy (torch.Tensor.to(dtype)).</summary>
    /// <remarks>Floating to integer truncates toward zero; anything to Bool is "non-zero".</remarks>
    /// <example><c>X.To(DType.Float64)</c></example>
    public Tensor To(DType dtype)
    {
        var result = Converted(dtype);
        return ReferenceEquals(result, this) ? this : Graph.Record(result, "ToCopyBackward0", [this], g => [g]);  // the engine casts the gradient back
    }

    /// <summary>The values in <paramref name="dtype"/>, outside the graph: for kernels preparing their operands.</summary>
    internal Tensor Converted(DType dtype)
    {
        if (dtype == DType) return this;
        if (IsWrappedNumber) return WrappedNumber(this, dtype);
        var result = Allocate(Shape, dtype, uninitialized: true);
        result.Assign(this);
        return result;
    }

    /// <summary>The value of a one-element tensor (float(t) in Python).</summary>
    /// <exception cref="InvalidOperationException">The tensor does not have exactly one element.</exception>
    public static explicit operator float(Tensor t) => (t ?? throw new ArgumentNullException(nameof(t))).Item<float>();

    /// <summary>The value of a one-element tensor.</summary>
    /// <exception cref="InvalidOperationException">The tensor does not have exactly one element.</exception>
    public static explicit operator double(Tensor t) => (t ?? throw new ArgumentNullException(nameof(t))).Item<double>();

    /// <summary>The value of a one-element tensor, truncated toward zero (int(t) in Python).</summary>
    /// <exception cref="InvalidOperationException">The tensor does not have exactly one element.</exception>
    public static explicit operator int(Tensor t) => (t ?? throw new ArgumentNullException(nameof(t))).Item<int>();

    /// <summary>The value of a one-element tensor, truncated toward zero.</summary>
    /// <exception cref="InvalidOperationException">The tensor does not have exactly one element.</exception>
    public static explicit operator long(Tensor t) => (t ?? throw new ArgumentNullException(nameof(t))).Item<long>();

    /// <summary>Python's <c>bool(t)</c>: true when the single element is non-zero.</summary>
    /// <exception cref="InvalidOperationException">The tensor has more than one element ("ambiguous").</exception>
    public static explicit operator bool(Tensor t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.Numel != 1)
            throw new InvalidOperationException($"Boolean value of Tensor with more than one value is ambiguous (shape {t.Shape})");
        return t.Item<bool>();
    }

    /// <summary>Lets a one-element tensor be an <c>if</c> condition: <c>if (b.Sum() &gt; 0)</c>.</summary>
    /// <exception cref="InvalidOperationException">The tensor has more than one element.</exception>
    public static bool operator true(Tensor t) => (bool)t;

    /// <summary>The complement of <c>operator true</c>, needed for <c>&amp;&amp;</c> and <c>||</c>.</summary>
    /// <exception cref="InvalidOperationException">The tensor has more than one element.</exception>
    public static bool operator false(Tensor t) => !(bool)t;
}
