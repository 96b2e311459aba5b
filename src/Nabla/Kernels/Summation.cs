using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Nabla;

/// <summary>
/// Accurate sums. Float32 is accumulated in double (the error of a sum of any length stays
/// below one float ulp); Float64 is summed in blocks with vector accumulators, and the block sums
/// are added pairwise, so the error grows with log(n) rather than n. TensorPrimitives.Sum adds
/// floats in float: 16e6 × 0.1f comes out 1% off; these come out exact to float precision.
/// Long inputs are split into fixed chunks summed in parallel and combined in a fixed order, so
/// the result does not depend on the number of threads.
/// </summary>
internal static unsafe class Summation
{
    private const int Block = 1024;
    private const int ParallelChunk = 1 << 18;

    public static double Sum(ReadOnlySpan<float> x) => Chunked(x, &SumFloats);

    public static double Sum(ReadOnlySpan<double> x) => Chunked(x, &SumDoubles);

    /// <summary>Integer sums wrap on overflow, as PyTorch's int64 sums do.</summary>
    public static long Sum(ReadOnlySpan<long> x)
    {
        long sum = 0;
        foreach (long v in x) sum += v;
        return sum;
    }

    private static double Chunked<T>(ReadOnlySpan<T> x, delegate*<ReadOnlySpan<T>, double> sum) where T : unmanaged =>
        x.Length <= ParallelChunk ? sum(x) : Parallel(x, sum);

    /// <summary>The parallel path, in a method of its own so short sums do not allocate the lambda's closure.</summary>
    private static double Parallel<T>(ReadOnlySpan<T> x, delegate*<ReadOnlySpan<T>, double> sum) where T : unmanaged
    {
        int chunks = (x.Length + ParallelChunk - 1) / ParallelChunk;
        var partial = new double[chunks];
        fixed (T* start = x)
        {
            var p = (nint)start;
            int length = x.Length;
            System.Threading.Tasks.Parallel.For(0, chunks, Threads.Options, c =>
            {
                int offset = c * ParallelChunk;
                partial[c] = sum(new ReadOnlySpan<T>((T*)p + offset, Math.Min(ParallelChunk, length - offset)));
            });
        }
        return Pairwise(partial);
    }

    /// <summary>Adds the values as a balanced binary tree.</summary>
    public static double Pairwise(ReadOnlySpan<double> values) => values.Length switch
    {
        0 => 0,
        1 => values[0],
        _ => Pairwise(values[..(values.Length / 2)]) + Pairwise(values[(values.Length / 2)..]),
    };

    private static double SumFloats(ReadOnlySpan<float> x)
    {
        var acc0 = Vector512<double>.Zero;
        var acc1 = Vector512<double>.Zero;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var (lower, upper) = Vector512.Widen(Vector512.Create(x.Slice(i, Vector512<float>.Count)));
                acc0 += lower;
                acc1 += upper;
            }
        }
        double sum = Vector512.Sum(acc0 + acc1);
        for (; i < x.Length; i++) sum += x[i];
        return sum;
    }

    private static double SumDoubles(ReadOnlySpan<double> x)
    {
        int blocks = (x.Length + Block - 1) / Block;
        if (blocks <= 1) return SumBlock(x);
        Span<double> partial = blocks <= 256 ? stackalloc double[blocks] : new double[blocks];
        for (int b = 0; b < blocks; b++)
            partial[b] = SumBlock(x.Slice(b * Block, Math.Min(Block, x.Length - b * Block)));
        return Pairwise(partial);
    }

    private static double SumBlock(ReadOnlySpan<double> x)
    {
        var acc0 = Vector512<double>.Zero;
        var acc1 = Vector512<double>.Zero;
        int i = 0, width = Vector512<double>.Count;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= x.Length - 2 * width; i += 2 * width)
            {
                acc0 += Vector512.Create(x.Slice(i, width));
                acc1 += Vector512.Create(x.Slice(i + width, width));
            }
        }
        double sum = Vector512.Sum(acc0 + acc1);
        for (; i < x.Length; i++) sum += x[i];
        return sum;
    }

    /// <summary>
    /// Column sums of <paramref name="rows"/> rows of result.Length elements, row r starting at
    /// <c>r * rowStride</c>, adding whole rows with vector adds
    /// instead of transposing (a bias gradient sums a [batch, features] tensor over the batch). As
    /// accurate as <see cref="Of{T}"/>: floats add into double; doubles add rows in blocks of
    /// <see cref="RowBlock"/> whose sums are then added, so the error grows with rows/RowBlock + RowBlock,
    /// not rows; integers are exact (wrapping).
    /// </summary>
    public static void Columns<T>(ReadOnlySpan<T> x, int rows, int rowStride, Span<T> result) where T : unmanaged, INumber<T>
    {
        int cols = result.Length;
        if (typeof(T) == typeof(float) || typeof(T) == typeof(double))
        {
            var rented = System.Buffers.ArrayPool<double>.Shared.Rent(2 * cols);
            Span<double> total = rented.AsSpan(0, cols), block = rented.AsSpan(cols, cols);
            total.Clear();
            for (int r0 = 0; r0 < rows; r0 += RowBlock)
            {
                block.Clear();
                for (int r = r0; r < Math.Min(rows, r0 + RowBlock); r++) AddRow(x.Slice(r * rowStride, cols), block);
                TensorPrimitives.Add(total, block, total);
            }
            for (int j = 0; j < cols; j++) result[j] = T.CreateTruncating(total[j]);
            System.Buffers.ArrayPool<double>.Shared.Return(rented);
            return;
        }
        result.Clear();
        for (int r = 0; r < rows; r++) TensorPrimitives.Add(result, x.Slice(r * rowStride, cols), result);
    }

    private const int RowBlock = 256;

    /// <summary><paramref name="sums"/> += <paramref name="row"/>, a float or double row widened to double.</summary>
    private static void AddRow<T>(ReadOnlySpan<T> row, Span<double> sums) where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            TensorPrimitives.Add(sums, MemoryMarshal.Cast<T, double>(row), sums);
            return;
        }
        var floats = MemoryMarshal.Cast<T, float>(row);
        int j = 0, width = Vector256<float>.Count;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j <= floats.Length - width; j += width)
            {
                var (lower, upper) = Vector256.Widen(Vector256.Create(floats.Slice(j, width)));
                (Vector256.Create(sums.Slice(j, width / 2)) + lower).CopyTo(sums.Slice(j, width / 2));
                (Vector256.Create(sums.Slice(j + width / 2, width / 2)) + upper).CopyTo(sums.Slice(j + width / 2, width / 2));
            }
        }
        for (; j < floats.Length; j++) sums[j] += floats[j];
    }

    /// <summary>The sum of a float or double or long span, as that type.</summary>
    public static T Of<T>(ReadOnlySpan<T> x) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float)) return T.CreateTruncating(Sum(MemoryMarshal.Cast<T, float>(x)));
        if (typeof(T) == typeof(double)) return T.CreateTruncating(Sum(MemoryMarshal.Cast<T, double>(x)));
        if (typeof(T) == typeof(long)) return T.CreateTruncating(Sum(MemoryMarshal.Cast<T, long>(x)));
        T sum = T.Zero;
        foreach (var v in x) sum += v;
        return sum;
    }
}
