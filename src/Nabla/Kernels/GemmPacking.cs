using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Nabla;

/// <summary>
/// Packing for the blocked GEMM. Goto and van de Geijn ("Anatomy of High-Performance Matrix
/// Multiplication", ACM TOMS 2008) copy each block of A and panel of B into a contiguous buffer
/// laid out in exactly the order the micro-kernel reads it: this turns arbitrary strides
/// (row-major, column-major, sliced, transposed views) into unit-stride streams, keeps the
/// working set free of TLB misses and cache-set conflicts, and lets edge tiles be padded with
/// zeros so the micro-kernel never needs a partial variant. Transposed inputs cost nothing extra:
/// the copy reads them in whatever order they are stored.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs the <paramref name="mc"/>×<paramref name="kc"/> block of A whose element (i, p) is at
    /// <c>a[i·rs + p·cs]</c> into ⌈mc/mr⌉ micro-panels; micro-panel r holds rows r·mr.. as kc
    /// groups of <paramref name="mr"/> consecutive values (one group per k step), rows past
    /// <paramref name="mc"/> zero.
    /// </summary>
    public static void PackA<T>(T* dst, T* a, nint rs, nint cs, int mc, int kc, int mr) where T : unmanaged
    {
        for (int i0 = 0; i0 < mc; i0 += mr, a += rs * mr, dst += (nint)mr * kc)
        {
            int rows = Math.Min(mr, mc - i0);
            if (rs == 1 && rows == mr)
            {
                // Column-major A (or a transposed row-major one): each k step is one contiguous run.
                for (int p = 0; p < kc; p++) Copy(a + p * cs, dst + (nint)p * mr, mr);
            }
            else
            {
                Transpose(dst, a, rs, cs, rows, kc, mr);
            }
        }
    }

    /// <summary>
    /// Packs the <paramref name="kc"/>×<paramref name="nc"/> panel of B whose element (p, j) is at
    /// <c>b[p·rs + j·cs]</c> into ⌈nc/nr⌉ micro-panels; micro-panel r holds columns r·nr.. as kc
    /// rows of <paramref name="nr"/> consecutive values, columns past <paramref name="nc"/> zero.
    /// </summary>
    public static void PackB<T>(T* dst, T* b, nint rs, nint cs, int kc, int nc, int nr) where T : unmanaged
    {
        for (int j0 = 0; j0 < nc; j0 += nr, b += cs * nr, dst += (nint)nr * kc)
        {
            int cols = Math.Min(nr, nc - j0);
            if (cs == 1 && cols == nr)
            {
                // Row-major B: each k step is one contiguous run of nr values.
                for (int p = 0; p < kc; p++) Copy(b + p * rs, dst + (nint)p * nr, nr);
            }
            else
            {
                // Column j of the micro-panel is line j of the source (stride cs), step rs along k.
                Transpose(dst, b, cs, rs, cols, kc, nr);
            }
        }
    }

    /// <summary>
    /// The general packing: <c>dst[p·width + i] = src[i·lineStride + p·step]</c> for i &lt; lines,
    /// zero for lines ≤ i &lt; width. Reading one source line at a time keeps the reads sequential
    /// when <paramref name="step"/> is 1 (the transposed case); the writes stride by width but stay
    /// inside a micro-panel that fits in L1.
    /// </summary>
    private static void Transpose<T>(T* dst, T* src, nint lineStride, nint step, int lines, int kc, int width) where T : unmanaged
    {
        int i = 0;
        // Four lines at a time: four independent load/store streams per k step.
        for (; i + 4 <= lines; i += 4)
        {
            T* s0 = src + i * lineStride, s1 = s0 + lineStride, s2 = s1 + lineStride, s3 = s2 + lineStride;
            T* d = dst + i;
            for (int p = 0; p < kc; p++, d += width)
            {
                nint o = p * step;
                d[0] = s0[o];
                d[1] = s1[o];
                d[2] = s2[o];
                d[3] = s3[o];
            }
        }
        for (; i < lines; i++)
        {
            T* s = src + i * lineStride;
            T* d = dst + i;
            for (int p = 0; p < kc; p++, d += width) *d = s[p * step];
        }
        if (lines < width)
        {
            for (int p = 0; p < kc; p++)
                new Span<T>(dst + (nint)p * width + lines, width - lines).Clear();
        }
    }

    /// <summary>Copies a short run (a micro-panel row) with whole vectors when it is a multiple of their width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy<T>(T* src, T* dst, int count) where T : unmanaged
    {
        if (Vector512.IsHardwareAccelerated && count % Vector512<T>.Count == 0)
        {
            for (int i = 0; i < count; i += Vector512<T>.Count) Vector512.Store(Vector512.Load(src + i), dst + i);
        }
        else if (Vector256.IsHardwareAccelerated && count % Vector256<T>.Count == 0)
        {
            for (int i = 0; i < count; i += Vector256<T>.Count) Vector256.Store(Vector256.Load(src + i), dst + i);
        }
        else
        {
            for (int i = 0; i < count; i++) dst[i] = src[i];
        }
    }
}
