using System.Numerics;
using System.Runtime.CompilerServices;

namespace Nabla;

/// <summary>
/// Runs an operator struct over tensors whose layouts are already broadcast to the output's
/// shape and whose dtypes are already the compute dtype: one dtype dispatch, then
/// <see cref="StridedLoop"/> hands out runs, and each run takes the span form of the operator
/// when it is contiguous (or a scalar against a contiguous run) and the scalar form otherwise.
/// </summary>
internal static class Elementwise
{
    public static void Unary<TOp>(Tensor x, Tensor output) where TOp : struct, IUnaryOperator<TOp>
    {
        var func = new UnaryFunc<TOp>(x, output);
        Dispatch.Run(output.DType, ref func);
    }

    /// <remarks>An operand of one element may come unexpanded: it is read as a scalar, or expanded here when the loop needs strides.</remarks>
    public static void Binary<TOp>(Tensor a, Tensor b, Tensor output) where TOp : struct, IBinaryOperator<TOp>
    {
        var func = new BinaryFunc<TOp>(a, b, output);
        Dispatch.Run(output.DType, ref func);
    }

    /// <summary>Writes <c>TOp(a, b)</c> into the Bool tensor <paramref name="output"/>.</summary>
    public static void Compare<TOp>(Tensor a, Tensor b, Tensor output) where TOp : struct, IComparisonOperator
    {
        var func = new CompareFunc<TOp>(a, b, output);
        Dispatch.Run(a.DType, ref func);
    }

    /// <summary>Writes <c>TOp(x)</c> into the Bool tensor <paramref name="output"/>.</summary>
    public static void Test<TOp>(Tensor x, Tensor output) where TOp : struct, IPredicateOperator
    {
        var func = new CompareFunc<TestAsComparison<TOp>>(x, x, output);
        Dispatch.Run(x.DType, ref func);
    }

    /// <summary>Where <paramref name="condition"/> (Bool) is true, copies <paramref name="x"/> into <paramref name="output"/>.</summary>
    public static void Select(Tensor condition, Tensor x, Tensor output)
    {
        var func = new SelectFunc(condition, x, output);
        Dispatch.Run(output.DType, ref func);
    }

    /// <summary>
    /// The longest run handed to a span operator writing memory that is likely in cache.
    /// TensorPrimitives writes a span over 256 KiB with non-temporal stores, which bypass the
    /// cache: right for memory that is not there anyway, but a destination the program has been
    /// using, or one written in place, then goes out to memory and has to come back. (Adding 1e6
    /// floats into an existing array on 2 cores here: 161 µs as one span per core, 82 µs in
    /// pieces of 128 KiB.)
    /// </summary>
    private const int CachedRunBytes = 128 << 10;

    /// <summary>
    /// The largest destination taken to be in cache: adding 2e6 floats into an existing array
    /// takes 225 µs in pieces and 310 µs streamed, 4e6 floats 1.4× longer in pieces.
    /// </summary>
    private const long CachedResultBytes = 8 << 20;

    /// <summary>Runs the kernel over the output's shape, in runs of at most <paramref name="maxRun"/> (see <see cref="MaxRun{T}"/>).</summary>
    private static void Loop<TKernel>(Tensor output, Tensor a, Tensor b, ref TKernel kernel, long maxRun = long.MaxValue) where TKernel : struct, IRunKernel
    {
        StridedLoop.Run(output.Shape.Sizes, output.Layout.Strides, output.StorageOffset,
            a.Layout.Strides, a.StorageOffset, b.Layout.Strides, b.StorageOffset, ref kernel, maxRun);
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        GC.KeepAlive(output);
    }

    /// <summary>
    /// The longest run to hand a span operator writing <paramref name="output"/>: pieces that
    /// keep it in cache if it is an existing tensor that fits there. A result the op has just
    /// allocated (its storage never written: a destination or in-place target has its version
    /// bumped before the kernel runs) is a pooled array last written many ops ago, or fresh pages,
    /// so it is not in cache, and the streaming stores save reading it in first: adding 1e6
    /// floats into such an array takes 156 µs streamed and 220 µs in pieces.
    /// </summary>
    private static long MaxRun<T>(Tensor output) where T : unmanaged =>
        output.Storage.Version > 0 && output.Numel * Unsafe.SizeOf<T>() <= CachedResultBytes ? CachedRunBytes / Unsafe.SizeOf<T>() : long.MaxValue;

    /// <summary>
    /// Whether a small op can skip the strided walk: the output and <paramref name="x"/> are
    /// contiguous (so both are one run), and short enough to be one call of the span operator.
    /// </summary>
    private static bool SingleRun<T>(Tensor output, Tensor x) where T : unmanaged => SmallContiguous<T>(output) && x.Layout.IsContiguous;

    /// <summary>A non-empty contiguous output that is one run of the strided walk: not cut, not split over cores.</summary>
    private static bool SmallContiguous<T>(Tensor output) where T : unmanaged
    {
        long n = output.Numel;
        return n > 0 && n * Unsafe.SizeOf<T>() <= CachedRunBytes && n < StridedLoop.ParallelThreshold && output.Layout.IsContiguous;
    }

    /// <summary>
    /// The length of the contiguous row that <paramref name="x"/> repeats over the output's
    /// leading dims (a bias broadcast over a batch; a broadcast scalar or a single element is a
    /// row of one), or 0 when it is not one row repeated.
    /// </summary>
    private static int RepeatedRowLength(Tensor x)
    {
        var sizes = x.Shape.Sizes;
        var strides = x.Layout.Strides;
        long row = 1;
        int d = sizes.Length - 1;
        for (; d >= 0 && (sizes[d] == 1 || strides[d] == row); d--) row *= sizes[d];
        for (; d >= 0; d--)
            if (strides[d] != 0 && sizes[d] != 1) return 0;
        return (int)row;
    }

    /// <summary>The bytes of a short repeated row laid out several times over, so one span call covers several rows.</summary>
    private const int TileBytes = 2048;

    /// <summary>
    /// <c>TOp(x, row)</c>, or <c>TOp(row, x)</c> when <paramref name="rowFirst"/>, for a contiguous
    /// <paramref name="x"/> each of whose <c>row.Length</c> elements meets the one
    /// <paramref name="row"/>. A scalar goes to the operator's scalar form. A short row is copied
    /// side by side to fill <see cref="TileBytes"/>: a TensorPrimitives call on the 10 logits of
    /// a class bias costs as much as one on a few hundred elements.
    /// </summary>
    private static void ApplyRows<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> row, Span<T> destination, bool rowFirst)
        where T : unmanaged, INumber<T> where TOp : struct, IBinaryOperator<TOp>
    {
        if (row.Length == 1)
        {
            if (rowFirst) TOp.Apply(row[0], x, destination);
            else TOp.Apply(x, row[0], destination);
            return;
        }
        scoped ReadOnlySpan<T> block = row;
        int copies = TileBytes / Unsafe.SizeOf<T>() / row.Length;
        if (copies > 1)
        {
            Span<T> tile = stackalloc T[copies * row.Length];
            for (int k = 0; k < copies; k++) row.CopyTo(tile[(k * row.Length)..]);
            block = tile;
        }
        for (int start = 0; start < x.Length; start += block.Length)
        {
            int n = Math.Min(block.Length, x.Length - start);
            if (rowFirst) TOp.Apply(block[..n], x.Slice(start, n), destination.Slice(start, n));
            else TOp.Apply(x.Slice(start, n), block[..n], destination.Slice(start, n));
        }
    }

    private readonly struct UnaryFunc<TOp>(Tensor x, Tensor output) : IElementFunc where TOp : struct, IUnaryOperator<TOp>
    {
        public void Invoke<T>() where T : unmanaged, INumber<T>
        {
            if (SingleRun<T>(output, x))
            {
                int n = (int)output.Numel;
                TOp.Apply<T>(Elements<T>(x, n), output.Data<T>().AsSpan((int)output.StorageOffset, n));
                GC.KeepAlive(x);
                GC.KeepAlive(output);
                return;
            }
            var kernel = new UnaryRuns<T, TOp>(output.Data<T>(), x.Data<T>());
            Loop(output, x, x, ref kernel, MaxRun<T>(output));
        }
    }

    private readonly struct UnaryRuns<T, TOp>(T[] d, T[] x) : IRunKernel
        where T : unmanaged, INumber<T> where TOp : struct, IUnaryOperator<TOp>
    {
        public void Run(long o0, long s0, long o1, long s1, long o2, long s2, long count)
        {
            int n = (int)count, i0 = (int)o0, i1 = (int)o1;
            if (s0 == 1 && s1 == 1)
            {
                TOp.Apply<T>(x.AsSpan(i1, n), d.AsSpan(i0, n));
                return;
            }
            for (int k = 0; k < n; k++, i0 += (int)s0, i1 += (int)s1) d[i0] = TOp.Apply(x[i1]);
        }
    }

    private readonly struct BinaryFunc<TOp>(Tensor a, Tensor b, Tensor output) : IElementFunc where TOp : struct, IBinaryOperator<TOp>
    {
        public void Invoke<T>() where T : unmanaged, INumber<T>
        {
            if (SmallContiguous<T>(output))
            {
                int n = (int)output.Numel;
                var destination = output.Data<T>().AsSpan((int)output.StorageOffset, n);
                bool aRun = a.Numel == n && a.Layout.IsContiguous, bRun = b.Numel == n && b.Layout.IsContiguous;
                bool done = true;
                if (aRun && bRun) TOp.Apply<T>(Elements<T>(a, n), Elements<T>(b, n), destination);
                else if (aRun && RepeatedRowLength(b) is > 0 and var bRow) ApplyRows<T, TOp>(Elements<T>(a, n), Elements<T>(b, bRow), destination, rowFirst: false);
                else if (bRun && RepeatedRowLength(a) is > 0 and var aRow) ApplyRows<T, TOp>(Elements<T>(b, n), Elements<T>(a, aRow), destination, rowFirst: true);
                else done = false;
                if (done)
                {
                    GC.KeepAlive(a);
                    GC.KeepAlive(b);
                    GC.KeepAlive(output);
                    return;
                }
            }
            var left = a.Shape == output.Shape ? a : a.WithLayout(a.Layout.Expand(output.Shape));
            var right = b.Shape == output.Shape ? b : b.WithLayout(b.Layout.Expand(output.Shape));
            var kernel = new BinaryRuns<T, TOp>(output.Data<T>(), left.Data<T>(), right.Data<T>());
            Loop(output, left, right, ref kernel, MaxRun<T>(output));
        }
    }

    /// <summary>The first <paramref name="n"/> elements of <paramref name="x"/>'s storage from its offset.</summary>
    private static ReadOnlySpan<T> Elements<T>(Tensor x, int n) where T : unmanaged => x.Data<T>().AsSpan((int)x.StorageOffset, n);

    private readonly struct BinaryRuns<T, TOp>(T[] d, T[] a, T[] b) : IRunKernel
        where T : unmanaged, INumber<T> where TOp : struct, IBinaryOperator<TOp>
    {
        public void Run(long o0, long s0, long o1, long s1, long o2, long s2, long count)
        {
            int n = (int)count, i0 = (int)o0, i1 = (int)o1, i2 = (int)o2;
            if (s0 == 1)
            {
                var destination = d.AsSpan(i0, n);
                if (s1 == 1 && s2 == 1) { TOp.Apply<T>(a.AsSpan(i1, n), b.AsSpan(i2, n), destination); return; }
                if (s1 == 1 && s2 == 0) { TOp.Apply<T>(a.AsSpan(i1, n), b[i2], destination); return; }
                if (s1 == 0 && s2 == 1) { TOp.Apply<T>(a[i1], b.AsSpan(i2, n), destination); return; }
            }
            for (int k = 0; k < n; k++, i0 += (int)s0, i1 += (int)s1, i2 += (int)s2) d[i0] = TOp.Apply(a[i1], b[i2]);
        }
    }

    private readonly struct CompareFunc<TOp>(Tensor a, Tensor b, Tensor output) : IElementFunc where TOp : struct, IComparisonOperator
    {
        public void Invoke<T>() where T : unmanaged, INumber<T>
        {
            var kernel = new CompareRuns<T, TOp>(output.Data<byte>(), a.Data<T>(), b.Data<T>());
            Loop(output, a, b, ref kernel);
        }
    }

    private readonly struct CompareRuns<T, TOp>(byte[] d, T[] a, T[] b) : IRunKernel
        where T : unmanaged, INumber<T> where TOp : struct, IComparisonOperator
    {
        public void Run(long o0, long s0, long o1, long s1, long o2, long s2, long count)
        {
            int n = (int)count, i0 = (int)o0, i1 = (int)o1, i2 = (int)o2;
            for (int k = 0; k < n; k++, i0 += (int)s0, i1 += (int)s1, i2 += (int)s2)
                d[i0] = TOp.Apply(a[i1], b[i2]) ? (byte)1 : (byte)0;
        }
    }

    /// <summary>A one-argument test run through the comparison kernel (its second operand is ignored).</summary>
    private readonly struct TestAsComparison<TOp> : IComparisonOperator where TOp : struct, IPredicateOperator
    {
        public static bool Apply<T>(T x, T y) where T : unmanaged, INumber<T> => TOp.Apply(x);
    }

    private readonly struct SelectFunc(Tensor condition, Tensor x, Tensor output) : IElementFunc
    {
        public void Invoke<T>() where T : unmanaged, INumber<T>
        {
            var kernel = new SelectRuns<T>(output.Data<T>(), condition.Data<byte>(), x.Data<T>());
            Loop(output, condition, x, ref kernel);
        }
    }

    private readonly struct SelectRuns<T>(T[] d, byte[] condition, T[] x) : IRunKernel where T : unmanaged, INumber<T>
    {
        public void Run(long o0, long s0, long o1, long s1, long o2, long s2, long count)
        {
            int n = (int)count, i0 = (int)o0, i1 = (int)o1, i2 = (int)o2;
            for (int k = 0; k < n; k++, i0 += (int)s0, i1 += (int)s1, i2 += (int)s2)
                if (condition[i1] != 0) d[i0] = x[i2];
        }
    }
}
