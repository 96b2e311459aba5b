using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Nabla;

/// <summary>
/// General matrix multiply, <c>C = alpha·A·B + beta·C</c>, for Float32 and Float64, with any
/// element strides for A (m×k), B (k×n) and C (m×n).
/// <para>
/// Large products follow the GotoBLAS/BLIS layering (Goto and van de Geijn, ACM TOMS 2008; Van
/// Zee and van de Geijn, ACM TOMS 2015): loop over NC-wide column panels of B, then KC-deep
/// slices of k; pack the KC×NC panel of B once, then for each MC-row block of A pack it and sweep
/// the register-tiled micro-kernel (<see cref="IGemmKernel{T}"/>) over the block. Each level's
/// block is sized for one cache level so the innermost loops only ever read from L1 and L2.
/// Small products (where packing would cost more than it saves) take a direct loop instead.
/// </para>
/// <para>
/// Determinism: every element of C is summed over k in the same order (ascending k, one FMA chain
/// per KC slice, slices added into C in order) whatever the thread count or where the element
/// falls in a tile, so results are bitwise identical with 1 or many threads. Only the sizes and
/// strides pick the code path, never the thread count.
/// </para>
/// <para>
/// beta = 0 means C is not read (NaN in C is overwritten, as BLAS and PyTorch's addmm do);
/// alpha = 0 or k = 0 means A and B are not read. C must not overlap A or B.
/// </para>
/// </summary>
internal static unsafe class Gemm
{
    /// <summary>Thread cap for every call (tests and benchmarks lower it); a call's maxThreads argument can lower it further.</summary>
    internal static int MaxThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>Below this m·n·k the direct loop wins: packing costs O(mk + kn) against O(mnk) work.</summary>
    internal const long DirectMaxWork = 32 * 1024;

    /// <summary>Below this m·n·k one thread does it all: a Parallel.For handoff costs several microseconds.</summary>
    internal const long ParallelMinWork = 1L << 21;

    /// <summary>Test hook, per calling thread: force the AVX2 kernel (256), the direct loop (1), or choose by hardware (0).</summary>
    internal static int ForcePath
    {
        get => forcePath;
        set => forcePath = value;
    }

    [ThreadStatic] private static int forcePath;

    /// <summary>
    /// <c>C = alpha·A·B + beta·C</c> where A[i, p] = a[aOffset + i·aRowStride + p·aColStride],
    /// B[p, j] = b[bOffset + p·bRowStride + j·bColStride], C[i, j] = c[cOffset + i·cRowStride + j·cColStride].
    /// Strides are in elements and must be non-negative. <paramref name="maxThreads"/> 0 means
    /// <see cref="MaxThreads"/>; pass 1 when the caller already runs GEMMs in parallel (batched matmul).
    /// </summary>
    public static void Run(int m, int n, int k, float alpha, ReadOnlySpan<float> a, int aOffset, int aRowStride, int aColStride,
        ReadOnlySpan<float> b, int bOffset, int bRowStride, int bColStride, float beta, Span<float> c, int cOffset, int cRowStride,
        int cColStride, int maxThreads = 0) =>
        Run<float>(m, n, k, alpha, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, beta, c, cOffset,
            cRowStride, cColStride, maxThreads);

    /// <inheritdoc cref="Run(int, int, int, float, ReadOnlySpan{float}, int, int, int, ReadOnlySpan{float}, int, int, int, float, Span{float}, int, int, int, int)"/>
    public static void Run(int m, int n, int k, double alpha, ReadOnlySpan<double> a, int aOffset, int aRowStride, int aColStride,
        ReadOnlySpan<double> b, int bOffset, int bRowStride, int bColStride, double beta, Span<double> c, int cOffset, int cRowStride,
        int cColStride, int maxThreads = 0) =>
        Run<double>(m, n, k, alpha, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, beta, c, cOffset,
            cRowStride, cColStride, maxThreads);

    private static void Run<T>(int m, int n, int k, T alpha, ReadOnlySpan<T> a, int aOffset, int aRowStride, int aColStride,
        ReadOnlySpan<T> b, int bOffset, int bRowStride, int bColStride, T beta, Span<T> c, int cOffset, int cRowStride,
        int cColStride, int maxThreads) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentException($"GEMM sizes must be non-negative, got m={m}, n={n}, k={k}.");
        if (m == 0 || n == 0) return;
        CheckBounds(c.Length, cOffset, m, cRowStride, n, cColStride, "C");
        bool readAB = k > 0 && !T.IsZero(alpha);
        if (readAB)
        {
            CheckBounds(a.Length, aOffset, m, aRowStride, k, aColStride, "A");
            CheckBounds(b.Length, bOffset, k, bRowStride, n, bColStride, "B");
        }
        fixed (T* pa = a, pb = b, pc = c)
        {
            var op = new Operands<T>(readAB ? pa + aOffset : null, aRowStride, aColStride, readAB ? pb + bOffset : null, bRowStride,
                bColStride, pc + cOffset, cRowStride, cColStride, alpha, beta);
            if (!readAB)
            {
                ScaleC(m, n, op);
                return;
            }
            // The kernels vectorise along C's columns, so orient the problem so that C's smaller
            // stride runs along them: a column-major C is computed as Cᵀ = Bᵀ·Aᵀ.
            if (cColStride != 1 && (cRowStride == 1 || cRowStride < cColStride))
            {
                op = op.Transposed();
                (m, n) = (n, m);
            }
            int threads = Math.Max(1, maxThreads > 0 ? Math.Min(maxThreads, MaxThreads) : MaxThreads);
            long work = (long)m * n * k;
            if (ForcePath == 1 || work < DirectMaxWork || !Vector256.IsHardwareAccelerated)
                GemmDirect.Run(m, n, k, op);
            else if (Vector512.IsHardwareAccelerated && ForcePath != 256)
                Blocked<T, Vector512Kernel<T>>(m, n, k, op, work >= ParallelMinWork ? threads : 1);
            else
                Blocked<T, Vector256Kernel<T>>(m, n, k, op, work >= ParallelMinWork ? threads : 1);
        }
    }

    private static void CheckBounds(int length, int offset, int rows, int rowStride, int cols, int colStride, string name)
    {
        if (offset < 0 || rowStride < 0 || colStride < 0)
            throw new ArgumentException($"GEMM {name}: offset and strides must be non-negative, got offset {offset}, strides ({rowStride}, {colStride}).");
        long last = offset + (long)(rows - 1) * rowStride + (long)(cols - 1) * colStride;
        if (last >= length)
            throw new ArgumentException($"GEMM {name}: a {rows}×{cols} matrix at offset {offset} with strides ({rowStride}, {colStride}) needs {last + 1} elements, the span has {length}.");
    }

    /// <summary>C = beta·C (zero when beta is zero, without reading C): the whole answer when k = 0 or alpha = 0.</summary>
    private static void ScaleC<T>(int m, int n, in Operands<T> op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool zero = T.IsZero(op.Beta);
        for (int i = 0; i < m; i++)
        {
            T* row = op.C + i * op.CRs;
            for (int j = 0; j < n; j++) row[j * op.CCs] = zero ? T.Zero : op.Beta * row[j * op.CCs];
        }
    }

    /// <summary>
    /// Splits C into one contiguous range of rows or columns per thread (whichever dimension has
    /// more tiles), each a whole-tile multiple, and runs the sequential blocked algorithm on each.
    /// Every thread packs its own panels: duplicating the pack of the shared operand costs about
    /// as much as a barrier per panel would, and keeps the threads fully independent.
    /// </summary>
    private static void Blocked<T, TK>(int m, int n, int k, Operands<T> op, int threads)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : IGemmKernel<T>
    {
        int mTiles = (m + TK.MR - 1) / TK.MR, nTiles = (n + TK.NR - 1) / TK.NR;
        bool splitRows = mTiles >= nTiles;
        int units = splitRows ? mTiles : nTiles, unit = splitRows ? TK.MR : TK.NR;
        threads = Math.Min(threads, units);
        if (threads <= 1)
        {
            Sequential<T, TK>(m, n, k, op);
            return;
        }
        Parallel.For(0, threads, t =>
        {
            // Deterministic partition: thread t gets tiles [units·t/threads, units·(t+1)/threads).
            int start = (int)((long)units * t / threads) * unit, end = Math.Min((int)((long)units * (t + 1) / threads) * unit, splitRows ? m : n);
            if (end <= start) return;
            if (splitRows) Sequential<T, TK>(end - start, n, k, op.OffsetRows(start));
            else Sequential<T, TK>(m, end - start, k, op.OffsetColumns(start));
        });
    }

    /// <summary>
    /// The five loops of the BLIS algorithm on one thread: jc over NC panels of B, pc over KC
    /// slices of k, ic over MC blocks of A, then jr/ir over NR/MR micro-tiles. The B micro-panel
    /// (KC×NR) is reused across the whole ir loop from L1, the packed A block (MC×KC) across the
    /// jr loop from L2, and the packed B panel across the ic loop from L3.
    /// </summary>
    private static void Sequential<T, TK>(int m, int n, int k, in Operands<T> op)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : IGemmKernel<T>
    {
        int mr = TK.MR, nr = TK.NR;
        // Equal-sized blocks no larger than the tuned ones (k = 600 gives two slices of 300, not
        // 512 + 88). kc depends on k alone, so every thread splits k at the same places.
        int kcMax = Balanced(k, TK.KC, 1);
        int mcMax = Balanced(m, TK.MC, mr);
        int ncMax = Balanced(n, TK.NC, nr);
        nint aElems = RoundUp(mcMax * kcMax, 64), bElems = (nint)ncMax * kcMax;
        byte[] buffer = GemmBuffers.Rent((int)((aElems + bElems) * sizeof(T)));
        T* aPack = (T*)GemmBuffers.Aligned(buffer);
        T* bPack = aPack + aElems;
        T* tile = stackalloc T[mr * nr];
        bool unitColumns = op.CCs == 1;
        int packMode = GemmTuning.Get(3, 0);
        bool packA = packMode == 1 || (packMode == 0 && !(op.ARs == 1 || op.ACs == 1)) || (packMode == 3 && n > 256 && !(op.ARs == 1 || op.ACs == 1));

        for (int jc = 0; jc < n; jc += ncMax)
        {
            int nc = Math.Min(ncMax, n - jc);
            for (int pc = 0; pc < k; pc += kcMax)
            {
                int kc = Math.Min(kcMax, k - pc);
                // Later k slices add into what the earlier ones wrote.
                T beta = pc == 0 ? op.Beta : T.One;
                GemmPacking.PackB(bPack, op.B + pc * op.BRs + jc * op.BCs, op.BRs, op.BCs, kc, nc, nr);
                for (int ic = 0; ic < m; ic += mcMax)
                {
                    int mc = Math.Min(mcMax, m - ic);
                    T* aBlock = op.A + ic * op.ARs + pc * op.ACs;
                    // Unpacked, only a partial last micro-panel is copied (zero-padded) so the kernel never reads past row m.
                    int packedFrom = packA ? 0 : mc / mr * mr;
                    if (packedFrom < mc) GemmPacking.PackA(aPack, aBlock + packedFrom * op.ARs, op.ARs, op.ACs, mc - packedFrom, kc, mr);
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int ncols = Math.Min(nr, nc - jr);
                        T* bPanel = bPack + (nint)jr * kc;
                        T* cColumn = op.C + (nint)(jc + jr) * op.CCs + (nint)ic * op.CRs;
                        for (int ir = 0; ir < mc; ir += mr)
                        {
                            int nrows = Math.Min(mr, mc - ir);
                            T* cTile = cColumn + (nint)ir * op.CRs;
                            bool packed = ir >= packedFrom;
                            T* aPanel = packed ? aPack + (nint)(ir - packedFrom) * kc : aBlock + ir * op.ARs;
                            nint aRs = packed ? 1 : op.ARs, aCs = packed ? mr : op.ACs;
                            if (nrows == mr && ncols == nr && unitColumns)
                            {
                                TK.Run(kc, aPanel, aRs, aCs, bPanel, cTile, op.CRs, op.Alpha, beta);
                            }
                            else
                            {
                                TK.Run(kc, aPanel, aRs, aCs, bPanel, tile, nr, T.One, T.Zero);
                                WriteBack(tile, nr, cTile, op.CRs, op.CCs, nrows, ncols, op.Alpha, beta);
                            }
                        }
                    }
                }
            }
        }
        GemmBuffers.Return(buffer);
    }

    /// <summary>Edge tiles and non-unit column strides: the valid part of a computed tile, with the micro-kernel's formulas.</summary>
    private static void WriteBack<T>(T* tile, int ldt, T* c, nint rs, nint cs, int rows, int cols, T alpha, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool zero = T.IsZero(beta);
        for (int i = 0; i < rows; i++)
        {
            T* t = tile + i * ldt, row = c + i * rs;
            for (int j = 0; j < cols; j++)
            {
                ref T cij = ref row[j * cs];
                cij = zero ? t[j] * alpha : T.FusedMultiplyAdd(t[j], alpha, cij * beta);
            }
        }
    }

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

    /// <summary>The block size that splits <paramref name="size"/> into the fewest equal blocks of at most <paramref name="limit"/>, rounded up to a multiple of <paramref name="multiple"/>.</summary>
    private static int Balanced(int size, int limit, int multiple)
    {
        int blocks = (size + limit - 1) / limit;
        return RoundUp((size + blocks - 1) / blocks, multiple);
    }
}

/// <summary>The three matrices of one GEMM as pointers and element strides, plus alpha and beta.</summary>
internal readonly unsafe struct Operands<T>(T* a, nint aRs, nint aCs, T* b, nint bRs, nint bCs, T* c, nint cRs, nint cCs, T alpha, T beta)
    where T : unmanaged
{
    public readonly T* A = a, B = b, C = c;
    public readonly nint ARs = aRs, ACs = aCs, BRs = bRs, BCs = bCs, CRs = cRs, CCs = cCs;
    public readonly T Alpha = alpha, Beta = beta;

    /// <summary>The same product as Cᵀ = Bᵀ·Aᵀ: the operands swap and every matrix's strides swap.</summary>
    public Operands<T> Transposed() => new(B, BCs, BRs, A, ACs, ARs, C, CCs, CRs, Alpha, Beta);

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

/// <summary>
/// The direct path for small products (2×2, 16×16, anything under <see cref="Gemm.DirectMaxWork"/>):
/// no packing, no buffers. With unit column strides in B and C it runs four rows of C at a time
/// with one vector of columns (four independent FMA chains hide the FMA latency); the remaining
/// columns and other layouts take a scalar loop over four columns at a time. Each element is still
/// one FMA chain over ascending k, as in the blocked path.
/// </summary>
internal static unsafe class GemmDirect
{
    public static void Run<T>(int m, int n, int k, in Operands<T> op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int done = 0;
        if (op.CCs == 1 && op.BCs == 1)
        {
            if (Vector512.IsHardwareAccelerated) done = Vector512Columns(m, n, k, op);
            else if (Vector256.IsHardwareAccelerated) done = Vector256Columns(m, n, k, op);
        }
        ScalarColumns(m, done, n, k, op);
    }

    private static int Vector512Columns<T>(int m, int n, int k, in Operands<T> op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector512<T>.Count, j = 0;
        var va = Vector512.Create(op.Alpha);
        var vb = Vector512.Create(op.Beta);
        bool zero = T.IsZero(op.Beta);
        for (; j + w <= n; j += w)
        {
            int i = 0;
            for (; i + 4 <= m; i += 4)
            {
                T* a = op.A + i * op.ARs, b = op.B + j;
                Vector512<T> c0 = default, c1 = default, c2 = default, c3 = default;
                for (int p = 0; p < k; p++, a += op.ACs, b += op.BRs)
                {
                    var bv = Vector512.Load(b);
                    c0 = GemmVector.Fma(Vector512.Create(a[0]), bv, c0);
                    c1 = GemmVector.Fma(Vector512.Create(a[op.ARs]), bv, c1);
                    c2 = GemmVector.Fma(Vector512.Create(a[2 * op.ARs]), bv, c2);
                    c3 = GemmVector.Fma(Vector512.Create(a[3 * op.ARs]), bv, c3);
                }
                T* c = op.C + i * op.CRs + j;
                GemmVector.Store(c, c0, va, vb, zero);
                GemmVector.Store(c + op.CRs, c1, va, vb, zero);
                GemmVector.Store(c + 2 * op.CRs, c2, va, vb, zero);
                GemmVector.Store(c + 3 * op.CRs, c3, va, vb, zero);
            }
            for (; i < m; i++)
            {
                T* a = op.A + i * op.ARs, b = op.B + j;
                Vector512<T> c0 = default;
                for (int p = 0; p < k; p++, a += op.ACs, b += op.BRs) c0 = GemmVector.Fma(Vector512.Create(a[0]), Vector512.Load(b), c0);
                GemmVector.Store(op.C + i * op.CRs + j, c0, va, vb, zero);
            }
        }
        return j;
    }

    private static int Vector256Columns<T>(int m, int n, int k, in Operands<T> op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector256<T>.Count, j = 0;
        var va = Vector256.Create(op.Alpha);
        var vb = Vector256.Create(op.Beta);
        bool zero = T.IsZero(op.Beta);
        for (; j + w <= n; j += w)
        {
            for (int i = 0; i < m; i++)
            {
                T* a = op.A + i * op.ARs, b = op.B + j;
                Vector256<T> c0 = default;
                for (int p = 0; p < k; p++, a += op.ACs, b += op.BRs) c0 = GemmVector.Fma(Vector256.Create(a[0]), Vector256.Load(b), c0);
                GemmVector.Store(op.C + i * op.CRs + j, c0, va, vb, zero);
            }
        }
        return j;
    }

    /// <summary>Columns j0..n of C, element by element (four columns per pass for independent chains).</summary>
    private static void ScalarColumns<T>(int m, int j0, int n, int k, in Operands<T> op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T alpha = op.Alpha, beta = op.Beta;
        bool zero = T.IsZero(beta);
        for (int i = 0; i < m; i++)
        {
            T* aRow = op.A + i * op.ARs, cRow = op.C + i * op.CRs;
            int j = j0;
            for (; j + 4 <= n; j += 4)
            {
                T s0 = T.Zero, s1 = T.Zero, s2 = T.Zero, s3 = T.Zero;
                T* a = aRow, b = op.B + j * op.BCs;
                for (int p = 0; p < k; p++, a += op.ACs, b += op.BRs)
                {
                    T x = *a;
                    s0 = T.FusedMultiplyAdd(x, b[0], s0);
                    s1 = T.FusedMultiplyAdd(x, b[op.BCs], s1);
                    s2 = T.FusedMultiplyAdd(x, b[2 * op.BCs], s2);
                    s3 = T.FusedMultiplyAdd(x, b[3 * op.BCs], s3);
                }
                Put(cRow + j * op.CCs, s0, alpha, beta, zero);
                Put(cRow + (j + 1) * op.CCs, s1, alpha, beta, zero);
                Put(cRow + (j + 2) * op.CCs, s2, alpha, beta, zero);
                Put(cRow + (j + 3) * op.CCs, s3, alpha, beta, zero);
            }
            for (; j < n; j++)
            {
                T s = T.Zero;
                T* a = aRow, b = op.B + j * op.BCs;
                for (int p = 0; p < k; p++, a += op.ACs, b += op.BRs) s = T.FusedMultiplyAdd(*a, *b, s);
                Put(cRow + j * op.CCs, s, alpha, beta, zero);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<T>(T* c, T sum, T alpha, T beta, bool zero) where T : unmanaged, IFloatingPointIeee754<T> =>
        *c = zero ? sum * alpha : T.FusedMultiplyAdd(sum, alpha, *c * beta);
}
