using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Nabla.Bench;

/// <summary>
/// Norms and the small decompositions. The long vector norms are memory-bound: each is timed
/// beside a raw-array loop doing the same pass (|x| or x² widened to double, Vector512, every
/// core), which is the bandwidth limit in the same run, and beside TensorPrimitives' single-thread
/// float-accumulating version (fast but 1% off at this length). Bytes counted: one read of the input.
/// </summary>
[CaseTable(50)]
internal static class NormCases
{
    private const int Big = 16_000_000;

    private static readonly string Threads = $"{Environment.ProcessorCount} thread{(Environment.ProcessorCount == 1 ? "" : "s")}";

    public static readonly Case[] Cases =
    [
        new("norm", "VectorNorm L2 16e6 f32", Work.Bytes(4.0 * Big), () =>
        {
            var (x, data) = Filled();
            return new CaseBody(
                new Impl("Nabla", () => Linalg.VectorNorm(x)),
                [
                    new Impl($"raw x² → double FMA, {Threads}", () => Baselines.WidenedSumParallel(data, Fold.Square)),
                    new Impl("raw x² → double FMA, 1 thread", () => Baselines.WidenedSum(data, Fold.Square)),
                    new Impl("TensorPrimitives.Norm (float acc)", () => TensorPrimitives.Norm(data)),
                ],
                Check: () => RequireClose(Linalg.VectorNorm(x).Item<float>(), Math.Sqrt(Baselines.WidenedSumParallel(data, Fold.Square)), "L2"));
        }),

        new("norm", "VectorNorm L1 16e6 f32", Work.Bytes(4.0 * Big), () =>
        {
            var (x, data) = Filled();
            return new CaseBody(
                new Impl("Nabla", () => Linalg.VectorNorm(x, 1)),
                [
                    new Impl($"raw |x| → double, {Threads}", () => Baselines.WidenedSumParallel(data, Fold.Abs)),
                    new Impl("TensorPrimitives.SumOfMagnitudes", () => TensorPrimitives.SumOfMagnitudes(data)),
                ],
                Check: () => RequireClose(Linalg.VectorNorm(x, 1).Item<float>(), Baselines.WidenedSumParallel(data, Fold.Abs), "L1"));
        }),

        new("norm", "VectorNorm L2 16e6 f64", Work.Bytes(8.0 * Big), () =>
        {
            var x = Tensor.Full([Big], 0.1, DType.Float64) + Tensor.Arange(Big, dtype: DType.Float64) * 1e-9;
            var data = x.ToArray<double>();
            return new CaseBody(
                new Impl("Nabla", () => Linalg.VectorNorm(x)),
                [
                    new Impl($"raw x² FMA, {Threads}", () => ParallelDoubles(data)),
                    new Impl("TensorPrimitives.Norm", () => TensorPrimitives.Norm<double>(data)),
                ],
                Check: () => RequireClose(Linalg.VectorNorm(x).Item<double>(), Math.Sqrt(ParallelDoubles(data)), "L2 f64"));
        }),

        new("norm", "VectorNorm ∞ 16e6 f32", Work.Bytes(4.0 * Big), () =>
        {
            var (x, data) = Filled();
            return new CaseBody(new Impl("Nabla", () => Linalg.VectorNorm(x, double.PositiveInfinity)),
                [new Impl("TensorPrimitives.MaxMagnitude", () => TensorPrimitives.MaxMagnitude(data))]);
        }),

        new("norm", "x.Norm() of 4 f32", Work.None, () =>
        {
            float[] four = [1f, 2f, 3f, 4f];
            var x = Tensor.From(four);
            return new CaseBody(new Impl("Nabla", () => x.Norm()),
                [new Impl("TensorPrimitives.Norm", () => TensorPrimitives.Norm<float>(four))]);
        }),

        new("norm", "VectorNorm dim=1 of 1024² f32", Work.Bytes(4.0 * 1024 * 1024), () =>
        {
            var x = Tensor.Randn([1024, 1024], DType.Float32);
            var data = x.ToArray<float>();
            var result = new double[1024];
            return new CaseBody(new Impl("Nabla", () => Linalg.VectorNorm(x, 2, 1)),
                [new Impl($"raw row loops, {Threads}", () =>
                {
                    System.Threading.Tasks.Parallel.For(0, 1024, r => result[r] = Math.Sqrt(Baselines.WidenedSum(data.AsSpan(r * 1024, 1024), Fold.Square)));
                    return result;
                })]);
        }),

        new("norm", "MatrixNorm fro 1024² f32", Work.Bytes(4.0 * 1024 * 1024), () =>
        {
            var x = Tensor.Randn([1024, 1024], DType.Float32);
            var data = x.ToArray<float>();
            return new CaseBody(new Impl("Nabla", () => Linalg.MatrixNorm(x)),
                [new Impl($"raw x² → double FMA, {Threads}", () => Baselines.WidenedSumParallel(data, Fold.Square))]);
        }),

        new("linalg", "Svdvals 64×64 f64", Work.None, () =>
        {
            var a = Tensor.Randn([64, 64], DType.Float64);
            return new CaseBody(new Impl("Nabla", () => Linalg.Svdvals(a)), [new Impl("Det (LU) of the same", () => Linalg.Det(a))]);
        }),

        new("linalg", "Svd 128×128 f64", Work.None, () =>
        {
            var a = Tensor.Randn([128, 128], DType.Float64);
            return new CaseBody(new Impl("Nabla", () => Linalg.Svd(a)), [new Impl("Qr of the same", () => Linalg.Qr(a))]);
        }),

        new("linalg", "Inv 256×256 f64", Work.Flops(2.0 * 256 * 256 * 256), () =>
        {
            var a = Tensor.Randn([256, 256], DType.Float64) + 16 * Tensor.Eye(256, dtype: DType.Float64);
            return new CaseBody(new Impl("Nabla", () => Linalg.Inv(a)), [new Impl("Matmul of the same", () => Tensor.Matmul(a, a))]);
        }),
    ];

    /// <summary>16e6 Float32 values 0.1 + small increments, as a tensor and an array.</summary>
    private static (Tensor X, float[] Data) Filled()
    {
        var x = Tensor.Full([Big], 0.1, DType.Float32) + Tensor.Arange(Big, dtype: DType.Float32) * 1e-9f;
        return (x, x.ToArray<float>());
    }

    private static double ParallelDoubles(double[] data)
    {
        const int chunk = 1 << 18;
        int chunks = (data.Length + chunk - 1) / chunk;
        var partial = new double[chunks];
        System.Threading.Tasks.Parallel.For(0, chunks, c =>
            partial[c] = TensorPrimitives.SumOfSquares<double>(data.AsSpan(c * chunk, Math.Min(chunk, data.Length - c * chunk))));
        return partial.Sum();
    }

    private static void RequireClose(double actual, double expected, string what)
    {
        if (Math.Abs(actual / expected - 1) > 1e-6) throw new InvalidOperationException($"{what}: Nabla {actual}, baseline {expected}");
    }
}
