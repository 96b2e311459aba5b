using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Nabla;

/// <summary>
/// General matrix multiply, <c>C = alpha·A·B + beta·C</c>, for Float32 and Float64, with any
/// element strides for A (m×k), B (k×n) and C (m×n).
/// <para>
/// Large products follow the GotoBLAS/BLIS layering (Goto and van de Geijn, ACM TOMS 2008; Van
/// Zee and van de Geijn, ACM TOMS 2015): loop over NC-wide column panels of B, then KC-deep
/// slices of k; pack the KC×NC panel of B once, then for each MC-row block of A sweep the
/// register-tiled micro-kernel (<see cref="IGemmKernel{T}"/>) over the block. Each level's block
/// is sized for one cache level so the innermost loops only ever read from L1 and L2. A is packed
/// only when neither of its strides is 1; otherwise the kernel's broadcasts read it in place
/// (BLIS's "sup" observation: for A the packing costs more than the locality it buys here).
/// Small products, and those with fewer rows than a tile, take a direct loop (<see cref="GemmDirect"/>).
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
    internal static int MaxThreads { get => threadOverride ?? Threads.Count; set => threadOverride = value; }

    private static int? threadOverride;

    /// <summary>
    /// Below this m·n·k the vectorised direct loop (B and C with unit column stride) beats packing:
    /// measured on this project's machine it is ahead up to about 80³ and level at 96³–128³.
    /// </summary>
    internal const long DirectMaxWork = 1L << 20;

    /// <summary>With fewer rows of C than this, the vectorised direct loop is used at any size (the packed tile has 12 rows).</summary>
    internal const int DirectMaxRows = 12;

    /// <summary>Below this m·n·k the scalar direct loop (other layouts) is cheaper than packing.</summary>
    internal const long ScalarDirectMaxWork = 1L << 13;

    /// <summary>Below this m·n·k one thread does it all: a Parallel.For handoff costs several microseconds.</summary>
    internal const long ParallelMinWork = 1L << 21;

    /// <summary>Test hook, per calling thread: force the direct loop (1), the packed path (2), the packed path with the AVX2 kernel (256), or choose (0).</summary>
    internal static int ForcePath
    {
        get => forcePath;
        set => (forcePath, anyForced) = (value, anyForced || value != 0);
    }

    // A thread-static read costs several ns, a third of a 2×2 product: skip it until a test has forced a path.
    [ThreadStatic] private static int forcePath;
    private static bool anyForced;

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
        if ((m | n | k) < 0) ThrowNegativeSize(m, n, k);
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
            T* pA = pa + aOffset, pB = pb + bOffset, pC = pc + cOffset;
            if (!readAB)
                ScaleC(m, n, new Operands<T>(null, 0, 0, null, 0, 0, pC, cRowStride, cColStride, alpha, beta));
            // The kernels vectorise along C's columns, so orient the problem so that C's smaller
            // stride runs along them: a column-major C is computed as Cᵀ = Bᵀ·Aᵀ.
            else if (cColStride != 1 && (cRowStride == 1 || cRowStride < cColStride))
                Dispatch(n, m, k, new Operands<T>(pB, bColStride, bRowStride, pA, aColStride, aRowStride, pC, cColStride, cRowStride, alpha, beta), maxThreads);
            else
                Dispatch(m, n, k, new Operands<T>(pA, aRowStride, aColStride, pB, bRowStride, bColStride, pC, cRowStride, cColStride, alpha, beta), maxThreads);
        }
    }

    private static void Dispatch<T>(int m, int n, int k, in Operands<T> op, int maxThreads) where T : unmanaged, IFloatingPointIeee754<T>
    {
        long work = (long)m * n * k;
        int force = anyForced ? forcePath : 0;
        int threads = work < ParallelMinWork ? 1 : Math.Max(1, maxThreads > 0 ? Math.Min(maxThreads, MaxThreads) : MaxThreads);
        // The direct loop wins while B and C stay in cache, and whenever C has fewer rows than the
        // packed kernel's tile (which would spend most of its FMAs on padding).
        if (force == 0 && m == 1 && n > 1 && op.ACs == 1 && op.BRs == 1)
        {
            // A vector times a column-major matrix: as Cᵀ = Bᵀ·aᵀ it is a matrix·vector product.
            Dispatch(n, 1, k, new Operands<T>(op.B, op.BCs, op.BRs, op.A, op.ACs, op.ARs, op.C, op.CCs, op.CRs, op.Alpha, op.Beta), maxThreads);
            return;
        }
        if (force == 0 && GemvKernel.Applies(n, op))
        {
            GemvKernel.Run(m, k, op, threads);
            return;
        }
        bool direct = force == 1 || !Vector256.IsHardwareAccelerated ||
            (force == 0 && (GemmDirect.Vectorizes(op) ? work < DirectMaxWork || m < DirectMaxRows : work < ScalarDirectMaxWork));
        if (direct) GemmDirect.Run(m, n, k, op, threads);
        else if (Vector512.IsHardwareAccelerated && force != 256) Blocked<T, Vector512Kernel<T>>(m, n, k, op, threads);
        else Blocked<T, Vector256Kernel<T>>(m, n, k, op, threads);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckBounds(int length, int offset, int rows, int rowStride, int cols, int colStride, string name)
    {
        if ((offset | rowStride | colStride) < 0 || offset + (long)(rows - 1) * rowStride + (long)(cols - 1) * colStride >= length)
            ThrowOutOfRange(length, offset, rows, rowStride, cols, colStride, name);
    }

    // Throws live in their own methods: an interpolated message inline makes every call zero a large stack frame.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNegativeSize(int m, int n, int k) =>
        throw new ArgumentException($"GEMM sizes must be non-negative, got m={m}, n={n}, k={k}.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOutOfRange(int length, int offset, int rows, int rowStride, int cols, int colStride, string name)
    {
        if ((offset | rowStride | colStride) < 0)
            throw new ArgumentException($"GEMM {name}: offset and strides must be non-negative, got offset {offset}, strides ({rowStride}, {colStride}).");
        long last = offset + (long)(rows - 1) * rowStride + (long)(cols - 1) * colStride;
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
    /// Splits C into one contiguous range of columns (or rows) per thread, each a whole-tile
    /// multiple, and runs the sequential blocked algorithm on each, with no synchronisation at all.
    /// Columns are preferred: each thread then packs only its own part of B and reads A in place,
    /// so nothing is packed twice. Rows are split when there are too few column tiles to share
    /// evenly, or when A must be packed and has more tiles (each thread then packs all of B, a
    /// plain copy of k·n elements).
    /// </summary>
    private static void Blocked<T, TK>(int m, int n, int k, Operands<T> op, int threads)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : IGemmKernel<T>
    {
        int mTiles = (m + TK.MR - 1) / TK.MR, nTiles = (n + TK.NR - 1) / TK.NR;
        bool splitRows = mTiles > nTiles && (PacksA(op) || nTiles < 4 * threads);
        threads = Math.Min(threads, splitRows ? mTiles : nTiles);
        if (threads <= 1) Sequential<T, TK>(m, n, k, op);
        else Split<T, TK>(m, n, k, op, threads, splitRows);
    }

    // Separate from Blocked so that the closure is allocated only when the work is actually split.
    private static void Split<T, TK>(int m, int n, int k, Operands<T> op, int threads, bool splitRows)
        where T : unmanaged, IFloatingPointIeee754<T> where TK : IGemmKernel<T>
    {
        int units = splitRows ? (m + TK.MR - 1) / TK.MR : (n + TK.NR - 1) / TK.NR, unit = splitRows ? TK.MR : TK.NR;
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
    /// (KC×NR) is reused across the whole ir loop from L1/L2, the A block (MC×KC) across the jr
    /// loop from L2, and the packed B panel across the ic loop from L3.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        bool packA = PacksA(op);

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteBack<T>(T* tile, int ldt, T* c, nint rs, nint cs, int rows, int cols, T alpha, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool zero = T.IsZero(beta);
        for (int i = 0; i < rows; i++)
        {
            T* t = tile + i * ldt, row = c + i * rs;
            for (int j = 0; j < cols; j++) row[j * cs] = GemmVector.Update(t[j], row[j * cs], alpha, beta, zero);
        }
    }

    /// <summary>
    /// A row- or column-major A is read in place by the kernel (its broadcasts take any strides):
    /// measured as fast as packing at 1024³ and 10-20% faster at 64³-256³, where packing A is a
    /// large share of the work. Only an A strided in both directions is packed.
    /// </summary>
    private static bool PacksA<T>(in Operands<T> op) where T : unmanaged => op.ARs != 1 && op.ACs != 1;

    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;

    /// <summary>The block size that splits <paramref name="size"/> into the fewest equal blocks of at most <paramref name="limit"/>, rounded up to a multiple of <paramref name="multiple"/>.</summary>
    private static int Balanced(int size, int limit, int multiple)
    {
        int blocks = (size + limit - 1) / limit;
        return RoundUp((size + blocks - 1) / blocks, multiple);
    }
}
