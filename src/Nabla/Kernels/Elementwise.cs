using System.Numerics;

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

    private static void Loop<TKernel>(Tensor output, Tensor a, Tensor b, ref TKernel kernel) where TKernel : struct, IRunKernel
    {
        StridedLoop.Run(output.Shape.Sizes, output.Layout.Strides, output.StorageOffset,
            a.Layout.Strides, a.StorageOffset, b.Layout.Strides, b.StorageOffset, ref kernel);
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        GC.KeepAlive(output);
    }

    /// <summary>
    /// Whether a small op can skip the strided walk: the output and <paramref name="x"/> are
    /// contiguous (so both are one run), with fewer elements than would be split over cores.
    /// </summary>
    private static bool SingleRun(Tensor output, Tensor x) => SmallContiguous(output) && x.Layout.IsContiguous;

    /// <summary>A non-empty contiguous output with fewer elements than would be split over cores.</summary>
    private static bool SmallContiguous(Tensor output)
    {
        long n = output.Numel;
        return n > 0 && n < StridedLoop.ParallelThreshold && output.Layout.IsContiguous;
    }

    /// <summary>Whether every element of <paramref name="x"/> is the one at its offset (a broadcast scalar, or a single element).</summary>
    private static bool IsBroadcastScalar(Tensor x)
    {
        if (x.Numel == 1) return true;
        var strides = x.Layout.Strides;
        for (int d = 0; d < strides.Length; d++)
            if (strides[d] != 0 && x.Layout.Shape.Sizes[d] != 1) return false;
        return true;
    }

    private readonly struct UnaryFunc<TOp>(Tensor x, Tensor output) : IElementFunc where TOp : struct, IUnaryOperator<TOp>
    {
        public void Invoke<T>() where T : unmanaged, INumber<T>
        {
            if (SingleRun(output, x))
            {
                int n = (int)output.Numel;
                TOp.Apply<T>(x.Data<T>().AsSpan((int)x.StorageOffset, n), output.Data<T>().AsSpan((int)output.StorageOffset, n));
                GC.KeepAlive(x);
                GC.KeepAlive(output);
                return;
            }
            var kernel = new UnaryRuns<T, TOp>(output.Data<T>(), x.Data<T>());
            Loop(output, x, x, ref kernel);
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
            if (SmallContiguous(output))
            {
                int n = (int)output.Numel;
                var destination = output.Data<T>().AsSpan((int)output.StorageOffset, n);
                bool aRun = a.Numel == n && a.Layout.IsContiguous, bRun = b.Numel == n && b.Layout.IsContiguous;
                bool done = true;
                if (aRun && bRun) TOp.Apply<T>(a.Data<T>().AsSpan((int)a.StorageOffset, n), b.Data<T>().AsSpan((int)b.StorageOffset, n), destination);
                else if (aRun && IsBroadcastScalar(b)) TOp.Apply<T>(a.Data<T>().AsSpan((int)a.StorageOffset, n), b.Data<T>()[(int)b.StorageOffset], destination);
                else if (bRun && IsBroadcastScalar(a)) TOp.Apply<T>(a.Data<T>()[(int)a.StorageOffset], b.Data<T>().AsSpan((int)b.StorageOffset, n), destination);
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
            Loop(output, left, right, ref kernel);
        }
    }

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
