namespace Nabla;

// Loss functions (https://pytorch.org/docs/stable/nn.functional.html#loss-functions).
public sealed partial class Tensor
{
    /// <summary>
    /// Softmax cross-entropy of unnormalised scores against class indices
    /// (torch.nn.functional.cross_entropy): for each row i of <paramref name="logits"/> [N, C],
    /// <c>logsumexp(logits[i]) - logits[i, target[i]]</c>, averaged over the rows ("mean"), summed
    /// ("sum") or kept per row ("none"). One fused, stable step: the maximum is subtracted before
    /// exponentiating, and the gradient is <c>(softmax - onehot) · g</c> without forming log-softmax.
    /// </summary>
    /// <exception cref="ArgumentException">Shapes or dtypes do not fit, a target is out of range, or the reduction is unknown.</exception>
    /// <example><c>var loss = Tensor.CrossEntropy(scores, labels);</c></example>
    public static Tensor CrossEntropy(Tensor logits, Tensor target, string reduction = "mean")
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(target);
        if (logits.Rank != 2) throw new ArgumentException($"cross_entropy: expected logits of shape [N, C], got {logits.Shape}");
        if (!logits.DType.IsFloatingPoint) throw new ArgumentException($"cross_entropy: expected floating-point logits, got {logits.DType.TorchName}");
        if (target.Rank != 1 || target.Shape[0] != logits.Shape[0] || !target.DType.IsInteger)
            throw new ArgumentException($"cross_entropy: expected integer class indices of shape [{logits.Shape[0]}], got {target.DType.TorchName} {target.Shape}");
        if (reduction is not ("mean" or "sum" or "none")) throw new ArgumentException($"{reduction} is not a valid value for reduction");
        long rows = logits.Shape[0], classes = logits.Shape[1];
        var labels = target.ToArray<long>();
        foreach (long label in labels)
            if (label < 0 || label >= classes) throw new IndexOutOfRangeException($"Target {label} is out of bounds for {classes} classes.");

        var rowLosses = CrossEntropyRows(logits, labels, out var max, out var logSums);
        var result = reduction switch
        {
            "mean" => rowLosses.Mean(),
            "sum" => rowLosses.Sum(),
            _ => rowLosses,
        };
        return Graph.Record(result, "NllLossBackward0", [logits], g =>
        {
            // Each row's share of the output gradient: g / rows for "mean", g for "sum", g[r] for "none".
            var perRow = reduction == "mean" ? g / rows : g;
            if (!GradMode.Enabled) return [CrossEntropyGradient(logits, labels, max, logSums, perRow)];
            // Recorded backward (createGraph): in tensor ops from the logits, so second derivatives see the softmax.
            var rowIndex = Arange(rows);
            var scale = reduction == "none" ? perRow.Unsqueeze(1) : perRow;
            return [(logits.Softmax(1) - OneHot(rowIndex, target, rows, classes, logits.DType)) * scale];
        }, logits);
    }

    /// <summary>The per-row losses (outside the graph), with each row's maximum and log-sum of exponentials for the backward pass.</summary>
    private static Tensor CrossEntropyRows(Tensor logits, long[] labels, out Tensor max, out Tensor logSums)
    {
        var rows = new Shape(labels.Length);
        var losses = Allocate(rows, logits.DType, uninitialized: true);
        (max, logSums) = (Allocate(rows, logits.DType, uninitialized: true), Allocate(rows, logits.DType, uninitialized: true));
        CrossEntropyKernel.Forward(logits.ContiguousData(), labels, max, logSums, losses);
        return losses;
    }

    private static Tensor CrossEntropyGradient(Tensor logits, long[] labels, Tensor max, Tensor logSums, Tensor perRow)
    {
        var gradient = Allocate(logits.Shape, logits.DType, uninitialized: true);
        CrossEntropyKernel.Backward(logits.ContiguousData(), labels, max, logSums, perRow.To(logits.DType).ContiguousData(), gradient);
        return gradient;
    }

    private static Tensor OneHot(Tensor rows, Tensor target, long n, long classes, DType dtype)
    {
        var result = Zeros([n, classes], dtype);
        result[rows, target] = 1L;
        return result;
    }

    /// <summary>The mean squared error <c>mean((input - target)²)</c> (torch.nn.functional.mse_loss); "sum" and "none" reductions too.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast or the reduction is unknown.</exception>
    public static Tensor MseLoss(Tensor input, Tensor target, string reduction = "mean")
    {
        var squares = (input - target).Square();
        return reduction switch
        {
            "mean" => squares.Mean(),
            "sum" => squares.Sum(),
            "none" => squares,
            _ => throw new ArgumentException($"{reduction} is not a valid value for reduction"),
        };
    }
}
