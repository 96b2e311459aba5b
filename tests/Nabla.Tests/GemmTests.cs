using System.Numerics;

namespace Nabla.Tests;

/// <summary>
/// The internal GEMM (<see cref="Gemm"/>) against a naive Float64 reference written here: random
/// sizes 1..300 (with 1 and primes) in every layout of A, B and C (row-major, column-major,
/// strided with gaps, C with a padded row stride), alpha/beta combinations (beta 0 over a
/// NaN-filled C), both dtypes, both kernels and the direct path; plus bitwise determinism across
/// thread counts and a few large shapes. Gaps in A and B hold NaN, so reading one poisons the
/// result; gaps in C hold a sentinel that must survive.
/// </summary>
public class GemmTests
{
    public enum Layout { RowMajor, ColMajor, Strided }

    private const double Sentinel = 7777;

    /// <summary>Sizes drawn from 1..300, biased toward tile edges and primes.</summary>
    private static readonly int[] EdgeSizes = [1, 2, 3, 5, 7, 11, 12, 13, 16, 17, 31, 32, 33, 47, 97, 101, 127, 128, 193, 257, 293, 300];

    public static TheoryData<Layout, Layout> LayoutPairs()
    {
        var data = new TheoryData<Layout, Layout>();
        foreach (var a in Enum.GetValues<Layout>())
            foreach (var b in Enum.GetValues<Layout>())
                data.Add(a, b);
        return data;
    }

    /// <summary>Every A × B × C layout and alpha/beta combination on a few random shapes, float and double.</summary>
    [Theory]
    [MemberData(nameof(LayoutPairs))]
    public void MatchesReferenceInEveryLayout(Layout aLayout, Layout bLayout)
    {
        var rng = new Random(1000 + 3 * (int)aLayout + (int)bLayout);
        for (int trial = 0; trial < 3; trial++)
        {
            int m = Size(rng), n = Size(rng), k = Size(rng);
            // Keep the Debug run short: cap the work of the big shapes.
            while ((long)m * n * k > 1_000_000) k = Math.Max(1, k / 2);
            var problem = Problem.Random(rng, m, n, k);
            foreach (var cLayout in Enum.GetValues<Layout>())
            {
                var (alpha, beta) = AlphaBeta[(trial + (int)cLayout) % AlphaBeta.Length];
                // The size picks the path; force the other two as well so every layout meets each.
                foreach (int path in Paths)
                {
                    problem.Check<float>(aLayout, bLayout, cLayout, alpha, beta, path: path);
                    problem.Check<double>(aLayout, bLayout, cLayout, alpha, beta, path: path);
                }
            }
        }
    }

    /// <summary>Gemm.ForcePath values: automatic, the direct loop, the packed AVX-512 (or AVX2) kernel.</summary>
    private static readonly int[] Paths = [0, 1, 2];

    private static readonly (double Alpha, double Beta)[] AlphaBeta = [(1, 0), (1, 1), (2, 0), (-0.5, 1), (2, 0.5)];

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 2, 2)]
    [InlineData(16, 16, 16)]
    [InlineData(13, 1, 300)]
    [InlineData(1, 300, 7)]
    [InlineData(300, 1, 5)]
    [InlineData(37, 41, 29)]
    [InlineData(12, 32, 256)]
    [InlineData(24, 64, 257)]
    [InlineData(97, 211, 300)]
    public void MatchesReferenceForEdgeShapes(int m, int n, int k)
    {
        var problem = Problem.Random(new Random(m * 7919 + n * 31 + k), m, n, k);
        foreach (var (alpha, beta) in AlphaBeta)
            foreach (int path in Paths)
            {
                problem.Check<float>(Layout.RowMajor, Layout.RowMajor, Layout.RowMajor, alpha, beta, path: path);
                problem.Check<double>(Layout.ColMajor, Layout.Strided, Layout.RowMajor, alpha, beta, path: path);
            }
    }

    /// <summary>
    /// Matrix·vector (n = 1) and vector·matrix (m = 1) with operands contiguous along k take the
    /// dot-product kernel; the other layouts of the same shapes take the tile paths.
    /// </summary>
    [Theory]
    [InlineData(300, 1, 257)]
    [InlineData(1, 300, 257)]
    [InlineData(37, 1, 15)]
    [InlineData(1, 37, 64)]
    public void VectorProductsMatchReference(int m, int n, int k)
    {
        var problem = Problem.Random(new Random(m * n + k), m, n, k);
        foreach (var (alpha, beta) in AlphaBeta)
        {
            problem.Check<float>(Layout.RowMajor, Layout.ColMajor, Layout.RowMajor, alpha, beta);
            problem.Check<double>(Layout.RowMajor, Layout.ColMajor, Layout.ColMajor, alpha, beta);
            problem.Check<float>(Layout.ColMajor, Layout.RowMajor, Layout.RowMajor, alpha, beta);
        }
    }

    /// <summary>The AVX2 kernel (the fallback when Vector512 is not accelerated), the direct loop and the packed path on medium shapes.</summary>
    [Theory]
    [InlineData(256)]
    [InlineData(1)]
    [InlineData(2)]
    public void EachPathMatchesReference(int path)
    {
        var rng = new Random(path);
        // n ≤ 16 (float) or ≤ 8 (double) takes the direct loop's eight-row narrow form; 61, 13 and 130 leave partial row blocks.
        foreach (var (m, n, k) in new[] { (61, 77, 300), (130, 29, 140), (7, 70, 45), (5, 200, 64), (61, 10, 300), (13, 16, 20), (130, 8, 40), (3, 5, 9) })
        {
            var problem = Problem.Random(rng, m, n, k);
            foreach (var layout in Enum.GetValues<Layout>())
            {
                problem.Check<float>(layout, Layout.RowMajor, Layout.RowMajor, 1, 0, path: path);
                problem.Check<double>(Layout.RowMajor, layout, layout, 2, 0.5, path: path);
            }
        }
    }

    /// <summary>
    /// The large shapes, checked on a sample of elements (the full reference would take too long in
    /// Debug). k = 1000 spans two KC slices, so beta must apply to the first slice only.
    /// </summary>
    [Theory]
    [InlineData(512, 512, 512)]
    [InlineData(1000, 1000, 7)]
    [InlineData(7, 1000, 1000)]
    [InlineData(1000, 7, 1000)]
    [InlineData(40, 300, 1000)]
    public void LargeShapesMatchReference(int m, int n, int k)
    {
        var problem = Problem.Random(new Random(m + n + k), m, n, k);
        problem.Check<float>(Layout.RowMajor, Layout.RowMajor, Layout.RowMajor, 2, 0.5, sample: 3000);
        problem.Check<double>(Layout.RowMajor, Layout.ColMajor, Layout.RowMajor, 1, 0, sample: 3000);
    }

    /// <summary>Each C element's summation order is fixed, so any thread count gives the same bits.</summary>
    [Theory]
    [InlineData(160, 200, 256, Layout.RowMajor, Layout.RowMajor)]
    [InlineData(40, 700, 300, Layout.ColMajor, Layout.Strided)]
    [InlineData(1000, 33, 90, Layout.Strided, Layout.ColMajor)]
    [InlineData(7, 3000, 200, Layout.RowMajor, Layout.RowMajor)]
    [InlineData(3000, 1, 1000, Layout.RowMajor, Layout.ColMajor)]
    public void ResultIsBitwiseIdenticalForAnyThreadCount(int m, int n, int k, Layout aLayout, Layout bLayout)
    {
        var problem = Problem.Random(new Random(m ^ n ^ k), m, n, k);
        Assert.True((long)m * n * k >= Gemm.ParallelMinWork, "the shape must be large enough to be split");
        foreach (var cLayout in new[] { Layout.RowMajor, Layout.ColMajor })
        {
            var one = problem.Run<float>(aLayout, bLayout, cLayout, 1.5, 0.5, maxThreads: 1);
            foreach (int threads in new[] { 2, 3, 8 })
                Assert.Equal(one, problem.Run<float>(aLayout, bLayout, cLayout, 1.5, 0.5, maxThreads: threads));
            var oneD = problem.Run<double>(aLayout, bLayout, cLayout, 1, 1, maxThreads: 1);
            Assert.Equal(oneD, problem.Run<double>(aLayout, bLayout, cLayout, 1, 1, maxThreads: 2));
        }
    }

    [Fact]
    public void ZeroDepthOrZeroAlphaOnlyScalesC()
    {
        var c = new float[] { 1, 2, float.NaN, 4 };
        Gemm.Run(2, 2, 0, 1f, [], 0, 0, 0, [], 0, 0, 0, 0f, c, 0, 2, 1);
        Assert.Equal([0f, 0f, 0f, 0f], c);

        // alpha = 0: A and B are not read (NaN there does not propagate).
        double[] a = [double.NaN, 1, 2, 3], b = [double.NaN, 1, 2, 3], d = [1, 2, 3, 4];
        Gemm.Run(2, 2, 2, 0.0, a, 0, 2, 1, b, 0, 2, 1, 3.0, d, 0, 2, 1);
        Assert.Equal([3.0, 6, 9, 12], d);
    }

    [Fact]
    public void EmptyOutputIsANoOp()
    {
        Gemm.Run(0, 5, 3, 1f, [], 0, 3, 1, new float[15], 0, 5, 1, 0f, [], 0, 5, 1);
        Gemm.Run(5, 0, 3, 1.0, new double[15], 0, 3, 1, [], 0, 0, 1, 0.0, [], 0, 0, 1);
    }

    [Fact]
    public void OutOfRangeOperandsThrow()
    {
        var ex = Assert.Throws<ArgumentException>(() => Gemm.Run(3, 3, 3, 1f, new float[8], 0, 3, 1, new float[9], 0, 3, 1, 0f, new float[9], 0, 3, 1));
        Assert.Contains("GEMM A", ex.Message);
        Assert.Throws<ArgumentException>(() => Gemm.Run(3, 3, 3, 1f, new float[9], 0, 3, 1, new float[9], 1, 3, 1, 0f, new float[9], 0, 3, 1));
        Assert.Throws<ArgumentException>(() => Gemm.Run(3, 3, 3, 1.0, new double[9], 0, 3, 1, new double[9], 0, 3, 1, 0.0, new double[9], 0, 4, 1));
        Assert.Throws<ArgumentException>(() => Gemm.Run(3, 3, 3, 1f, new float[9], 0, -3, 1, new float[9], 0, 3, 1, 0f, new float[9], 0, 3, 1));
        Assert.Throws<ArgumentException>(() => Gemm.Run(-1, 3, 3, 1f, new float[9], 0, 3, 1, new float[9], 0, 3, 1, 0f, new float[9], 0, 3, 1));
    }

    private static int Size(Random rng) => rng.Next(3) == 0 ? EdgeSizes[rng.Next(EdgeSizes.Length)] : rng.Next(1, 301);

    /// <summary>Logical A (m×k), B (k×n) and initial C (m×n) in Float64, and the reference product.</summary>
    private sealed class Problem
    {
        public int M, N, K;
        public double[,] A = null!, B = null!, C0 = null!, Product = null!, Magnitude = null!;
        private bool[,]? computed;

        public static Problem Random(Random rng, int m, int n, int k)
        {
            var p = new Problem { M = m, N = n, K = k, A = new double[m, k], B = new double[k, n], C0 = new double[m, n] };
            // Values exactly representable in float, so both dtypes multiply the same numbers.
            for (int i = 0; i < m; i++) for (int j = 0; j < k; j++) p.A[i, j] = (float)(rng.NextDouble() * 2 - 1);
            for (int i = 0; i < k; i++) for (int j = 0; j < n; j++) p.B[i, j] = (float)(rng.NextDouble() * 2 - 1);
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) p.C0[i, j] = (float)(rng.NextDouble() * 2 - 1);
            p.Product = new double[m, n];
            p.Magnitude = new double[m, n];
            p.computed = new bool[m, n];
            return p;
        }

        /// <summary>The naive reference, computed lazily per element (sampled checks only need a few).</summary>
        private (double Value, double Magnitude) Reference(int i, int j)
        {
            if (!computed![i, j])
            {
                double s = 0, mag = 0;
                for (int p = 0; p < K; p++)
                {
                    double t = A[i, p] * B[p, j];
                    s += t;
                    mag += Math.Abs(t);
                }
                (Product[i, j], Magnitude[i, j], computed[i, j]) = (s, mag, true);
            }
            return (Product[i, j], Magnitude[i, j]);
        }

        /// <summary>Runs the GEMM with the given layouts; returns the whole C buffer (gaps included).</summary>
        public T[] Run<T>(Layout aLayout, Layout bLayout, Layout cLayout, double alpha, double beta, int maxThreads = 0, int path = 0)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var (a, ao, ars, acs) = Store<T>(A, aLayout, 0, T.NaN);
            var (b, bo, brs, bcs) = Store<T>(B, bLayout, 0, T.NaN);
            var (c, co, crs, ccs) = Store<T>(C0, cLayout, 5, T.CreateChecked(Sentinel));
            if (beta == 0) Fill(c, co, crs, ccs, M, N, T.NaN);
            Gemm.ForcePath = path;
            try
            {
                if (typeof(T) == typeof(float))
                    Gemm.Run(M, N, K, (float)alpha, (float[])(object)a, ao, ars, acs, (float[])(object)b, bo, brs, bcs, (float)beta, (float[])(object)c, co, crs, ccs, maxThreads);
                else
                    Gemm.Run(M, N, K, alpha, (double[])(object)a, ao, ars, acs, (double[])(object)b, bo, brs, bcs, beta, (double[])(object)c, co, crs, ccs, maxThreads);
            }
            finally
            {
                Gemm.ForcePath = 0;
            }
            return c;
        }

        public void Check<T>(Layout aLayout, Layout bLayout, Layout cLayout, double alpha, double beta, int sample = 0, int path = 0)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var c = Run<T>(aLayout, bLayout, cLayout, alpha, beta, path: path);
            var (co, crs, ccs) = Place(cLayout, M, N, 5);
            double eps = double.CreateChecked(ULP<T>());
            string what = $"{typeof(T).Name} {M}×{N}×{K} A {aLayout} B {bLayout} C {cLayout} alpha {alpha} beta {beta} path {path}";
            var inside = new bool[c.Length];
            for (int i = 0; i < M; i++) for (int j = 0; j < N; j++) inside[co + i * crs + j * ccs] = true;
            for (int x = 0; x < c.Length; x++)
                if (!inside[x]) Assert.True(double.CreateChecked(c[x]) == Sentinel, $"{what}: C gap at {x} was written");
            var rng = new Random(M * N);
            int checks = sample > 0 ? sample : M * N;
            for (int s = 0; s < checks; s++)
            {
                int i = sample > 0 ? rng.Next(M) : s / N, j = sample > 0 ? rng.Next(N) : s % N;
                var (value, mag) = Reference(i, j);
                double expected = alpha * value + beta * C0[i, j];
                double bound = (K + 4) * eps * (Math.Abs(alpha) * mag + Math.Abs(beta * C0[i, j])) + 4 * eps * Math.Abs(expected);
                double got = double.CreateChecked(c[co + i * crs + j * ccs]);
                if (!(Math.Abs(got - expected) <= bound))
                    Assert.Fail($"{what}: C[{i}, {j}] = {got}, expected {expected} ± {bound}");
            }
        }

        private static T ULP<T>() where T : IFloatingPointIeee754<T> => T.BitIncrement(T.One) - T.One;

        /// <summary>Element strides of a rows×cols matrix in a layout; the buffer starts 3 elements in.</summary>
        private static (int Offset, int Rs, int Cs) Place(Layout layout, int rows, int cols, int pad) => layout switch
        {
            Layout.RowMajor => (3, cols + pad, 1),
            Layout.ColMajor => (3, 1, rows + pad),
            _ => (3, 2 * cols + 3, 2),
        };

        private static (T[] Data, int Offset, int Rs, int Cs) Store<T>(double[,] matrix, Layout layout, int pad, T gap)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            int rows = matrix.GetLength(0), cols = matrix.GetLength(1);
            var (o, rs, cs) = Place(layout, rows, cols, pad);
            var data = new T[o + (rows - 1) * rs + (cols - 1) * cs + 1 + 4];
            Array.Fill(data, gap);
            for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) data[o + i * rs + j * cs] = T.CreateChecked(matrix[i, j]);
            return (data, o, rs, cs);
        }

        private static void Fill<T>(T[] data, int o, int rs, int cs, int rows, int cols, T value)
        {
            for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) data[o + i * rs + j * cs] = value;
        }
    }
}
