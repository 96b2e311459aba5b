using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Nabla;

/// <summary>
/// A GEMM micro-kernel and the cache blocking that suits it. The micro-kernel is the only part of
/// a BLIS-style GEMM that is specific to the instruction set (Van Zee and van de Geijn, "BLIS: A
/// Framework for Rapidly Instantiating BLAS Functionality", 2015): it multiplies an MR×kc
/// micro-panel of A by a kc×NR packed micro-panel of B with the whole MR×NR block of C held in
/// registers, so every value it loads feeds several FMAs and C is touched once per kc steps.
/// The driver (<see cref="Gemm"/>) is generic over this interface; the JIT specialises it per
/// struct type, so the static calls below are direct and inlinable.
/// </summary>
internal unsafe interface IGemmKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Rows of the register tile: elements of A broadcast per k step.</summary>
    static abstract int MR { get; }

    /// <summary>Columns of the register tile: elements of B loaded (as vectors) per k step.</summary>
    static abstract int NR { get; }

    /// <summary>Depth of a slice of k: C is read and written once per slice, and the kc×NR micro-panel of B is reused across the MC rows.</summary>
    static abstract int KC { get; }

    /// <summary>Rows of a block of A: the MC×KC block should stay in L2 while the jr loop sweeps it once per B micro-panel.</summary>
    static abstract int MC { get; }

    /// <summary>Columns of a packed panel of B: KC×NC lives in L3 (shared) and bounds the buffer size.</summary>
    static abstract int NC { get; }

    /// <summary>
    /// <c>C = alpha·A·B̃ + beta·C</c> for one full MR×NR tile. A's element (i, p) is at
    /// <c>a[i·aRs + p·aCs]</c>: a packed micro-panel has strides (1, MR), but a row- or
    /// column-major A can be read in place. B̃ is packed k-major (NR values per k step); C has row
    /// stride <paramref name="ldc"/> and unit column stride. When <paramref name="beta"/> is zero C
    /// is written without being read.
    /// </summary>
    static abstract void Run(int kc, T* a, nint aRs, nint aCs, T* b, T* c, nint ldc, T alpha, T beta);
}

/// <summary>Type-dispatched vector FMA: the JIT folds the typeof tests, leaving one vfmadd.</summary>
internal static class GemmVector
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Fma<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        throw new NotSupportedException(typeof(T).Name);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Fma<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (typeof(T) == typeof(float))
            return Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();
        throw new NotSupportedException(typeof(T).Name);
    }

    /// <summary>Lanes 0..count-1 set (all for count ≥ width, none for count ≤ 0): the mask of a partial column block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> FirstLanes<T>(int count) where T : unmanaged, INumberBase<T> =>
        Vector512.LessThan(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(count)));

    /// <summary>A masked load (AVX-512): masked-off lanes read as zero and never fault.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Vector512<T> Load<T>(T* p, Vector512<T> mask) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            return Avx512F.MaskLoad((float*)p, mask.AsSingle(), Vector512<float>.Zero).As<float, T>();
        if (typeof(T) == typeof(double))
            return Avx512F.MaskLoad((double*)p, mask.AsDouble(), Vector512<double>.Zero).As<double, T>();
        throw new NotSupportedException(typeof(T).Name);
    }

    /// <summary>The masked form of <see cref="Store{T}(T*, Vector512{T}, Vector512{T}, Vector512{T}, bool)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Store<T>(T* c, Vector512<T> x, Vector512<T> mask, Vector512<T> alpha, Vector512<T> beta, bool betaZero)
        where T : unmanaged
    {
        var value = betaZero ? x * alpha : Fma(x, alpha, Load(c, mask) * beta);
        if (typeof(T) == typeof(float)) Avx512F.MaskStore((float*)c, mask.AsSingle(), value.AsSingle());
        else if (typeof(T) == typeof(double)) Avx512F.MaskStore((double*)c, mask.AsDouble(), value.AsDouble());
        else throw new NotSupportedException(typeof(T).Name);
    }

    /// <summary>The scalar write-back, same formulas as the vector one: <c>sum·alpha</c> or <c>fma(sum, alpha, c·beta)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Update<T>(T sum, T c, T alpha, T beta, bool betaZero) where T : IFloatingPointIeee754<T> =>
        betaZero ? sum * alpha : T.FusedMultiplyAdd(sum, alpha, c * beta);

    /// <summary>
    /// Asks for the C tile's cache lines before the k loop: C is usually far from the core (a
    /// large C is read once per KC slice), and the loop's thousands of cycles hide the latency
    /// that the write-back would otherwise stall on (BLIS's kernels do the same).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void PrefetchTile<T>(T* c, nint ldc, int rows, int cols) where T : unmanaged
    {
        if (!Sse.IsSupported) return;
        for (int i = 0; i < rows; i++, c += ldc)
        {
            Sse.Prefetch0(c);
            Sse.Prefetch0(c + cols - 1);
        }
    }

    /// <summary>
    /// Writes one register row back: <c>c = x·alpha</c> when beta is zero (C unread, so NaN garbage
    /// is overwritten), else <c>c = fma(x, alpha, c·beta)</c>. The scalar edge path in
    /// <see cref="Gemm"/> uses the same two formulas, so full and partial tiles round alike.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Store<T>(T* c, Vector512<T> x, Vector512<T> alpha, Vector512<T> beta, bool betaZero) where T : unmanaged
    {
        if (betaZero) (x * alpha).Store(c);
        else Fma(x, alpha, Vector512.Load(c) * beta).Store(c);
    }

    /// <inheritdoc cref="Store{T}(T*, Vector512{T}, Vector512{T}, Vector512{T}, bool)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Store<T>(T* c, Vector256<T> x, Vector256<T> alpha, Vector256<T> beta, bool betaZero) where T : unmanaged
    {
        if (betaZero) (x * alpha).Store(c);
        else Fma(x, alpha, Vector256.Load(c) * beta).Store(c);
    }
}

/// <summary>
/// The AVX-512 kernel: a 12 × 2-vector tile (12×32 floats, 12×16 doubles). Its 24 accumulators,
/// the two B vectors and one broadcast use 27 of the 32 zmm registers, so nothing spills (checked
/// with DOTNET_JitDisasm); per k step it issues 2 vector loads, 12 broadcasts and 24 FMAs: 24
/// independent chains are three times what two FMA pipes with a 4-cycle latency need, and the
/// loads stay well under the load ports' rate. 8×32 and 6×64 tiles measured no faster, and 6×64
/// wastes more work on narrow matrices.
/// </summary>
internal readonly unsafe struct Vector512Kernel<T> : IGemmKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int MR => 12;
    public static int NR => 2 * Vector512<T>.Count;
    // Tuned at 1024³ on the project machine, which ran on a Zen 4 host during tuning (32 KB L1d,
    // 1 MB L2, 32 MB L3; 512-bit FMAs at 116 GFLOP/s per core): C is read and written once per KC
    // slice, so a deep slice matters most (KC 256 → 512 moved float from ~81% to ~88% of the FMA
    // loop; 1024 was no better). That makes the B micro-panel 64 KB, more than L1, but the kernel
    // takes only ~11 bytes per cycle of it, which L2 streams easily (~22 on Zen 5, whose FMAs are
    // twice as wide: still well within L2's bandwidth). MC (the A block, 192 KB, in L2) and NC (the B panel,
    // 2 MB, in L3) moved results less than the noise over 48-384 rows and 512-2048 columns.
    // Double uses the same byte sizes.
    public static int KC => typeof(T) == typeof(float) ? 512 : 256;
    public static int MC => 96;
    public static int NC => 1024;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, nint aRs, nint aCs, T* b, T* c, nint ldc, T alpha, T beta)
    {
        int w = Vector512<T>.Count;
        GemmVector.PrefetchTile(c, ldc, 12, 2 * w);
        // Rows 0-2, 3-5, 6-8, 9-11 from four base pointers and two index offsets: every broadcast
        // is then one [base + index·scale] load whatever A's strides are.
        T* a3 = a + 3 * aRs, a6 = a + 6 * aRs, a9 = a + 9 * aRs;
        nint r1 = aRs, r2 = 2 * aRs;
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<T> c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default;
        Vector512<T> c90 = default, c91 = default, ca0 = default, ca1 = default, cb0 = default, cb1 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + w);
            var t = Vector512.Create(a[0]);
            c00 = GemmVector.Fma(t, b0, c00); c01 = GemmVector.Fma(t, b1, c01);
            t = Vector512.Create(a[r1]);
            c10 = GemmVector.Fma(t, b0, c10); c11 = GemmVector.Fma(t, b1, c11);
            t = Vector512.Create(a[r2]);
            c20 = GemmVector.Fma(t, b0, c20); c21 = GemmVector.Fma(t, b1, c21);
            t = Vector512.Create(a3[0]);
            c30 = GemmVector.Fma(t, b0, c30); c31 = GemmVector.Fma(t, b1, c31);
            t = Vector512.Create(a3[r1]);
            c40 = GemmVector.Fma(t, b0, c40); c41 = GemmVector.Fma(t, b1, c41);
            t = Vector512.Create(a3[r2]);
            c50 = GemmVector.Fma(t, b0, c50); c51 = GemmVector.Fma(t, b1, c51);
            t = Vector512.Create(a6[0]);
            c60 = GemmVector.Fma(t, b0, c60); c61 = GemmVector.Fma(t, b1, c61);
            t = Vector512.Create(a6[r1]);
            c70 = GemmVector.Fma(t, b0, c70); c71 = GemmVector.Fma(t, b1, c71);
            t = Vector512.Create(a6[r2]);
            c80 = GemmVector.Fma(t, b0, c80); c81 = GemmVector.Fma(t, b1, c81);
            t = Vector512.Create(a9[0]);
            c90 = GemmVector.Fma(t, b0, c90); c91 = GemmVector.Fma(t, b1, c91);
            t = Vector512.Create(a9[r1]);
            ca0 = GemmVector.Fma(t, b0, ca0); ca1 = GemmVector.Fma(t, b1, ca1);
            t = Vector512.Create(a9[r2]);
            cb0 = GemmVector.Fma(t, b0, cb0); cb1 = GemmVector.Fma(t, b1, cb1);
            a += aCs;
            a3 += aCs;
            a6 += aCs;
            a9 += aCs;
            b += 2 * w;
        }
        var va = Vector512.Create(alpha);
        var vb = Vector512.Create(beta);
        bool z = T.IsZero(beta);
        GemmVector.Store(c, c00, va, vb, z); GemmVector.Store(c + w, c01, va, vb, z); c += ldc;
        GemmVector.Store(c, c10, va, vb, z); GemmVector.Store(c + w, c11, va, vb, z); c += ldc;
        GemmVector.Store(c, c20, va, vb, z); GemmVector.Store(c + w, c21, va, vb, z); c += ldc;
        GemmVector.Store(c, c30, va, vb, z); GemmVector.Store(c + w, c31, va, vb, z); c += ldc;
        GemmVector.Store(c, c40, va, vb, z); GemmVector.Store(c + w, c41, va, vb, z); c += ldc;
        GemmVector.Store(c, c50, va, vb, z); GemmVector.Store(c + w, c51, va, vb, z); c += ldc;
        GemmVector.Store(c, c60, va, vb, z); GemmVector.Store(c + w, c61, va, vb, z); c += ldc;
        GemmVector.Store(c, c70, va, vb, z); GemmVector.Store(c + w, c71, va, vb, z); c += ldc;
        GemmVector.Store(c, c80, va, vb, z); GemmVector.Store(c + w, c81, va, vb, z); c += ldc;
        GemmVector.Store(c, c90, va, vb, z); GemmVector.Store(c + w, c91, va, vb, z); c += ldc;
        GemmVector.Store(c, ca0, va, vb, z); GemmVector.Store(c + w, ca1, va, vb, z); c += ldc;
        GemmVector.Store(c, cb0, va, vb, z); GemmVector.Store(c + w, cb1, va, vb, z);
    }
}

/// <summary>
/// The AVX2 fallback (used when Vector512 is not hardware-accelerated): a 6 × 2-vector tile
/// (6×16 floats, 6×8 doubles), the shape BLIS uses on Haswell: 12 accumulators, 2 B vectors and a
/// broadcast fit the 16 ymm registers. Its block sizes are Haswell-like guesses, not measured
/// (this project's machine takes the AVX-512 kernel); the tests run it on every layout.
/// </summary>
internal readonly unsafe struct Vector256Kernel<T> : IGemmKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int MR => 6;
    public static int NR => 2 * Vector256<T>.Count;
    public static int KC => 256;
    public static int MC => 120;
    public static int NC => 2048;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, nint aRs, nint aCs, T* b, T* c, nint ldc, T alpha, T beta)
    {
        int w = Vector256<T>.Count;
        GemmVector.PrefetchTile(c, ldc, 6, 2 * w);
        T* a3 = a + 3 * aRs;
        nint r1 = aRs, r2 = 2 * aRs;
        Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + w);
            var t = Vector256.Create(a[0]);
            c00 = GemmVector.Fma(t, b0, c00); c01 = GemmVector.Fma(t, b1, c01);
            t = Vector256.Create(a[r1]);
            c10 = GemmVector.Fma(t, b0, c10); c11 = GemmVector.Fma(t, b1, c11);
            t = Vector256.Create(a[r2]);
            c20 = GemmVector.Fma(t, b0, c20); c21 = GemmVector.Fma(t, b1, c21);
            t = Vector256.Create(a3[0]);
            c30 = GemmVector.Fma(t, b0, c30); c31 = GemmVector.Fma(t, b1, c31);
            t = Vector256.Create(a3[r1]);
            c40 = GemmVector.Fma(t, b0, c40); c41 = GemmVector.Fma(t, b1, c41);
            t = Vector256.Create(a3[r2]);
            c50 = GemmVector.Fma(t, b0, c50); c51 = GemmVector.Fma(t, b1, c51);
            a += aCs;
            a3 += aCs;
            b += 2 * w;
        }
        var va = Vector256.Create(alpha);
        var vb = Vector256.Create(beta);
        bool z = T.IsZero(beta);
        GemmVector.Store(c, c00, va, vb, z); GemmVector.Store(c + w, c01, va, vb, z); c += ldc;
        GemmVector.Store(c, c10, va, vb, z); GemmVector.Store(c + w, c11, va, vb, z); c += ldc;
        GemmVector.Store(c, c20, va, vb, z); GemmVector.Store(c + w, c21, va, vb, z); c += ldc;
        GemmVector.Store(c, c30, va, vb, z); GemmVector.Store(c + w, c31, va, vb, z); c += ldc;
        GemmVector.Store(c, c40, va, vb, z); GemmVector.Store(c + w, c41, va, vb, z); c += ldc;
        GemmVector.Store(c, c50, va, vb, z); GemmVector.Store(c + w, c51, va, vb, z);
    }
}

/// <summary>
/// Matrix·vector (n = 1) with A's rows and the vector both contiguous along k: each element of C
/// is a dot product, vectorised along k with four accumulators and reduced in a fixed order. The
/// tile kernels would spend 31 of every 32 lanes on padding here; this streams A once at memory
/// speed. Rows are split over threads for large A, which leaves each dot product unchanged.
/// </summary>
internal static unsafe class GemvKernel
{
    public static bool Applies<T>(int n, in Operands<T> op) where T : unmanaged =>
        n == 1 && op.ACs == 1 && op.BRs == 1 && Vector512.IsHardwareAccelerated;

    public static void Run<T>(int m, int k, Operands<T> op, int threads) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (threads <= 1 || m < 2 * threads) Rows(0, m, k, op);
        else Split(m, k, op, threads);
    }

    // Separate from Run so that the closure is allocated only when the work is actually split.
    private static void Split<T>(int m, int k, Operands<T> op, int threads) where T : unmanaged, IFloatingPointIeee754<T> =>
        Parallel.For(0, threads, t => Rows((int)((long)m * t / threads), (int)((long)m * (t + 1) / threads), k, op));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows<T>(int start, int end, int k, in Operands<T> op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector512<T>.Count;
        bool zero = T.IsZero(op.Beta);
        T* x = op.B;
        for (int i = start; i < end; i++)
        {
            T* a = op.A + i * op.ARs;
            Vector512<T> s0 = default, s1 = default, s2 = default, s3 = default;
            int p = 0;
            for (; p + 4 * w <= k; p += 4 * w)
            {
                s0 = GemmVector.Fma(Vector512.Load(a + p), Vector512.Load(x + p), s0);
                s1 = GemmVector.Fma(Vector512.Load(a + p + w), Vector512.Load(x + p + w), s1);
                s2 = GemmVector.Fma(Vector512.Load(a + p + 2 * w), Vector512.Load(x + p + 2 * w), s2);
                s3 = GemmVector.Fma(Vector512.Load(a + p + 3 * w), Vector512.Load(x + p + 3 * w), s3);
            }
            for (; p + w <= k; p += w) s0 = GemmVector.Fma(Vector512.Load(a + p), Vector512.Load(x + p), s0);
            T sum = Vector512.Sum((s0 + s1) + (s2 + s3));
            for (; p < k; p++) sum = T.FusedMultiplyAdd(a[p], x[p], sum);
            T* c = op.C + i * op.CRs;
            *c = GemmVector.Update(sum, *c, op.Alpha, op.Beta, zero);
        }
    }
}
