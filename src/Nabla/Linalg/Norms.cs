using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Nabla;

// The vector norms behind Linalg.VectorNorm, Linalg.MatrixNorm, Linalg.Norm and Tensor.Norm:
// the forward (in place where it can be), the kernel, and the gradient. The matrix norms and
// linalg.norm's dispatch, which build on these, are in Linalg.cs.
public static partial class Linalg
{
    /// <summary>
    /// The vector norm over <paramref name="dim"/> (null or empty: every element) of a floating
    /// tensor (callers check the dtype with their own message); <paramref name="node"/> names the grad_fn;
    /// <paramref name="emptyIsZero"/> gives 0 instead of an error for a -p or ∞ norm of nothing
    /// (as torch.norm does).
    /// </summary>
    internal static Tensor VectorNormCore(Tensor x, double ord, int[]? dim, bool keepDim, string node, bool emptyIsZero = false)
    {
        bool all = dim is null || dim.Length == 0;
        if (!emptyIsZero && x.Numel == 0 && (ord < 0 || double.IsPositiveInfinity(ord))) ThrowEmpty(x, ord, all ? null : dim!);
        Tensor result;
        if (all && x.IsContiguous)
        {
            // The common case, without a reduction plan: one row, read in place.
            result = Tensor.Allocate(keepDim ? new Shape([.. Enumerable.Repeat(1L, x.Rank)]) : new Shape(), x.DType, uninitialized: true);
            NormKernel.Rows(x, x.Numel, result, ord);
        }
        else if (!ColumnNorms(x, dim!, keepDim, ord, out result))
        {
            var plan = Reduction.Prepare(x, dim ?? [], all, keepDim);
            result = Tensor.Allocate(plan.Result, x.DType, uninitialized: true);
            NormKernel.Rows(plan.Rows, plan.Inner, result, ord);
        }
        if (!Graph.ShouldRecord([x])) return result;
        var shape = x.Shape;
        return Graph.Record(result, node, [x], g => [VectorNormGradient(g, x, result, ord, shape, Reduction.ReducedDims(x, dim ?? [], all), keepDim)], x, result);
    }

    /// <summary>
    /// The 1- or 2-norm over a run of consecutive dims of a contiguous tensor that are not the last
    /// (the columns of a matrix, say), read in place: without it the input would first be copied
    /// into [kept, reduced] order. False when the case does not fit, and the caller goes the general way.
    /// </summary>
    private static bool ColumnNorms(Tensor x, int[] dim, bool keepDim, double ord, out Tensor result)
    {
        result = null!;
        if (!x.IsContiguous || ord is not (1 or 2) || x.Rank < 2) return false;
        var reduced = Dims.WrapAll(dim, x.Rank);
        Array.Sort(reduced);
        int first = reduced[0], last = reduced[^1];
        if (last - first + 1 != reduced.Length || last == x.Rank - 1) return false;
        var sizes = x.Shape.Sizes;
        long outer = 1, length = 1, inner = 1;
        for (int d = 0; d < x.Rank; d++)
        {
            if (d < first) outer *= sizes[d];
            else if (d <= last) length *= sizes[d];
            else inner *= sizes[d];
        }
        var shape = new List<long>();
        for (int d = 0; d < x.Rank; d++)
            if (d < first || d > last) shape.Add(sizes[d]);
            else if (keepDim) shape.Add(1);
        result = Tensor.Allocate(new Shape([.. shape]), x.DType, uninitialized: true);
        return NormKernel.Columns(x, outer, length, inner, result, ord);
    }

    /// <summary>PyTorch's error for a norm without an identity (negative or ∞ order) over nothing.</summary>
    private static void ThrowEmpty(Tensor x, double ord, int[]? dim)
    {
        if (dim is null)
            throw new ArgumentException($"linalg.vector_norm cannot compute the {FormatOrder(ord)} norm on an empty tensor because the operation does not have an identity");
        foreach (int d in dim)
            if (x.Rank > 0 && x.Shape.Sizes[Dims.Wrap(d, x.Rank)] == 0)
                throw new ArgumentException(
                    $"linalg.vector_norm cannot compute the {FormatOrder(ord)} norm on the dimension {d}because this dimension is empty and the operation does not have an identity");
    }

    /// <summary>
    /// PyTorch's norm_backward, written so it also holds for huge and tiny values: the derivative of
    /// ‖x‖_p is sign(x)·(|x|/‖x‖)^(p-1), which is 0 where the norm is 0 (a subgradient) and, for
    /// p &lt; 1, where x is 0. The ∞-norms share the gradient evenly among the elements that attain
    /// them; the 0-"norm" (a count) has none.
    /// </summary>
    private static Tensor? VectorNormGradient(Tensor g, Tensor x, Tensor norm, double ord, Shape shape, int[] reduced, bool keepDim)
    {
        if (ord == 0 || double.IsNaN(ord)) return null;
        g = Reduction.Unreduce(g, shape, reduced, keepDim);
        norm = Reduction.Unreduce(norm, shape, reduced, keepDim);
        if (ord == 1) return Tensor.Sign(x) * g;
        if (ord == 2) return g * Tensor.Where(norm == 0L, 0L, x / norm);
        if (double.IsInfinity(ord))
        {
            var magnitude = Tensor.Abs(x);
            var hits = (magnitude == norm) | Tensor.IsNan(magnitude);
            var count = Reduction.Unreduce(hits.Sum(reduced, keepDim: true), shape, reduced, keepDim: true);
            return Tensor.Sign(x) * (g / count) * hits;
        }
        var zero = norm == 0L;
        if (ord < 1) zero = zero | (x == 0L);
        return g * Tensor.Where(zero, 0L, Tensor.Sign(x) * Tensor.Pow(Tensor.Abs(x) / norm, ord - 1));
    }
}

/// <summary>
/// The vector-norm kernel: one norm per contiguous row, computed in double whatever the input.
/// The 1- and 2-norms are single fused passes (|x| or x² widened to double and accumulated in
/// Vector512 registers, no temporary array), split into fixed chunks summed in parallel and added
/// pairwise, so 16e6 × 0.1f comes out exact to float precision. Float32 squares cannot overflow or
/// underflow in double; for Float64, a sum of squares that overflows or falls below 2^-900 is
/// redone with every element scaled by a power of two near the largest, so ‖[1e300, 1e300]‖ is
/// 1.41e300 rather than infinity. Other orders scale the same way before taking powers.
/// </summary>
internal static unsafe class NormKernel
{
    private const int Chunk = 1 << 18;
    private static readonly double SmallestSafeSquares = Math.ScaleB(1.0, -900);

    /// <summary>Writes the <paramref name="ord"/>-norm of each <paramref name="inner"/>-long row of the contiguous <paramref name="rows"/> to <paramref name="output"/>.</summary>
    public static void Rows(Tensor rows, long inner, Tensor output, double ord)
    {
        if (rows.DType == DType.Float32) Rows(rows.Data<float>(), rows.StorageOffset, inner, output.Data<float>(), output.Numel, ord, v => (float)v);
        else Rows(rows.Data<double>(), rows.StorageOffset, inner, output.Data<double>(), output.Numel, ord, v => v);
        GC.KeepAlive(rows);
    }

    private static void Rows<T>(T[] source, long offset, long inner, T[] result, long count, double ord, Func<double, T> convert) where T : unmanaged
    {
        int n = (int)inner, start = (int)offset;
        if (count == 1) result[0] = convert(Norm<T>(n == 0 ? default : source.AsSpan(start, n), ord, parallel: true));
        else if (count * inner >= StridedLoop.ParallelThreshold) ParallelRows(source, start, n, result, (int)count, ord, convert);
        else
            for (int r = 0; r < count; r++) result[r] = convert(Norm<T>(n == 0 ? default : source.AsSpan(start + r * n, n), ord, parallel: false));
    }

    private static void ParallelRows<T>(T[] source, int start, int n, T[] result, int count, double ord, Func<double, T> convert) where T : unmanaged =>
        Parallel.For(0, count, Threads.Options, r => result[r] = convert(Norm<T>(source.AsSpan(start + r * n, n), ord, parallel: false)));

    /// <summary>
    /// The 1- or 2-norms along the middle dim of the contiguous [outer, length, inner] tensor
    /// <paramref name="x"/>: tiles of up to 256 columns, each summed down the rows in blocks of 1024
    /// rows (in double), the blocks then added. False (output unusable) when a Float64 sum of squares
    /// overflows or underflows, for the scaled general path to redo.
    /// </summary>
    public static bool Columns(Tensor x, long outer, long length, long inner, Tensor output, double ord)
    {
        const int tile = 256, block = 1024;
        bool isFloat = x.DType == DType.Float32, squares = ord == 2;
        int tiles = (int)((inner + tile - 1) / tile), items = (int)outer * tiles;
        var storage = x.Storage;
        long offset = x.StorageOffset;
        bool safe = true;
        void Item(int item)
        {
            long o = item / tiles, c0 = (long)(item % tiles) * tile;
            int width = (int)Math.Min(tile, inner - c0);
            Span<double> total = stackalloc double[width], partial = stackalloc double[width];
            total.Clear();
            for (long r0 = 0; r0 < length; r0 += block)
            {
                partial.Clear();
                for (long r = r0; r < Math.Min(length, r0 + block); r++)
                {
                    long start = offset + (o * length + r) * inner + c0;
                    if (isFloat) Accumulate(((Storage<float>)storage).Data.AsSpan((int)start, width), partial, squares);
                    else Accumulate(((Storage<double>)storage).Data.AsSpan((int)start, width), partial, squares);
                }
                TensorPrimitives.Add(total, partial, total);
            }
            for (int j = 0; j < width; j++)
            {
                double value = total[j];
                if (!isFloat && squares && !(double.IsNaN(value) || (double.IsFinite(value) && value >= SmallestSafeSquares))) safe = false;
                value = squares ? Math.Sqrt(value) : value;
                long index = o * inner + c0 + j;
                if (isFloat) output.Data<float>()[index] = (float)value;
                else output.Data<double>()[index] = value;
            }
        }
        if (items > 1 && outer * length * inner >= StridedLoop.ParallelThreshold) Parallel.For(0, items, Threads.Options, Item);
        else for (int i = 0; i < items; i++) Item(i);
        return safe;
    }

    /// <summary>sums[j] += x[j]² (or |x[j]|), in double.</summary>
    private static void Accumulate(ReadOnlySpan<float> x, Span<double> sums, bool squares)
    {
        ref float px = ref MemoryMarshal.GetReference(x);
        ref double ps = ref MemoryMarshal.GetReference(sums);
        int i = 0, width = Vector512<float>.Count;
        for (; i <= x.Length - width; i += width)
        {
            var v = Vector512.LoadUnsafe(ref px, (nuint)i);
            var (lower, upper) = Vector512.Widen(squares ? v : Vector512.Abs(v));
            var s0 = Vector512.LoadUnsafe(ref ps, (nuint)i);
            var s1 = Vector512.LoadUnsafe(ref ps, (nuint)(i + width / 2));
            (squares ? Vector512.FusedMultiplyAdd(lower, lower, s0) : s0 + lower).StoreUnsafe(ref ps, (nuint)i);
            (squares ? Vector512.FusedMultiplyAdd(upper, upper, s1) : s1 + upper).StoreUnsafe(ref ps, (nuint)(i + width / 2));
        }
        for (; i < x.Length; i++) sums[i] += squares ? (double)x[i] * x[i] : Math.Abs(x[i]);
    }

    private static void Accumulate(ReadOnlySpan<double> x, Span<double> sums, bool squares)
    {
        if (squares) TensorPrimitives.FusedMultiplyAdd(x, x, sums, sums);
        else
        {
            ref double px = ref MemoryMarshal.GetReference(x);
            ref double ps = ref MemoryMarshal.GetReference(sums);
            int i = 0, width = Vector512<double>.Count;
            for (; i <= x.Length - width; i += width)
                (Vector512.LoadUnsafe(ref ps, (nuint)i) + Vector512.Abs(Vector512.LoadUnsafe(ref px, (nuint)i))).StoreUnsafe(ref ps, (nuint)i);
            for (; i < x.Length; i++) sums[i] += Math.Abs(x[i]);
        }
    }

    /// <summary>The <paramref name="ord"/>-norm of <paramref name="x"/> (0 for an empty span; NaN for a NaN order).</summary>
    public static double Norm<T>(ReadOnlySpan<T> x, double ord, bool parallel) where T : unmanaged
    {
        if (double.IsNaN(ord)) return double.NaN;
        if (x.IsEmpty) return 0;
        fixed (T* pointer = x)
        {
            var p = new Segment((nint)pointer, x.Length, typeof(T) == typeof(float), parallel);
            if (ord == 2) return Euclidean(p);
            if (ord == 1) return p.Run(&SumAbs, Combine.Sum);
            if (ord == 0) return p.Run(&CountNonzero, Combine.Sum);
            if (double.IsPositiveInfinity(ord)) return p.Run(&MaxAbs, Combine.Max);
            if (double.IsNegativeInfinity(ord)) return p.Run(&MinAbs, Combine.Min);
            // Any other order: scale by the largest magnitude (the smallest for negative orders) so
            // that no power overflows, then undo the scaling on the result.
            double pivot = ord > 0 ? p.Run(&MaxAbs, Combine.Max) : p.Run(&MinAbs, Combine.Min);
            if (pivot == 0 || !double.IsFinite(pivot)) return pivot;
            int exponent = Math.ILogB(pivot);
            var scaled = p with { Exponent = ord, Scale = -exponent };
            return Math.ScaleB(Math.Pow(scaled.Run(&PowerSum, Combine.Sum), 1 / ord), exponent);
        }
    }

    private static double Euclidean(Segment p)
    {
        double squares = p.Run(&SumSquares, Combine.Sum);
        if (p.IsFloat || double.IsNaN(squares) || (double.IsFinite(squares) && squares >= SmallestSafeSquares)) return Math.Sqrt(squares);
        double largest = p.Run(&MaxAbs, Combine.Max);
        if (largest == 0 || double.IsInfinity(largest)) return largest;
        int exponent = Math.ILogB(largest);
        return Math.ScaleB(Math.Sqrt((p with { Exponent = 2, Scale = -exponent }).Run(&PowerSum, Combine.Sum)), exponent);
    }

    private enum Combine { Sum, Max, Min }

    /// <summary>A pinned float or double run, and what the per-chunk kernels need besides: the power and the power-of-two scale of <see cref="PowerSum"/>.</summary>
    private readonly record struct Segment(nint Start, int Length, bool IsFloat, bool Parallel, double Exponent = 0, int Scale = 0)
    {
        public double Run(delegate*<in Segment, double> kernel, Combine combine) =>
            !Parallel || Length <= Chunk ? kernel(this) : RunChunks(kernel, combine);

        /// <summary>Fixed chunks on every core, combined in a fixed order (kept apart from <see cref="Run"/> so that the short path allocates no closure).</summary>
        private double RunChunks(delegate*<in Segment, double> kernel, Combine combine)
        {
            int chunks = (Length + Chunk - 1) / Chunk;
            var partial = new double[chunks];
            var self = this;
            System.Threading.Tasks.Parallel.For(0, chunks, Threads.Options, c =>
            {
                int first = c * Chunk;
                var part = self with { Start = self.Start + first * (self.IsFloat ? sizeof(float) : sizeof(double)), Length = Math.Min(Chunk, self.Length - first) };
                partial[c] = kernel(part);
            });
            return combine switch
            {
                Combine.Sum => Summation.Pairwise(partial),
                Combine.Max => partial.Contains(double.NaN) ? double.NaN : partial.Max(),
                _ => partial.Contains(double.NaN) ? double.NaN : partial.Min(),
            };
        }

        public ReadOnlySpan<float> Floats => new((void*)Start, Length);

        public ReadOnlySpan<double> Doubles => new((void*)Start, Length);
    }

    private const int Block = 1024;

    private static double SumSquares(in Segment p) => Blocked(p, &SumSquaresBlock);

    private static double SumAbs(in Segment p) => Blocked(p, &SumAbsBlock);

    /// <summary>Sums a long run as blocks of 1024 elements added pairwise, so the rounding error grows with log(n), not n.</summary>
    private static double Blocked(in Segment p, delegate*<in Segment, double> block)
    {
        int blocks = (p.Length + Block - 1) / Block;
        if (blocks <= 1) return block(p);
        Span<double> partial = blocks <= 256 ? stackalloc double[blocks] : new double[blocks];
        int size = p.IsFloat ? sizeof(float) : sizeof(double);
        for (int b = 0; b < blocks; b++)
            partial[b] = block(p with { Start = p.Start + (nint)b * Block * size, Length = Math.Min(Block, p.Length - b * Block) });
        return Summation.Pairwise(partial);
    }

    private static double SumSquaresBlock(in Segment p)
    {
        var a0 = Vector512<double>.Zero;
        var a1 = Vector512<double>.Zero;
        var a2 = Vector512<double>.Zero;
        var a3 = Vector512<double>.Zero;
        int i = 0;
        double sum = 0;
        if (p.IsFloat)
        {
            var x = p.Floats;
            ref float r = ref MemoryMarshal.GetReference(x);
            for (; i <= x.Length - 2 * Vector512<float>.Count; i += 2 * Vector512<float>.Count)
            {
                var (l0, h0) = Vector512.Widen(Vector512.LoadUnsafe(ref r, (nuint)i));
                var (l1, h1) = Vector512.Widen(Vector512.LoadUnsafe(ref r, (nuint)(i + Vector512<float>.Count)));
                a0 = Vector512.FusedMultiplyAdd(l0, l0, a0);
                a1 = Vector512.FusedMultiplyAdd(h0, h0, a1);
                a2 = Vector512.FusedMultiplyAdd(l1, l1, a2);
                a3 = Vector512.FusedMultiplyAdd(h1, h1, a3);
            }
            for (; i < x.Length; i++) sum += (double)x[i] * x[i];
        }
        else
        {
            var x = p.Doubles;
            ref double r = ref MemoryMarshal.GetReference(x);
            int width = Vector512<double>.Count;
            for (; i <= x.Length - 4 * width; i += 4 * width)
            {
                var v0 = Vector512.LoadUnsafe(ref r, (nuint)i);
                var v1 = Vector512.LoadUnsafe(ref r, (nuint)(i + width));
                var v2 = Vector512.LoadUnsafe(ref r, (nuint)(i + 2 * width));
                var v3 = Vector512.LoadUnsafe(ref r, (nuint)(i + 3 * width));
                a0 = Vector512.FusedMultiplyAdd(v0, v0, a0);
                a1 = Vector512.FusedMultiplyAdd(v1, v1, a1);
                a2 = Vector512.FusedMultiplyAdd(v2, v2, a2);
                a3 = Vector512.FusedMultiplyAdd(v3, v3, a3);
            }
            for (; i < x.Length; i++) sum += x[i] * x[i];
        }
        return Vector512.Sum((a0 + a1) + (a2 + a3)) + sum;
    }

    private static double SumAbsBlock(in Segment p)
    {
        var a0 = Vector512<double>.Zero;
        var a1 = Vector512<double>.Zero;
        int i = 0;
        double sum = 0;
        if (p.IsFloat)
        {
            var x = p.Floats;
            ref float r = ref MemoryMarshal.GetReference(x);
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var (lower, upper) = Vector512.Widen(Vector512.Abs(Vector512.LoadUnsafe(ref r, (nuint)i)));
                a0 += lower;
                a1 += upper;
            }
            for (; i < x.Length; i++) sum += Math.Abs(x[i]);
        }
        else
        {
            var x = p.Doubles;
            ref double r = ref MemoryMarshal.GetReference(x);
            int width = Vector512<double>.Count;
            for (; i <= x.Length - 2 * width; i += 2 * width)
            {
                a0 += Vector512.Abs(Vector512.LoadUnsafe(ref r, (nuint)i));
                a1 += Vector512.Abs(Vector512.LoadUnsafe(ref r, (nuint)(i + width)));
            }
            for (; i < x.Length; i++) sum += Math.Abs(x[i]);
        }
        return Vector512.Sum(a0 + a1) + sum;
    }

    /// <summary>The largest |x|, NaN if any element is NaN.</summary>
    private static double MaxAbs(in Segment p) => Math.Abs(p.IsFloat ? TensorPrimitives.MaxMagnitude(p.Floats) : TensorPrimitives.MaxMagnitude(p.Doubles));

    /// <summary>The smallest |x|, NaN if any element is NaN.</summary>
    private static double MinAbs(in Segment p) => Math.Abs(p.IsFloat ? TensorPrimitives.MinMagnitude(p.Floats) : TensorPrimitives.MinMagnitude(p.Doubles));

    /// <summary>The number of non-zero elements (NaN counts), the "0-norm".</summary>
    private static double CountNonzero(in Segment p)
    {
        long count = 0;
        if (p.IsFloat)
            foreach (float v in p.Floats) count += v != 0 ? 1 : 0;
        else
            foreach (double v in p.Doubles) count += v != 0 ? 1 : 0;
        return count;
    }

    /// <summary>Σ (|x|·2^Scale)^Exponent, the power applied after an exact power-of-two scaling (in two steps, so subnormal pivots work too).</summary>
    private static double PowerSum(in Segment p)
    {
        double first = Math.ScaleB(1.0, p.Scale / 2), second = Math.ScaleB(1.0, p.Scale - p.Scale / 2), exponent = p.Exponent;
        double sum = 0;
        if (p.IsFloat)
            foreach (float v in p.Floats) sum += Term(v, first, second, exponent);
        else
            foreach (double v in p.Doubles) sum += Term(v, first, second, exponent);
        return sum;

        static double Term(double v, double first, double second, double exponent)
        {
            double scaled = Math.Abs(v) * first * second;
            return exponent == 2 ? scaled * scaled : Math.Pow(scaled, exponent);
        }
    }
}
