using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using Tensor = Nabla.Tensor;

namespace Nabla.Bench;

/// <summary>
/// Autograd overhead and a training step (issues 5 and 9), each beside the same computation written
/// by hand on arrays without autograd: the ratio is what the graph costs.
/// </summary>
[CaseTable(50)]
internal static class TrainingCases
{
    private const int Batch = 256, Inputs = 784, Hidden = 256, Classes = 10;

    public static readonly Case[] Cases =
    [
        new("autograd", "y = 2·dot(x, x), 4 elements, forward + backward", Work.None, () =>
        {
            var x = Tensor.Arange(4.0, dtype: DType.Float32, requiresGrad: true);
            float[] values = [0, 1, 2, 3], grad = new float[4];
            return new(() =>
            {
                x.Grad = null;
                (2 * Tensor.Dot(x, x)).Backward();
                return x.Grad;
            }, new Impl("by hand: y = 2Σx², dy/dx = 4x", () =>
            {
                float y = 0;
                for (int i = 0; i < 4; i++) y += values[i] * values[i];
                for (int i = 0; i < 4; i++) grad[i] = 4 * values[i];
                return 2 * y + grad[0];
            }));
        }),
        Chain("100-op chain, 1e3 elements, forward + backward", 1_000),
        Chain("100-op chain, 1e6 elements, forward + backward", 1_000_000),
        new("autograd", "100-op chain, 1e3 elements, forward only, grad disabled vs enabled", Work.None, () =>
        {
            var x = Tensor.Rand([1_000], DType.Float32, requiresGrad: true);
            return new(() =>
            {
                var y = x;
                for (int i = 0; i < 100; i++) y = y * 1.0001;
                return y;
            }, new Impl("same ops under Autograd.NoGrad()", () =>
            {
                using var scope = Autograd.NoGrad();
                var y = x;
                for (int i = 0; i < 100; i++) y = y * 1.0001;
                return y;
            }));
        }),
        Mlp(threads: 0),
        Mlp(threads: 1),
    ];

    /// <summary>
    /// The MLP step of issue 9 as a d2l reader writes it, beside the same step by hand on arrays and
    /// beside its five GEMMs alone: the floor for any implementation using this GEMM. Only the weight
    /// gradients and the hidden layer's gradient are products (the images need none): 2·B·(I·H + H·C)
    /// forward, the same for the weight gradients, and 2·B·H·C for dH.
    /// </summary>
    private static Case Mlp(int threads) => new("mlp", $"MLP 784→256→10, batch 256, one SGD step, {(threads == 1 ? "1 core" : "all cores")}",
        Work.Flops(4.0 * Batch * (Inputs * Hidden + Hidden * Classes) + 2.0 * Batch * Hidden * Classes), () =>
    {
        Tensor.ManualSeed(0);
        var images = Tensor.Rand(Batch, Inputs);
        var labels = Tensor.Randint(0, Classes, [Batch]);
        var w1 = (Tensor.Randn(Inputs, Hidden) * 0.01).Detach();
        var b1 = Tensor.Zeros(Hidden);
        var w2 = (Tensor.Randn(Hidden, Classes) * 0.01).Detach();
        var b2 = Tensor.Zeros(Classes);
        Tensor[] parameters = [w1, b1, w2, b2];
        foreach (var p in parameters) p.RequiresGrad = true;
        var manual = new ManualMlp(images.ToArray<float>(), labels.ToArray<long>(), w1.ToArray<float>(), w2.ToArray<float>());
        return new(() => OnThreads(threads, () => SgdStep(images, labels, parameters, 0.1)),
            new Impl("by hand on arrays, same GEMM", () => OnThreads(threads, manual.Step)),
            new Impl("its five GEMMs alone", () => OnThreads(threads, manual.Products)));
    });

    /// <summary>
    /// One step of the two-layer MLP as a d2l reader writes it: forward, cross-entropy, backward,
    /// then SGD with <c>-=</c> under NoGrad. <paramref name="parameters"/> are W1, b1, W2, b2.
    /// </summary>
    internal static Tensor SgdStep(Tensor images, Tensor labels, Tensor[] parameters, double learningRate)
    {
        var hidden = (images.Matmul(parameters[0]) + parameters[1]).Relu();
        var loss = Tensor.CrossEntropy(hidden.Matmul(parameters[2]) + parameters[3], labels);
        loss.Backward();
        using (Autograd.NoGrad())
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                var p = parameters[i];
                p -= learningRate * p.Grad!;
                p.Grad = null;
            }
        }
        return loss;
    }

    /// <summary>Runs <paramref name="action"/> with <see cref="Threads.Count"/> set to <paramref name="threads"/> (0: leave it).</summary>
    private static object? OnThreads(int threads, Func<object?> action)
    {
        if (threads == 0) return action();
        int saved = Threads.Count;
        Threads.Count = threads;
        try { return action(); }
        finally { Threads.Count = saved; }
    }

    private static Case Chain(string name, int n) => new("autograd", name, Work.Elements(200.0 * n), () =>
    {
        var x = Tensor.Rand([n], DType.Float32, requiresGrad: true);
        var values = x.ToArray<float>();
        var grad = new float[n];
        return new(() =>
        {
            x.Grad = null;
            var y = x;
            for (int i = 0; i < 100; i++) y = y * 1.0001;
            y.Sum().Backward();
            return x.Grad;
        }, new Impl("by hand: 100 scalings forward, the product backward", () =>
        {
            var y = (float[])values.Clone();
            for (int i = 0; i < 100; i++) TensorPrimitives.Multiply(y, 1.0001f, y);
            Array.Fill(grad, 1f);
            for (int i = 0; i < 100; i++) TensorPrimitives.Multiply(grad, 1.0001f, grad);
            return grad;
        }));
    });

    /// <summary>The MLP step without tensors or autograd: GEMMs on arrays, TensorPrimitives and vector loops for the rest.</summary>
    private sealed class ManualMlp(float[] x, long[] labels, float[] w1, float[] w2)
    {
        private readonly float[] b1 = new float[Hidden], b2 = new float[Classes];
        private readonly float[] h = new float[Batch * Hidden], o = new float[Batch * Classes];
        private readonly float[] dO = new float[Batch * Classes], dH = new float[Batch * Hidden];
        private readonly float[] dW1 = new float[Inputs * Hidden], dW2 = new float[Hidden * Classes];

        public object? Step()
        {
            Gemm.Run(Batch, Hidden, Inputs, 1f, x, 0, Inputs, 1, w1, 0, Hidden, 1, 0f, h, 0, Hidden, 1);
            for (int r = 0; r < Batch; r++)
            {
                var row = h.AsSpan(r * Hidden, Hidden);
                TensorPrimitives.Add(row, b1, row);
                TensorPrimitives.Max(row, 0f, row);
            }
            Gemm.Run(Batch, Classes, Hidden, 1f, h, 0, Hidden, 1, w2, 0, Classes, 1, 0f, o, 0, Classes, 1);
            float loss = 0;
            for (int r = 0; r < Batch; r++)
            {
                var row = o.AsSpan(r * Classes, Classes);
                TensorPrimitives.Add(row, b2, row);
                float max = TensorPrimitives.Max<float>(row), sum = 0;
                for (int c = 0; c < Classes; c++) sum += MathF.Exp(row[c] - max);
                loss += MathF.Log(sum) + max - row[(int)labels[r]];
                for (int c = 0; c < Classes; c++) dO[r * Classes + c] = (MathF.Exp(row[c] - max) / sum - (c == labels[r] ? 1 : 0)) / Batch;
            }
            Gemm.Run(Hidden, Classes, Batch, 1f, h, 0, 1, Hidden, dO, 0, Classes, 1, 0f, dW2, 0, Classes, 1);
            Gemm.Run(Batch, Hidden, Classes, 1f, dO, 0, Classes, 1, w2, 0, 1, Classes, 0f, dH, 0, Hidden, 1);
            ReluMask(h, dH);
            Gemm.Run(Inputs, Hidden, Batch, 1f, x, 0, 1, Inputs, dH, 0, Hidden, 1, 0f, dW1, 0, Hidden, 1);
            TensorPrimitives.MultiplyAdd(dW1, -0.1f, w1, w1);
            TensorPrimitives.MultiplyAdd(dW2, -0.1f, w2, w2);
            for (int r = 0; r < Batch; r++)
            {
                TensorPrimitives.MultiplyAdd(dH.AsSpan(r * Hidden, Hidden), -0.1f, b1, b1);
                TensorPrimitives.MultiplyAdd(dO.AsSpan(r * Classes, Classes), -0.1f, b2, b2);
            }
            return loss / Batch;
        }

        /// <summary>The step's products only, in the same shapes and layouts as <see cref="Step"/>.</summary>
        public object? Products()
        {
            Gemm.Run(Batch, Hidden, Inputs, 1f, x, 0, Inputs, 1, w1, 0, Hidden, 1, 0f, h, 0, Hidden, 1);
            Gemm.Run(Batch, Classes, Hidden, 1f, h, 0, Hidden, 1, w2, 0, Classes, 1, 0f, o, 0, Classes, 1);
            Gemm.Run(Hidden, Classes, Batch, 1f, h, 0, 1, Hidden, dO, 0, Classes, 1, 0f, dW2, 0, Classes, 1);
            Gemm.Run(Batch, Hidden, Classes, 1f, dO, 0, Classes, 1, w2, 0, 1, Classes, 0f, dH, 0, Hidden, 1);
            Gemm.Run(Inputs, Hidden, Batch, 1f, x, 0, 1, Inputs, dH, 0, Hidden, 1, 0f, dW1, 0, Hidden, 1);
            return dW1;
        }

        /// <summary>dH = 0 where the relu output is not positive.</summary>
        private static void ReluMask(float[] output, float[] gradient)
        {
            int i = 0;
            for (int width = Vector256<float>.Count; i <= output.Length - width; i += width)
            {
                var off = Vector256.LessThanOrEqual(Vector256.Create(output.AsSpan(i, width)), Vector256<float>.Zero);
                Vector256.AndNot(Vector256.Create(gradient.AsSpan(i, width)), off).CopyTo(gradient.AsSpan(i, width));
            }
            for (; i < output.Length; i++) if (output[i] <= 0) gradient[i] = 0;
        }
    }
}
