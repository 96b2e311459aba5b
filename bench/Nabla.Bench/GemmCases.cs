using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Nabla.Bench;

/// <summary>
/// The internal GEMM kernel (<see cref="Gemm"/>) on row-major operands, each beside the machine's
/// FMA limit measured in the same run: a Vector512 FMA loop on registers doing the same number of
/// flops (12 independent accumulators, so it runs at the FMA pipes' throughput, not their latency),
/// on the same number of cores. Nabla÷b is then 1 / (fraction of peak). The tiny cases compare
/// with a naive triple loop instead, since there latency, not throughput, is the point.
/// </summary>
[CaseTable(40)]
internal static class GemmCases
{
    public static readonly Case[] Cases =
    [
        Large<float>("f32 1024³, 1 core", 1024, 1024, 1024, threads: 1),
        Large<float>("f32 1024³, 2 cores", 1024, 1024, 1024, threads: 2),
        Large<float>("f32 128³, 1 core", 128, 128, 128, threads: 1),
        Large<float>("f32 256×784 · 784×256, 1 core", 256, 256, 784, threads: 1),
        Large<float>("f32 256×784 · (256×784)ᵀ, 1 core", 256, 256, 784, threads: 1, transposedB: true),
        Large<double>("f64 1024³, 1 core", 1024, 1024, 1024, threads: 1),
        Large<double>("f64 1024³, 2 cores", 1024, 1024, 1024, threads: 2),
        Small("f32 2×2", 2),
        Small("f32 16×16", 16),
    ];

    /// <summary>
    /// C = A·B for a row-major m×k A and k×n B (or, with <paramref name="transposedB"/>, B stored as
    /// a row-major n×k matrix, as in x·Wᵀ of a linear layer) on <paramref name="threads"/> cores.
    /// </summary>
    private static Case Large<T>(string name, int m, int n, int k, int threads, bool transposedB = false)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        int bRs = transposedB ? 1 : n, bCs = transposedB ? k : 1;
        double flops = 2.0 * m * n * k;
        return new("gemm", name, Work.Flops(flops), () =>
        {
            var rng = new Random(42);
            if (typeof(T) == typeof(float))
            {
                float[] a = RandomArray<float>(rng, m * k), b = RandomArray<float>(rng, k * n), c = new float[m * n];
                return new CaseBody(
                    new Impl("Nabla", () =>
                    {
                        Gemm.Run(m, n, k, 1f, a, 0, k, 1, b, 0, bRs, bCs, 0f, c, 0, n, 1, threads);
                        return c;
                    }),
                    [FmaLimit(flops, threads, Vector512<float>.Count)]);
            }
            else
            {
                double[] a = RandomArray<double>(rng, m * k), b = RandomArray<double>(rng, k * n), c = new double[m * n];
                return new CaseBody(
                    new Impl("Nabla", () =>
                    {
                        Gemm.Run(m, n, k, 1.0, a, 0, k, 1, b, 0, bRs, bCs, 0.0, c, 0, n, 1, threads);
                        return c;
                    }),
                    [FmaLimit(flops, threads, Vector512<double>.Count)]);
            }
        });
    }

    /// <summary>A tiny square product: the direct path's latency against the obvious triple loop.</summary>
    private static Case Small(string name, int size) => new("gemm", name, Work.Flops(2.0 * size * size * size), () =>
    {
        var rng = new Random(7);
        float[] a = RandomArray<float>(rng, size * size), b = RandomArray<float>(rng, size * size);
        float[] c = new float[size * size], naive = new float[size * size];
        return new CaseBody(
            new Impl("Nabla", () =>
            {
                Gemm.Run(size, size, size, 1f, a, 0, size, 1, b, 0, size, 1, 0f, c, 0, size, 1);
                return c;
            }),
            [new Impl("naive i-j-k loop on arrays", () => Naive(a, b, naive, size))],
            Check: () =>
            {
                Gemm.Run(size, size, size, 1f, a, 0, size, 1, b, 0, size, 1, 0f, c, 0, size, 1);
                Naive(a, b, naive, size);
                for (int i = 0; i < c.Length; i++)
                    if (Math.Abs(c[i] - naive[i]) > 1e-4f * size) throw new InvalidOperationException($"GEMM differs from the naive loop at {i}");
            });
    });

    /// <summary>
    /// The FMA-throughput limit for <paramref name="flops"/> on <paramref name="threads"/> cores:
    /// each thread runs its share as a register-only loop of 12 independent Vector512 FMAs.
    /// </summary>
    private static Impl FmaLimit(double flops, int threads, int lanes)
    {
        long iterations = (long)(flops / (2.0 * lanes * 12 * threads));
        string label = $"Vector512 FMA loop, {threads} core{(threads > 1 ? "s" : "")}{(lanes == 8 ? " (f64)" : "")}";
        if (threads == 1) return new Impl(label, () => lanes == 8 ? FmaLoopDouble(iterations) : FmaLoopSingle(iterations));
        var sums = new object[threads];
        return new Impl(label, () =>
        {
            Parallel.For(0, threads, t => sums[t] = lanes == 8 ? FmaLoopDouble(iterations) : FmaLoopSingle(iterations));
            return sums;
        });
    }

    // Two plain copies: a generic version returning object made the JIT keep every accumulator in memory.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float FmaLoopSingle(long iterations)
    {
        var x = Vector512.Create(1.0000001f);
        var y = Vector512.Create(0.9999999f);
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default;
        Vector512<float> a6 = default, a7 = default, a8 = default, a9 = default, a10 = default, a11 = default;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(x, y, a0); a1 = Vector512.FusedMultiplyAdd(x, y, a1); a2 = Vector512.FusedMultiplyAdd(x, y, a2);
            a3 = Vector512.FusedMultiplyAdd(x, y, a3); a4 = Vector512.FusedMultiplyAdd(x, y, a4); a5 = Vector512.FusedMultiplyAdd(x, y, a5);
            a6 = Vector512.FusedMultiplyAdd(x, y, a6); a7 = Vector512.FusedMultiplyAdd(x, y, a7); a8 = Vector512.FusedMultiplyAdd(x, y, a8);
            a9 = Vector512.FusedMultiplyAdd(x, y, a9); a10 = Vector512.FusedMultiplyAdd(x, y, a10); a11 = Vector512.FusedMultiplyAdd(x, y, a11);
        }
        return Vector512.Sum((a0 + a1) + (a2 + a3) + (a4 + a5) + (a6 + a7) + (a8 + a9) + (a10 + a11));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double FmaLoopDouble(long iterations)
    {
        var x = Vector512.Create(1.0000001);
        var y = Vector512.Create(0.9999999);
        Vector512<double> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default;
        Vector512<double> a6 = default, a7 = default, a8 = default, a9 = default, a10 = default, a11 = default;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(x, y, a0); a1 = Vector512.FusedMultiplyAdd(x, y, a1); a2 = Vector512.FusedMultiplyAdd(x, y, a2);
            a3 = Vector512.FusedMultiplyAdd(x, y, a3); a4 = Vector512.FusedMultiplyAdd(x, y, a4); a5 = Vector512.FusedMultiplyAdd(x, y, a5);
            a6 = Vector512.FusedMultiplyAdd(x, y, a6); a7 = Vector512.FusedMultiplyAdd(x, y, a7); a8 = Vector512.FusedMultiplyAdd(x, y, a8);
            a9 = Vector512.FusedMultiplyAdd(x, y, a9); a10 = Vector512.FusedMultiplyAdd(x, y, a10); a11 = Vector512.FusedMultiplyAdd(x, y, a11);
        }
        return Vector512.Sum((a0 + a1) + (a2 + a3) + (a4 + a5) + (a6 + a7) + (a8 + a9) + (a10 + a11));
    }

    private static float[] Naive(float[] a, float[] b, float[] c, int size)
    {
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++)
            {
                float s = 0;
                for (int p = 0; p < size; p++) s += a[i * size + p] * b[p * size + j];
                c[i * size + j] = s;
            }
        return c;
    }

    private static T[] RandomArray<T>(Random rng, int length) where T : unmanaged, System.Numerics.INumber<T>
    {
        var data = new T[length];
        for (int i = 0; i < length; i++) data[i] = T.CreateTruncating(rng.NextDouble() * 2 - 1);
        return data;
    }
}
