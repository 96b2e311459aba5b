using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Nabla.Bench;

/// <summary>
/// Limit baselines: the same work as a Nabla op done directly on plain arrays, with no tensor
/// machinery. Each returns its destination (or what it built) so the harness can keep it alive.
/// </summary>
internal static class Baselines
{
    /// <summary>
    /// <c>dst = srcᵀ</c> for a row-major <paramref name="rows"/>×<paramref name="cols"/> source, the
    /// obvious way: walk the destination in order and read the source down its columns.
    /// </summary>
    public static float[] TransposeNaive(float[] src, float[] dst, int rows, int cols)
    {
        for (int j = 0; j < cols; j++)
        {
            int d = j * rows;
            for (int i = 0; i < rows; i++)
                dst[d + i] = src[i * cols + j];
        }
        return dst;
    }

    /// <summary>
    /// <c>dst = srcᵀ</c> in <paramref name="block"/>×<paramref name="block"/> tiles, so the source
    /// lines a tile touches stay in L1 while the tile is written; no bounds checks. The tile is
    /// small on purpose: rows 4 KiB apart map to the same L1 set, so a 16- or 32-row tile evicts
    /// itself (measured on Zen 5 at 1024²: 8×8 ≈ 11 GB/s, 16×16 ≈ 4–7, 32×32 ≈ 4).
    /// </summary>
    public static float[] TransposeBlocked(float[] src, float[] dst, int rows, int cols, int block = 8)
    {
        CheckTranspose(src, dst, rows, cols);
        TransposeColumns(src, dst, rows, cols, 0, cols, block);
        return dst;
    }

    /// <summary>
    /// <see cref="TransposeBlocked"/> split over <see cref="Environment.ProcessorCount"/> threads by
    /// destination rows: the limit for a kernel that, like Nabla's large ops, uses every core.
    /// </summary>
    public static float[] TransposeBlockedParallel(float[] src, float[] dst, int rows, int cols, int block = 8)
    {
        CheckTranspose(src, dst, rows, cols);
        int workers = Environment.ProcessorCount, tiles = (cols + block - 1) / block;
        Parallel.For(0, workers, w =>
        {
            int begin = (int)((long)tiles * w / workers) * block, end = Math.Min(cols, (int)((long)tiles * (w + 1) / workers) * block);
            TransposeColumns(src, dst, rows, cols, begin, end, block);
        });
        return dst;
    }

    private static void CheckTranspose(float[] src, float[] dst, int rows, int cols)
    {
        if (src.Length < (long)rows * cols || dst.Length < (long)rows * cols) throw new ArgumentException("arrays too short");
    }

    /// <summary>The tiles of source columns [<paramref name="colBegin"/>, <paramref name="colEnd"/>), i.e. those destination rows.</summary>
    private static void TransposeColumns(float[] src, float[] dst, int rows, int cols, int colBegin, int colEnd, int block)
    {
        ref float s = ref MemoryMarshal.GetArrayDataReference(src);
        ref float d = ref MemoryMarshal.GetArrayDataReference(dst);
        for (int jb = colBegin; jb < colEnd; jb += block)
        {
            int jEnd = Math.Min(jb + block, colEnd);
            for (int ib = 0; ib < rows; ib += block)
            {
                int iEnd = Math.Min(ib + block, rows);
                for (int j = jb; j < jEnd; j++)
                {
                    ref float dRow = ref Unsafe.Add(ref d, (nint)j * rows);
                    for (int i = ib; i < iEnd; i++)
                        Unsafe.Add(ref dRow, i) = Unsafe.Add(ref s, (nint)i * cols + j);
                }
            }
        }
    }

    /// <summary>A copy loop with Vector512 loads and stores (4 vectors per iteration), then a scalar tail.</summary>
    public static float[] CopyVector(float[] src, float[] dst)
    {
        int n = src.Length;
        if (dst.Length < n) throw new ArgumentException("destination too short");
        ref float s = ref MemoryMarshal.GetArrayDataReference(src);
        ref float d = ref MemoryMarshal.GetArrayDataReference(dst);
        int w = Vector512<float>.Count, i = 0;
        for (; i <= n - 4 * w; i += 4 * w)
        {
            var a = Vector512.LoadUnsafe(ref s, (nuint)i);
            var b = Vector512.LoadUnsafe(ref s, (nuint)(i + w));
            var c = Vector512.LoadUnsafe(ref s, (nuint)(i + 2 * w));
            var e = Vector512.LoadUnsafe(ref s, (nuint)(i + 3 * w));
            a.StoreUnsafe(ref d, (nuint)i);
            b.StoreUnsafe(ref d, (nuint)(i + w));
            c.StoreUnsafe(ref d, (nuint)(i + 2 * w));
            e.StoreUnsafe(ref d, (nuint)(i + 3 * w));
        }
        for (; i < n; i++) Unsafe.Add(ref d, i) = Unsafe.Add(ref s, i);
        return dst;
    }

    /// <summary>
    /// A copy loop with Vector512 loads and non-temporal (cache-bypassing) aligned stores: for arrays
    /// much larger than the cache this skips reading the destination lines first, so it is the
    /// machine's single-thread copy limit.
    /// </summary>
    public static float[] CopyNonTemporal(float[] src, float[] dst)
    {
        if (dst.Length < src.Length) throw new ArgumentException("destination too short");
        CopyNonTemporal(src.AsSpan(), dst.AsSpan(0, src.Length));
        return dst;
    }

    /// <summary><see cref="CopyNonTemporal(float[], float[])"/> split into one contiguous chunk per core.</summary>
    public static float[] CopyNonTemporalParallel(float[] src, float[] dst)
    {
        if (dst.Length < src.Length) throw new ArgumentException("destination too short");
        int workers = Environment.ProcessorCount, n = src.Length;
        Parallel.For(0, workers, w =>
        {
            // Chunk bounds rounded down to 16 elements; each chunk aligns its own stores.
            int begin = (int)((long)n * w / workers) & ~15, end = w == workers - 1 ? n : (int)((long)n * (w + 1) / workers) & ~15;
            CopyNonTemporal(src.AsSpan(begin, end - begin), dst.AsSpan(begin, end - begin));
        });
        return dst;
    }

    private static unsafe void CopyNonTemporal(ReadOnlySpan<float> src, Span<float> dst)
    {
        int n = src.Length;
        fixed (float* s = src, d = dst)
        {
            int i = 0, w = Vector512<float>.Count;
            for (; i < n && ((nuint)(d + i) & 63) != 0; i++) d[i] = s[i];
            for (; i <= n - 4 * w; i += 4 * w)
            {
                var a = Vector512.Load(s + i);
                var b = Vector512.Load(s + i + w);
                var c = Vector512.Load(s + i + 2 * w);
                var e = Vector512.Load(s + i + 3 * w);
                a.StoreAlignedNonTemporal(d + i);
                b.StoreAlignedNonTemporal(d + i + w);
                c.StoreAlignedNonTemporal(d + i + 2 * w);
                e.StoreAlignedNonTemporal(d + i + 3 * w);
            }
            for (; i < n; i++) d[i] = s[i];
            if (System.Runtime.Intrinsics.X86.Sse.IsSupported) System.Runtime.Intrinsics.X86.Sse.StoreFence();
        }
    }

    /// <summary>
    /// The least a strided view can be: a reference to the data, a shape, strides and an offset.
    /// Allocating one is the reference point for Nabla's view-making ops.
    /// </summary>
    public sealed class MinimalView(float[] data, long[] shape, long[] strides, long offset)
    {
        public readonly float[] Data = data;
        public readonly long[] Shape = shape;
        public readonly long[] Strides = strides;
        public readonly long Offset = offset;
    }

    /// <summary>Σ fold(x) of floats in double over chunks of 2^18 on every core: the bandwidth limit for an accurate sum or norm pass.</summary>
    public static double WidenedSumParallel(float[] data, Fold fold)
    {
        const int chunk = 1 << 18;
        int chunks = (data.Length + chunk - 1) / chunk;
        var partial = new double[chunks];
        System.Threading.Tasks.Parallel.For(0, chunks, c =>
            partial[c] = WidenedSum(data.AsSpan(c * chunk, Math.Min(chunk, data.Length - c * chunk)), fold));
        return partial.Sum();
    }

    /// <summary>Σx, Σ|x| or Σx² of floats, widened to double, four Vector512 accumulators.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double WidenedSum(ReadOnlySpan<float> x, Fold fold)
    {
        var a0 = Vector512<double>.Zero;
        var a1 = Vector512<double>.Zero;
        var a2 = Vector512<double>.Zero;
        var a3 = Vector512<double>.Zero;
        ref float r = ref MemoryMarshal.GetReference(x);
        int i = 0, width = Vector512<float>.Count;
        for (; i <= x.Length - 2 * width; i += 2 * width)
        {
            var v0 = Vector512.LoadUnsafe(ref r, (nuint)i);
            var v1 = Vector512.LoadUnsafe(ref r, (nuint)(i + width));
            if (fold == Fold.Abs)
            {
                v0 = Vector512.Abs(v0);
                v1 = Vector512.Abs(v1);
            }
            var (l0, h0) = Vector512.Widen(v0);
            var (l1, h1) = Vector512.Widen(v1);
            if (fold == Fold.Square)
            {
                a0 = Vector512.FusedMultiplyAdd(l0, l0, a0);
                a1 = Vector512.FusedMultiplyAdd(h0, h0, a1);
                a2 = Vector512.FusedMultiplyAdd(l1, l1, a2);
                a3 = Vector512.FusedMultiplyAdd(h1, h1, a3);
            }
            else
            {
                a0 += l0;
                a1 += h0;
                a2 += l1;
                a3 += h1;
            }
        }
        double sum = Vector512.Sum((a0 + a1) + (a2 + a3));
        for (; i < x.Length; i++) sum += fold switch { Fold.Square => (double)x[i] * x[i], Fold.Abs => Math.Abs(x[i]), _ => x[i] };
        return sum;
    }
}

/// <summary>What <see cref="Baselines.WidenedSum"/> adds up: the values, their magnitudes or their squares.</summary>
internal enum Fold { Identity, Abs, Square }
