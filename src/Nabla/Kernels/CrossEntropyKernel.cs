using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace Nabla;

/// <summary>
/// Softmax cross-entropy over the rows of a contiguous [rows, classes] block, in whole-block
/// vector passes rather than a dozen tensor ops: the row maxima are subtracted (so exp cannot
/// overflow), the block is exponentiated in one call, and each row's log-sum-exp is kept for the
/// backward pass, which is <c>(exp(x - lse) - onehot) · scale</c> in one more pass.
/// </summary>
internal static class CrossEntropyKernel
{
    /// <summary><see cref="Forward{T}"/> on contiguous Float32 or Float64 tensors: logits [rows, classes], the others [rows].</summary>
    public static void Forward(Tensor logits, long[] labels, Tensor logSumExp, Tensor losses)
    {
        if (logits.DType == DType.Float32) Forward(Elements<float>(logits), labels, Elements<float>(logSumExp), Elements<float>(losses));
        else Forward(Elements<double>(logits), labels, Elements<double>(logSumExp), Elements<double>(losses));
        GC.KeepAlive(logits);
    }

    /// <summary><see cref="Backward{T}"/> on contiguous tensors; <paramref name="scale"/> has one element or one per row.</summary>
    public static void Backward(Tensor logits, long[] labels, Tensor logSumExp, Tensor scale, Tensor gradient)
    {
        if (logits.DType == DType.Float32) Backward(Elements<float>(logits), labels, Elements<float>(logSumExp), Elements<float>(scale), Elements<float>(gradient));
        else Backward(Elements<double>(logits), labels, Elements<double>(logSumExp), Elements<double>(scale), Elements<double>(gradient));
        GC.KeepAlive(logits);
        GC.KeepAlive(scale);
    }

    private static Span<T> Elements<T>(Tensor t) where T : unmanaged => t.Data<T>().AsSpan((int)t.StorageOffset, (int)t.Numel);

    /// <summary>Each row's <c>logsumexp(x_r) - x_r[label_r]</c> into <paramref name="losses"/>, and its log-sum-exp into <paramref name="logSumExp"/>.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, ReadOnlySpan<long> labels, Span<T> logSumExp, Span<T> losses) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = labels.Length;
        if (rows == 0) return;
        int classes = x.Length / rows;
        var rented = ArrayPool<T>.Shared.Rent(x.Length);
        var shifted = rented.AsSpan(0, x.Length);
        for (int r = 0; r < rows; r++)
        {
            var row = x.Slice(r * classes, classes);
            logSumExp[r] = TensorPrimitives.Max(row);  // the shift for now; NaN propagates
            TensorPrimitives.Subtract(row, logSumExp[r], shifted.Slice(r * classes, classes));
        }
        TensorPrimitives.Exp(shifted, shifted);
        for (int r = 0; r < rows; r++)
        {
            logSumExp[r] += T.Log(Summation.Of<T>(shifted.Slice(r * classes, classes)));
            losses[r] = logSumExp[r] - x[r * classes + (int)labels[r]];
        }
        ArrayPool<T>.Shared.Return(rented);
    }

    /// <summary>The gradient with respect to the logits: <c>(exp(x_r - lse_r) - onehot(label_r)) · scale_r</c> for each row r.</summary>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<long> labels, ReadOnlySpan<T> logSumExp, ReadOnlySpan<T> scale, Span<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = labels.Length;
        if (rows == 0) return;
        int classes = x.Length / rows;
        for (int r = 0; r < rows; r++)
            TensorPrimitives.Subtract(x.Slice(r * classes, classes), logSumExp[r], gradient.Slice(r * classes, classes));
        TensorPrimitives.Exp(gradient, gradient);
        for (int r = 0; r < rows; r++)
        {
            var row = gradient.Slice(r * classes, classes);
            row[(int)labels[r]] -= T.One;
            TensorPrimitives.Multiply(row, scale[scale.Length == 1 ? 0 : r], row);
        }
    }
}
