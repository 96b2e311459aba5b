namespace Nabla;

/// <summary>
/// How ops join the recorded graph. An op computes its result as usual, then calls
/// <see cref="Record(Tensor, string, ReadOnlySpan{Tensor?}, Func{Tensor, Tensor?[]}, Tensor[])"/> with its inputs and its backward
/// formula — written with tensor ops, so that the backward pass can itself be differentiated.
/// Nothing is recorded when grad mode is off or no input requires grad.
/// </summary>
internal static class Graph
{
    /// <summary>While a backward closure runs: a bit for each input whose gradient is not needed (0 elsewhere: all are).</summary>
    [ThreadStatic] internal static int Unneeded;

    /// <summary>
    /// Whether the backward closure now running must compute the gradient of input <paramref name="index"/>
    /// (torch's ctx.needs_input_grad): false when that input leads nowhere in the graph, so the closure
    /// may return null for it and skip the work (the input of <c>images.Matmul(w1)</c>). True outside a backward step.
    /// </summary>
    public static bool NeedsInputGradient(int index) => index >= 32 || (Unneeded & (1 << index)) == 0;

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
        output.SetGradFn(new FunctionNode(name, Edges(inputs), Metas(inputs), backward, saved), 0);
        return output;
    }

    /// <summary>As <see cref="Record(Tensor, string, ReadOnlySpan{Tensor?}, Func{Tensor, Tensor?[]}, Tensor[])"/> for a user-defined <see cref="Function"/>, whose gradients the engine never takes over.</summary>
    public static Tensor RecordUserFunction(Tensor output, string name, ReadOnlySpan<Tensor?> inputs, Func<Tensor, Tensor?[]> backward, Tensor[] saved)
    {
        if (!output.DType.IsFloatingPoint || !ShouldRecord(inputs)) return output;
        output.SetGradFn(new FunctionNode(name, Edges(inputs), Metas(inputs), backward, saved, trusted: false), 0);
        return output;
    }

    /// <summary>Attaches one node to several outputs (split, max with indices); <paramref name="backward"/> gets one gradient per output, null where none arrived.</summary>
    public static void Record(Tensor[] outputs, string name, ReadOnlySpan<Tensor?> inputs, Func<Tensor?[], Tensor?[]> backward, params Tensor[] saved)
    {
        if (!outputs[0].DType.IsFloatingPoint || !ShouldRecord(inputs)) return;
        var node = new FunctionNode(name, Edges(inputs), Metas(inputs), backward, saved, outputs.Length);
        for (int i = 0; i < outputs.Length; i++) outputs[i].SetGradFn(node, i);
    }

    internal static Edge[] Edges(ReadOnlySpan<Tensor?> inputs)
    {
        var edges = new Edge[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) edges[i] = inputs[i]?.GradientEdge() ?? Edge.None;
        return edges;
    }

    internal static InputMeta[] Metas(ReadOnlySpan<Tensor?> inputs)
    {
        var metas = new InputMeta[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) metas[i] = inputs[i] is { } t ? new InputMeta(t.Shape, t.DType) : default;
        return metas;
    }
}
