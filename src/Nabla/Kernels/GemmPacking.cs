using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Nabla;

// How GEMM operands reach the FMA units: copied into packed panels for the blocked path
// (GemmPacking, GemmBuffers), or read in place by the direct loop for small products
// (GemmDirect); and the Operands descriptor that both take.

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    /// <remarks>B's panel is A's with rows and columns swapped: column j of B, stepping along k, is row j of Bᵀ.</remarks>
    public static void PackB<T>(T* dst, T* b, nint rs, nint cs, int kc, int nc, int nr) where T : unmanaged =>
        PackA(dst, b, cs, rs, nc, kc, nr);

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

/// <summary>
/// The direct path for small products (2×2, 16×16, anything under <see cref="Gemm.DirectMaxWork"/>):
/// no packing and no buffers, since for these the copies would cost as much as the arithmetic.
/// With unit column strides in B and C and AVX-512 it computes 4 rows × 2 vectors of C at a time
/// straight from the operands (8 independent FMA chains hide the FMA latency), with masked loads
/// and stores for the column edge so no width needs a scalar tail. Other layouts take a scalar
/// loop over four columns at a time. Each element is still one FMA chain over ascending k.
/// </summary>
internal static unsafe class GemmDirect
{
    /// <summary>Whether the vectorised loop applies: unit column strides in B and C, and AVX-512.</summary>
    public static bool Vectorizes<T>(in Operands<T> op) where T : unmanaged =>
        op.CCs == 1 && op.BCs == 1 && Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    /// <summary>
    /// Runs the direct path; with several threads (large products with few rows) each takes a
    /// contiguous range of 2-vector column blocks, which leaves every element's arithmetic unchanged.
    /// </summary>
    public static void Run<T>(int m, int n, int k, Operands<T> op, int threads) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!Vectorizes(op)) Scalar(m, n, k, op);
        else if (threads <= 1 || n <= 2 * Vector512<T>.Count) Masked512(m, n, k, op);
        else Split(m, n, k, op, threads);
    }

    // Separate from Run so that the closure is allocated only when the work is actually split.
    private static void Split<T>(int m, int n, int k, Operands<T> op, int threads) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int block = 2 * Vector512<T>.Count, blocks = (n + block - 1) / block;
        threads = Math.Min(threads, blocks);
        Parallel.For(0, threads, t =>
        {
            int start = (int)((long)blocks * t / threads) * block, end = Math.Min((int)((long)blocks * (t + 1) / threads) * block, n);
            if (end > start) Masked512(m, end - start, k, op.OffsetColumns(start));
        });
    }

    /// <summary>
    /// Eight accumulators per pass: four rows × two vectors of columns, or, when C has at most one
    /// vector of columns (a 10-class output layer), eight rows × one vector, so no FMA is spent on
    /// masked-off lanes. Either way each element of C is one FMA chain over ascending k.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Masked512<T>(int m, int n, int k, in Operands<T> op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector512<T>.Count;
        var va = Vector512.Create(op.Alpha);
        var vb = Vector512.Create(op.Beta);
        bool zero = T.IsZero(op.Beta);
        nint ars = op.ARs, acs = op.ACs, brs = op.BRs, crs = op.CRs;
        bool narrow = n <= w;
        int rowStep = narrow ? 8 : 4, second = narrow ? 0 : w;  // the second set's first row (after rowStep / 2) or column
        for (int j = 0; j < n; j += 2 * w)
        {
            // Lanes past column n are masked off: not loaded (no fault even past the array), not stored.
            var m0 = GemmVector.FirstLanes<T>(n - j);
            var m1 = narrow ? m0 : GemmVector.FirstLanes<T>(n - j - w);
            for (int i = 0; i < m; i += rowStep)
            {
                // A partial last block re-reads row m-1 for its missing rows (valid memory, results
                // discarded), so it keeps all eight FMA chains instead of falling back to one row.
                int rows = Math.Min(rowStep, m - i), last = rows - 1;
                nint o1 = Math.Min(1, last) * ars, o2 = Math.Min(2, last) * ars, o3 = Math.Min(3, last) * ars;
                nint p0 = narrow ? Math.Min(4, last) * ars : 0, p1 = narrow ? Math.Min(5, last) * ars : o1;
                nint p2 = narrow ? Math.Min(6, last) * ars : o2, p3 = narrow ? Math.Min(7, last) * ars : o3;
                T* a = op.A + i * ars, b = op.B + j;
                Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default;
                Vector512<T> c20 = default, c21 = default, c30 = default, c31 = default;
                for (int p = 0; p < k; p++, a += acs, b += brs)
                {
                    var b0 = GemmVector.Load(b, m0);
                    var b1 = GemmVector.Load(b + second, m1);
                    c00 = GemmVector.Fma(Vector512.Create(a[0]), b0, c00); c01 = GemmVector.Fma(Vector512.Create(a[p0]), b1, c01);
                    c10 = GemmVector.Fma(Vector512.Create(a[o1]), b0, c10); c11 = GemmVector.Fma(Vector512.Create(a[p1]), b1, c11);
                    c20 = GemmVector.Fma(Vector512.Create(a[o2]), b0, c20); c21 = GemmVector.Fma(Vector512.Create(a[p2]), b1, c21);
                    c30 = GemmVector.Fma(Vector512.Create(a[o3]), b0, c30); c31 = GemmVector.Fma(Vector512.Create(a[p3]), b1, c31);
                }
                T* c = op.C + i * crs + j;
                GemmVector.Store(c, c00, m0, va, vb, zero);
                if (rows > 1) GemmVector.Store(c + crs, c10, m0, va, vb, zero);
                if (rows > 2) GemmVector.Store(c + 2 * crs, c20, m0, va, vb, zero);
                if (rows > 3) GemmVector.Store(c + 3 * crs, c30, m0, va, vb, zero);
                // The second set: rows 4-7 of the same columns, or the same rows' next vector.
                int rows1 = narrow ? rows - 4 : n - j > w ? rows : 0;
                T* c1 = narrow ? c + 4 * crs : c + w;
                if (rows1 > 0) GemmVector.Store(c1, c01, m1, va, vb, zero);
                if (rows1 > 1) GemmVector.Store(c1 + crs, c11, m1, va, vb, zero);
                if (rows1 > 2) GemmVector.Store(c1 + 2 * crs, c21, m1, va, vb, zero);
                if (rows1 > 3) GemmVector.Store(c1 + 3 * crs, c31, m1, va, vb, zero);
            }
        }
    }

    /// <summary>Any strides, element by element (four columns per pass for independent chains).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scalar<T>(int m, int n, int k, in Operands<T> op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T alpha = op.Alpha, beta = op.Beta;
        bool zero = T.IsZero(beta);
        nint acs = op.ACs, brs = op.BRs, bcs = op.BCs, ccs = op.CCs;
        for (int i = 0; i < m; i++)
        {
            T* aRow = op.A + i * op.ARs, cRow = op.C + i * op.CRs;
            int j = 0;
            for (; j + 4 <= n; j += 4)
            {
                T s0 = T.Zero, s1 = T.Zero, s2 = T.Zero, s3 = T.Zero;
                T* a = aRow, b = op.B + j * bcs;
                for (int p = 0; p < k; p++, a += acs, b += brs)
                {
                    T x = *a;
                    s0 = T.FusedMultiplyAdd(x, b[0], s0);
                    s1 = T.FusedMultiplyAdd(x, b[bcs], s1);
                    s2 = T.FusedMultiplyAdd(x, b[2 * bcs], s2);
                    s3 = T.FusedMultiplyAdd(x, b[3 * bcs], s3);
                }
                T* c = cRow + j * ccs;
                c[0] = GemmVector.Update(s0, c[0], alpha, beta, zero);
                c[ccs] = GemmVector.Update(s1, c[ccs], alpha, beta, zero);
                c[2 * ccs] = GemmVector.Update(s2, c[2 * ccs], alpha, beta, zero);
                c[3 * ccs] = GemmVector.Update(s3, c[3 * ccs], alpha, beta, zero);
            }
            for (; j < n; j++)
            {
                T sum = T.Zero;
                T* a = aRow, b = op.B + j * bcs;
                for (int p = 0; p < k; p++, a += acs, b += brs) sum = T.FusedMultiplyAdd(*a, *b, sum);
                cRow[j * ccs] = GemmVector.Update(sum, cRow[j * ccs], alpha, beta, zero);
            }
        }
    }
}

/// <summary>The three matrices of one GEMM as pointers and element strides, plus alpha and beta.</summary>
internal readonly unsafe struct Operands<T>(T* a, nint aRs, nint aCs, T* b, nint bRs, nint bCs, T* c, nint cRs, nint cCs, T alpha, T beta)
    where T : unmanaged
{
    public readonly T* A = a, B = b, C = c;
    public readonly nint ARs = aRs, ACs = aCs, BRs = bRs, BCs = bCs, CRs = cRs, CCs = cCs;
    public readonly T Alpha = alpha, Beta = beta;

    /// <summary>The sub-problem for rows start.. of A and C.</summary>
    public Operands<T> OffsetRows(int start) => new(A + start * ARs, ARs, ACs, B, BRs, BCs, C + start * CRs, CRs, CCs, Alpha, Beta);

    /// <summary>The sub-problem for columns start.. of B and C.</summary>
    public Operands<T> OffsetColumns(int start) => new(A, ARs, ACs, B + start * BCs, BRs, BCs, C + start * CCs, CRs, CCs, Alpha, Beta);
}

/// <summary>
/// Packing buffers, one cached per thread: a GEMM call rents its thread's buffer and gives it back
/// at the end (a nested call on the same thread finds the slot empty and allocates its own). They
/// live on the pinned object heap so their addresses are stable and can be aligned to 64 bytes.
/// </summary>
internal static unsafe class GemmBuffers
{
    [ThreadStatic] private static byte[]? cached;

    public static byte[] Rent(int bytes)
    {
        var buffer = cached;
        cached = null;
        if (buffer is null || buffer.Length < bytes + 64) buffer = GC.AllocateUninitializedArray<byte>(bytes + 64, pinned: true);
        return buffer;
    }

    public static void Return(byte[] buffer) => cached = buffer;

    /// <summary>The first 64-byte-aligned address inside the (pinned) buffer.</summary>
    public static void* Aligned(byte[] buffer) =>
        (void*)(((nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer)) + 63) & ~(nint)63);
}
