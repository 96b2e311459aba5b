using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace Nabla;

/// <summary>
/// Softmax and log-softmax along the rows of a contiguous [rows, cols] block, in whole-block vector
/// passes: each row's maximum is subtracted before exponentiating (so nothing overflows:
/// softmax([1000, 1000]) is [0.5, 0.5]), and the block is exponentiated in one call rather than a
/// call per short row. As in PyTorch, log-softmax is <c>(x - max) - log Σ</c>, never <c>x - (max + log Σ)</c>,
/// which would round away the digits of a small result next to a large max. A NaN makes its row NaN.
/// </summary>
internal static class SoftmaxKernel
{
    /// <summary>
    /// For each row r (length x.Length / max.Length): its maximum, <c>exps = exp(x_r - max_r)</c> and
    /// <c>sums[r] = Σ exps_r</c>. <paramref name="exps"/> has x.Length elements.
    /// </summary>
    public static void Exponentials<T>(ReadOnlySpan<T> x, Span<T> max, Span<T> sums, Span<T> exps) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = max.Length;
        if (rows == 0) return;
        int cols = x.Length / rows;
        for (int r = 0; r < rows; r++)
        {
            var row = x.Slice(r * cols, cols);
            max[r] = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max[r], exps.Slice(r * cols, cols));
        }
        TensorPrimitives.Exp(exps, exps);
        for (int r = 0; r < rows; r++) sums[r] = Summation.Of<T>(exps.Slice(r * cols, cols));
    }

    /// <summary>
    /// For each row r: its maximum and <c>logSums[r] = log Σ exp(x_r - max_r)</c>, the exponentials
    /// taken in double: TensorPrimitives' float exp is 1 ulp off even at 0 (exp(0) = 1.0000001), which
    /// a log turns into a visible 1.2e-7 where PyTorch's cross-entropy of a certain prediction is 0.
    /// </summary>
    public static void LogSums<T>(ReadOnlySpan<T> x, Span<T> max, Span<T> logSums) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = max.Length;
        if (rows == 0) return;
        int cols = x.Length / rows;
        var rented = ArrayPool<double>.Shared.Rent(x.Length);
        var exps = rented.AsSpan(0, x.Length);
        for (int r = 0; r < rows; r++)
        {
            var row = x.Slice(r * cols, cols);
            max[r] = TensorPrimitives.Max(row);
            for (int c = 0; c < cols; c++) exps[r * cols + c] = double.CreateTruncating(row[c] - max[r]);  // the shift in T, as PyTorch
        }
        TensorPrimitives.Exp(exps, exps);
        for (int r = 0; r < rows; r++) logSums[r] = T.CreateTruncating(Math.Log(Summation.Sum(exps.Slice(r * cols, cols))));
        ArrayPool<double>.Shared.Return(rented);
    }

    /// <summary>
    /// torch.logsumexp of each row of a contiguous Float32 or Float64 tensor into <paramref name="output"/>:
    /// <c>max + log Σ exp(x - max)</c>, or the maximum itself when it is infinite (a row of -inf sums
    /// to 0, whose log is -inf; a +inf makes the sum infinite), where x - max would be NaN.
    /// </summary>
    public static void LogSumExp(Tensor x, long cols, Tensor output)
    {
        if (x.DType == DType.Float32) LogSumExp<float>(x, (int)cols, output);
        else LogSumExp<double>(x, (int)cols, output);
        GC.KeepAlive(x);
    }

    private static void LogSumExp<T>(Tensor x, int cols, Tensor output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)x.Numel, rows = n / cols;
        var result = output.Data<T>().AsSpan(0, rows);
        var rented = ArrayPool<T>.Shared.Rent(rows);
        var logSums = rented.AsSpan(0, rows);
        LogSums<T>(x.Data<T>().AsSpan((int)x.StorageOffset, n), result, logSums);
        for (int r = 0; r < rows; r++)
            if (!T.IsInfinity(result[r])) result[r] += logSums[r];
        ArrayPool<T>.Shared.Return(rented);
    }

    /// <summary>Softmax or log-softmax of the rows of a contiguous Float32 or Float64 tensor into <paramref name="output"/> (same shape, contiguous).</summary>
    public static void Rows(Tensor x, long cols, Tensor output, bool log)
    {
        if (x.DType == DType.Float32) Rows<float>(x, (int)cols, output, log);
        else Rows<double>(x, (int)cols, output, log);
        GC.KeepAlive(x);
    }

    private static void Rows<T>(Tensor x, int cols, Tensor output, bool log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = (int)x.Numel, rows = n / cols, offset = (int)x.StorageOffset;
        var source = x.Data<T>();
        var y = output.Data<T>();
        // Rows are independent, so a split over cores (whole rows each) leaves every value unchanged.
        int parts = n >= StridedLoop.ParallelThreshold ? Math.Min(Threads.Count, rows) : 1;
        if (parts <= 1)
        {
            Block<T>(source.AsSpan(offset, n), y.AsSpan(0, n), cols, log);
            return;
        }
        Parallel.For(0, parts, Threads.Options, p =>
        {
            int first = (int)((long)rows * p / parts), end = (int)((long)rows * (p + 1) / parts);
            Block<T>(source.AsSpan(offset + first * cols, (end - first) * cols), y.AsSpan(first * cols, (end - first) * cols), cols, log);
        });
    }

    private static void Block<T>(ReadOnlySpan<T> source, Span<T> y, int cols, bool log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = source.Length / cols;
        var rented = ArrayPool<T>.Shared.Rent(2 * rows);
        Span<T> max = rented.AsSpan(0, rows), sums = rented.AsSpan(rows, rows);
        if (log) LogSums<T>(source, max, sums);
        else Exponentials<T>(source, max, sums, y);  // straight into the output, then divided by the sums
        for (int r = 0; r < rows; r++)
        {
            var row = y.Slice(r * cols, cols);
            if (log)
            {
                TensorPrimitives.Subtract(source.Slice(r * cols, cols), max[r], row);
                TensorPrimitives.Subtract(row, sums[r], row);
            }
            else TensorPrimitives.Divide(row, sums[r], row);
        }
        ArrayPool<T>.Shared.Return(rented);
    }
}
