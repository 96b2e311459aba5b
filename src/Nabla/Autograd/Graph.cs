namespace Nabla;

/// <summary>
/// How ops join the recorded graph. An op computes its result as usual, then calls
/// <see cref="Record(Tensor, string, ReadOnlySpan{Tensor?}, Func{Tensor, Tensor?[]}, Tensor[])"/> with its inputs and its backward
/// formula — written with tensor ops, so that the backward pass can itself be differentiated.
/// Nothing is recorded when grad mode is off or no input requires grad.
/// </summary>
internal static class Graph
{
    public static bool ShouldRecord(ReadOnlySpan<Tensor?> inputs)
    {
        if (!GradMode.Enabled) return false;
        foreach (var t in inputs)
            if (t is { RequiresGrad: true }) return true;
        return false;
    }

    /// <summary>Attaches a node named <paramref name="name"/> to <paramref name="output"/>; <paramref name="backward"/> maps the output's gradient to one gradient per input (null for none).</summary>
    public static Tensor Record(Tensor output, string name, ReadOnlySpan<Tensor?> inputs, Func<Tensor, Tensor?[]> backward, params Tensor[] saved)
    {
        // Only floating results carry gradients (comparisons, argmax and integer casts do not).
        if (!output.DType.IsFloatingPoint || !ShouldRecord(inputs)) return output;
        var node = new FunctionNode(name, Edges(inputs), Metas(inputs), g => backward(g[0] ?? throw new InvalidOperationException("missing output gradient")), saved, 1);
        output.SetGradFn(node, 0);
        return output;
    }

    /// <summary>Attaches one node to several outputs (split, max with indices); <paramref name="backward"/> gets one gradient per output, null where none arrived.</summary>
    public static void Record(Tensor[] outputs, string name, ReadOnlySpan<Tensor?> inputs, Func<Tensor?[], Tensor?[]> backward, params Tensor[] saved)
    {
        if (!outputs[0].DType.IsFloatingPoint || !ShouldRecord(inputs)) return;
        var node = new FunctionNode(name, Edges(inputs), Metas(inputs), backward, saved, outputs.Length);
        for (int i = 0; i < outputs.Length; i++) outputs[i].SetGradFn(node, i);
    }

    private static Edge[] Edges(ReadOnlySpan<Tensor?> inputs)
    {
        var edges = new Edge[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) edges[i] = inputs[i]?.GradientEdge() ?? Edge.None;
        return edges;
    }

    private static InputMeta[] Metas(ReadOnlySpan<Tensor?> inputs)
    {
        var metas = new InputMeta[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) metas[i] = inputs[i] is { } t ? new InputMeta(t.Shape, t.DType) : default;
        return metas;
    }
}
