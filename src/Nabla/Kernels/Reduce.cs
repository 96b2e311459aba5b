using System.Numerics;
using System.Numerics.Tensors;

namespace Nabla;

/// <summary>Reduces a contiguous run of elements to one value of the same type.</summary>
internal interface IReducer
{
    static abstract T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T>;
}

/// <summary>Reduces a contiguous run to the index of one of its elements (argmax, argmin).</summary>
internal interface IIndexReducer
{
    static abstract int Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T>;
}

/// <summary>torch.sum: accurate for floats (see <see cref="Summation"/>).</summary>
internal readonly struct SumReducer : IReducer
{
    public static T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T> => Summation.Of(x);
}

/// <summary>torch.prod: floats multiply in double.</summary>
internal readonly struct ProdReducer : IReducer
{
    public static T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T>
    {
        if (FloatSpans.IsFloating<T>())
        {
            double product = 1;
            foreach (var v in x) product *= double.CreateTruncating(v);
            return T.CreateTruncating(product);
        }
        T result = T.One;
        foreach (var v in x) result *= v;
        return result;
    }
}

/// <summary>torch.amax: NaN propagates.</summary>
internal readonly struct MaxReducer : IReducer
{
    public static T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T> => TensorPrimitives.Max(x);
}

/// <summary>torch.amin: NaN propagates.</summary>
internal readonly struct MinReducer : IReducer
{
    public static T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T> => TensorPrimitives.Min(x);
}

/// <summary>torch.argmax: the first maximal element, or the first NaN.</summary>
internal readonly struct ArgMaxReducer : IIndexReducer
{
    public static int Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T> => TensorPrimitives.IndexOfMax(x);
}

/// <summary>torch.argmin: the first minimal element, or the first NaN.</summary>
internal readonly struct ArgMinReducer : IIndexReducer
{
    public static int Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T> => TensorPrimitives.IndexOfMin(x);
}

/// <summary>
/// Runs a reducer over the rows of a contiguous [outer, inner] view of <c>x</c> (reduced dims
/// already moved last), writing one value per row. Rows are spread over cores when there are
/// many; a single long row is parallelised inside the reducer (see <see cref="Summation"/>).
/// </summary>
internal static class Reduce
{
    public static void Rows<TReducer>(Tensor x, long inner, Tensor output) where TReducer : struct, IReducer
    {
        var func = new RowsFunc<TReducer>(x, inner, output);
        Dispatch.Run(x.DType, ref func);
    }

    public static void RowIndices<TReducer>(Tensor x, long inner, Tensor values, Tensor indices) where TReducer : struct, IIndexReducer
    {
        var func = new IndexFunc<TReducer>(x, inner, values, indices);
        Dispatch.Run(x.DType, ref func);
    }

    private static void ForRows(long rows, long inner, Action<int> row)
    {
        if (rows > 1 && rows * inner >= StridedLoop.ParallelThreshold) Parallel.For(0, (int)rows, Threads.Options, row);
        else for (int r = 0; r < rows; r++) row(r);
    }

    private readonly struct RowsFunc<TReducer>(Tensor x, long inner, Tensor output) : IElementFunc where TReducer : struct, IReducer
    {
        public void Invoke<T>() where T : unmanaged, INumber<T>
        {
            var source = x.Data<T>();
            var result = output.Data<T>();
            int offset = (int)x.StorageOffset, n = (int)inner;
            // An empty view may have an offset past the end of its storage (torch.zeros(2, 0)[1:] does): no slicing then.
            ForRows(output.Numel, inner, r => result[r] = TReducer.Reduce<T>(n == 0 ? default : source.AsSpan(offset + r * n, n)));
            GC.KeepAlive(x);
        }
    }

    private readonly struct IndexFunc<TReducer>(Tensor x, long inner, Tensor values, Tensor indices) : IElementFunc
        where TReducer : struct, IIndexReducer
    {
        public void Invoke<T>() where T : unmanaged, INumber<T>
        {
            var source = x.Data<T>();
            var best = values.Data<T>();
            var where = indices.Data<long>();
            int offset = (int)x.StorageOffset, n = (int)inner;
            ForRows(indices.Numel, inner, r =>
            {
                int i = TReducer.Reduce<T>(source.AsSpan(offset + r * n, n));
                where[r] = i;
                best[r] = source[offset + r * n + i];
            });
            GC.KeepAlive(x);
        }
    }
}

/// <summary>torch.all on the 0/1 elements of a Bool tensor (true for an empty run).</summary>
internal readonly struct AllReducer : IReducer
{
    public static T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T> => x.Contains(T.Zero) ? T.Zero : T.One;
}

/// <summary>torch.any on the 0/1 elements of a Bool tensor (false for an empty run).</summary>
internal readonly struct AnyReducer : IReducer
{
    public static T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T> => x.ContainsAnyExcept(T.Zero) ? T.One : T.Zero;
}
