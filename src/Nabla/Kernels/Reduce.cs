using System.Numerics;
using System.Numerics.Tensors;

namespace Nabla;

/// <summary>Reduces a contiguous run of elements to one value of the same type.</summary>
internal interface IReducer
{
    static abstract T Reduce<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T>;

    /// <summary>Whether the reducer has a <see cref="Columns"/> form; without one, a reduction over leading dims is transposed into rows first.</summary>
    static virtual bool ReducesColumns => false;

    /// <summary>
    /// Reduces the columns of <paramref name="rows"/> rows of result.Length elements, row r starting at
    /// <c>r * rowStride</c> in <paramref name="x"/>, into <paramref name="result"/>.
    /// </summary>
    static virtual void Columns<T>(ReadOnlySpan<T> x, int rows, int rowStride, Span<T> result) where T : unmanaged, INumber<T> =>
        throw new NotSupportedException("this reducer has no column form (see ReducesColumns)");
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

    public static bool ReducesColumns => true;

    public static void Columns<T>(ReadOnlySpan<T> x, int rows, int rowStride, Span<T> result) where T : unmanaged, INumber<T> =>
        Summation.Columns(x, rows, rowStride, result);
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

    /// <summary>
    /// Reduces a contiguous [rows, output.Numel] view of <c>x</c> over its rows (leading dims reduced,
    /// trailing kept) with a reducer that <see cref="IReducer.ReducesColumns"/>. Columns are split over
    /// cores in fixed bands, so the result does not depend on the number of threads.
    /// </summary>
    public static void Columns<TReducer>(Tensor x, long rows, Tensor output) where TReducer : struct, IReducer
    {
        var func = new ColumnsFunc<TReducer>(x, rows, output);
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

    private readonly struct ColumnsFunc<TReducer>(Tensor x, long rows, Tensor output) : IElementFunc where TReducer : struct, IReducer
    {
        public void Invoke<T>() where T : unmanaged, INumber<T>
        {
            var source = x.Data<T>();
            var result = output.Data<T>();
            int offset = (int)x.StorageOffset, n = (int)rows, cols = result.Length;
            if (n * (long)cols < StridedLoop.ParallelThreshold || cols < 2 * ColumnBand)
                TReducer.Columns<T>(source.AsSpan(offset, n * cols), n, cols, result);
            else
                Bands(source, offset, n, result);
            GC.KeepAlive(x);
        }

        /// <summary>Each band of columns is reduced over every row on its own: no band's result depends on the split.</summary>
        private static void Bands<T>(T[] source, int offset, int rows, T[] result) where T : unmanaged, INumber<T>
        {
            int cols = result.Length, bands = (cols + ColumnBand - 1) / ColumnBand;
            Parallel.For(0, bands, Threads.Options, b =>
            {
                int start = b * ColumnBand, width = Math.Min(ColumnBand, cols - start);
                TReducer.Columns<T>(source.AsSpan(offset + start, (rows - 1) * cols + width), rows, cols, result.AsSpan(start, width));
            });
        }
    }

    private const int ColumnBand = 512;

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
