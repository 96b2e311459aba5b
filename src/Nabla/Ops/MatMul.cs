using System.Numerics;

namespace Nabla;

/// <summary>
/// The one matrix-product kernel entry: batched <c>[..., m, k] @ [..., k, n]</c> with broadcast batch
/// dims (torch.matmul's core). Float32/Float64 go to the packed <see cref="Gemm"/>, which reads any
/// strides, so transposed and sliced operands are never copied; integer dtypes use a plain loop.
/// Small products of many batches run one GEMM per core; large ones let GEMM use the cores.
/// </summary>
internal static class MatMul
{
    /// <summary>The product of two tensors of rank ≥ 2, recorded for autograd.</summary>
    public static Tensor Batched(Tensor a, Tensor b, string name)
    {
        if (a.DType != b.DType)
            throw new ArgumentException($"{name}: expected both operands to have the same dtype, but got {a.DType.ScalarTypeName()} and {b.DType.ScalarTypeName()}");
        if (a.DType == DType.Bool) throw new ArgumentException($"\"{name}\" not implemented for 'Bool'");
        long m = a.Shape[-2], k = a.Shape[-1], k2 = b.Shape[-2], n = b.Shape[-1];
        if (k != k2)
            throw new ArgumentException($"{name}: shapes cannot be multiplied ({m}x{k} and {k2}x{n}): operands of shapes {a.Shape} and {b.Shape}");
        var batch = Layout.Broadcast(new Shape(a.Shape.Sizes[..^2]), new Shape(b.Shape.Sizes[..^2]));
        var output = Tensor.Allocate(new Shape([.. batch.Sizes, m, n]), a.DType, uninitialized: true);
        var left = a.Layout.Expand(new Shape([.. batch.Sizes, m, k]));
        var right = b.Layout.Expand(new Shape([.. batch.Sizes, k, n]));
        var func = new Product(a.Storage, left, b.Storage, right, output, batch, (int)m, (int)n, (int)k);
        Dispatch.Run(a.DType, ref func);
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        return Graph.Record(output, a.Rank == 2 && b.Rank == 2 ? "MmBackward0" : "BmmBackward0", [a, b],
            // Only the gradients that some input needs: a data batch that requires no grad costs no product.
            g => [Graph.NeedsInputGradient(0) ? Tensor.Matmul(g, b.Transpose(-2, -1)) : null,
                  Graph.NeedsInputGradient(1) ? Tensor.Matmul(a.Transpose(-2, -1), g) : null], a, b);
    }

    private readonly struct Product(Storage a, Layout left, Storage b, Layout right, Tensor output, Shape batch, int m, int n, int k) : IElementFunc
    {
        public void Invoke<T>() where T : unmanaged, INumber<T>
        {
            var aData = ((Storage<T>)a).Data;
            var bData = ((Storage<T>)b).Data;
            var cData = output.Data<T>();
            var aOffsets = Gather.Offsets(new Layout(batch, left.Strides[..^2], left.Offset));
            var bOffsets = Gather.Offsets(new Layout(batch, right.Strides[..^2], right.Offset));
            int aRow = Narrow(left.Strides[^2]), aCol = Narrow(left.Strides[^1]);
            int bRow = Narrow(right.Strides[^2]), bCol = Narrow(right.Strides[^1]);
            int count = aOffsets.Length, mn = m * n;
            int mLocal = m, nLocal = n, kLocal = k;
            void One(int p, int threads) =>
                Multiply(mLocal, nLocal, kLocal, aData, (int)aOffsets[p], aRow, aCol, bData, (int)bOffsets[p], bRow, bCol, cData, p * mn, threads);
            if (count > 1 && (long)m * n * k < Gemm.ParallelMinWork)
                Parallel.For(0, count, Threads.Options, p => One(p, 1));
            else
                for (int p = 0; p < count; p++) One(p, 0);
        }
    }

    private static int Narrow(long stride) =>
        stride <= int.MaxValue ? (int)stride : throw new ArgumentException($"matmul: stride {stride} is too large for a matrix operand");

    private static void Multiply<T>(int m, int n, int k, T[] a, int aOffset, int aRow, int aCol, T[] b, int bOffset, int bRow, int bCol,
        T[] c, int cOffset, int threads) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float))
            Gemm.Run(m, n, k, 1f, (float[])(object)a, aOffset, aRow, aCol, (float[])(object)b, bOffset, bRow, bCol, 0f, (float[])(object)c, cOffset, n, 1, threads);
        else if (typeof(T) == typeof(double))
            Gemm.Run(m, n, k, 1d, (double[])(object)a, aOffset, aRow, aCol, (double[])(object)b, bOffset, bRow, bCol, 0d, (double[])(object)c, cOffset, n, 1, threads);
        else
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    // Integer products wrap like PyTorch's; accumulate in the element type.
                    T sum = T.Zero;
                    for (int p = 0; p < k; p++) sum += a[aOffset + i * aRow + p * aCol] * b[bOffset + p * bRow + j * bCol];
                    c[cOffset + i * n + j] = sum;
                }
    }
}
