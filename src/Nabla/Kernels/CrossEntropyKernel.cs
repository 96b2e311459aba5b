using System.Numerics;
using System.Numerics.Tensors;

namespace Nabla;

/// <summary>
/// Softmax cross-entropy over the rows of a contiguous [rows, classes] block, in whole-block
/// vector passes rather than a dozen tensor ops. The forward pass keeps each row's maximum and
/// log-sum of exponentials (<see cref="SoftmaxKernel.LogSums{T}"/>): the loss is
/// <c>(max - x[label]) + log Σ</c>, and the backward pass <c>(exp(x - max - log Σ) - onehot) · scale</c>.
/// </summary>
internal static class CrossEntropyKernel
{
    /// <summary><see cref="Forward{T}"/> on contiguous Float32 or Float64 tensors: logits [rows, classes], the others [rows].</summary>
    public static void Forward(Tensor logits, long[] labels, Tensor max, Tensor logSums, Tensor losses)
    {
        if (logits.DType == DType.Float32) Forward(Elements<float>(logits), labels, Elements<float>(max), Elements<float>(logSums), Elements<float>(losses));
        else Forward(Elements<double>(logits), labels, Elements<double>(max), Elements<double>(logSums), Elements<double>(losses));
        GC.KeepAlive(logits);
    }

    /// <summary><see cref="Backward{T}"/> on contiguous tensors; <paramref name="scale"/> has one element or one per row.</summary>
    public static void Backward(Tensor logits, long[] labels, Tensor max, Tensor logSums, Tensor scale, Tensor gradient)
    {
        if (logits.DType == DType.Float32)
            Backward(Elements<float>(logits), labels, Elements<float>(max), Elements<float>(logSums), Elements<float>(scale), Elements<float>(gradient));
        else
            Backward(Elements<double>(logits), labels, Elements<double>(max), Elements<double>(logSums), Elements<double>(scale), Elements<double>(gradient));
        GC.KeepAlive(logits);
        GC.KeepAlive(scale);
    }

    private static Span<T> Elements<T>(Tensor t) where T : unmanaged => t.Data<T>().AsSpan((int)t.StorageOffset, (int)t.Numel);

    /// <summary>Each row's loss <c>(max_r - x_r[label_r]) + log Σ exp(x_r - max_r)</c>, keeping the rows' maxima and log-sums.</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, ReadOnlySpan<long> labels, Span<T> max, Span<T> logSums, Span<T> losses)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SoftmaxKernel.LogSums(x, max, logSums);
        int classes = labels.Length == 0 ? 0 : x.Length / labels.Length;
        for (int r = 0; r < labels.Length; r++) losses[r] = (max[r] - x[r * classes + (int)labels[r]]) + logSums[r];
    }

    /// <summary>The gradient with respect to the logits: <c>(exp(x_r - max_r - logΣ_r) - onehot(label_r)) · scale_r</c> for each row r.</summary>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<long> labels, ReadOnlySpan<T> max, ReadOnlySpan<T> logSums, ReadOnlySpan<T> scale,
        Span<T> gradient) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = labels.Length;
        if (rows == 0) return;
        int classes = x.Length / rows;
        for (int r = 0; r < rows; r++)
        {
            var row = gradient.Slice(r * classes, classes);
            TensorPrimitives.Subtract(x.Slice(r * classes, classes), max[r], row);
            TensorPrimitives.Subtract(row, logSums[r], row);
        }
        TensorPrimitives.Exp(gradient, gradient);
        for (int r = 0; r < rows; r++)
        {
            var row = gradient.Slice(r * classes, classes);
            row[(int)labels[r]] -= T.One;
            TensorPrimitives.Multiply(row, scale[scale.Length == 1 ? 0 : r], row);
        }
    }
}
