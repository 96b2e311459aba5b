namespace Nabla;

/// <summary>
/// Runs backward passes. The graph is walked iteratively (an explicit stack, so a chain of
/// 100 000 ops cannot overflow the call stack): first counting how many gradients each node
/// waits for, then running nodes in topological order as their counts reach zero. Gradients are
/// summed back to each input's shape (undoing broadcasting) and cast to its dtype here, once,
/// so no backward formula has to. Without <c>retainGraph</c> every node run is released.
/// </summary>
internal static class Engine
{
    /// <summary>
    /// Backpropagates <paramref name="gradients"/> from <paramref name="roots"/>. Leaf gradients go into
    /// <see cref="Tensor.Grad"/>, unless <paramref name="capture"/> is given: then the gradients reaching
    /// the captured tensors are returned instead and no <c>.Grad</c> is touched.
    /// </summary>
    public static Tensor?[]? Run(Tensor[] roots, Tensor[] gradients, bool retainGraph, bool createGraph, Tensor[]? capture = null)
    {
        var rootEdges = new Edge[roots.Length];
        gradients = (Tensor[])gradients.Clone();
        for (int i = 0; i < roots.Length; i++)
        {
            rootEdges[i] = roots[i].GradientEdge();
            if (rootEdges[i].Node is null)
                throw new InvalidOperationException($"element {i} of tensors does not require grad and does not have a grad_fn");
            if (gradients[i].Shape != roots[i].Shape)
                throw new ArgumentException(
                    $"Mismatch in shape: grad_output[{i}] has a shape of {gradients[i].Shape} and output[{i}] has a shape of {roots[i].Shape}.");
            // As every other gradient, a seed takes the dtype of the tensor it is the gradient of.
            if (gradients[i].DType != roots[i].DType) gradients[i] = gradients[i].To(roots[i].DType);
        }
        var targets = capture is null ? null : Array.ConvertAll(capture, t => t.GradientEdge());
        var captured = capture is null ? null : new Tensor?[capture.Length];

        var pending = CountDependencies(rootEdges);
        var buffers = new Dictionary<Node, Tensor?[]>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < roots.Length; i++) Accumulate(buffers, rootEdges[i], gradients[i], createGraph);

        var ready = new Stack<Node>();
        foreach (var edge in rootEdges)
            if (pending[edge.Node!] == 0 && !ready.Contains(edge.Node!)) ready.Push(edge.Node!);

        using var mode = GradMode.Set(createGraph);
        while (ready.Count > 0)
        {
            var node = ready.Pop();
            var outputGradients = buffers.Remove(node, out var buffered) ? buffered : new Tensor?[node.OutputCount];
            if (targets is not null) CaptureInto(captured!, targets, node, outputGradients);

            if (node is AccumulateGrad accumulate)
            {
                if (targets is null && outputGradients[0] is { } g) accumulate.Leaf.AccumulateGradient(g, createGraph);
            }
            else if (Array.Exists(outputGradients, g => g is not null))
            {
                var inputGradients = node.Apply(outputGradients);
                if (inputGradients.Length != node.Inputs.Length)
                    throw new InvalidOperationException(
                        $"function {node.Name} returned an incorrect number of gradients (expected {node.Inputs.Length}, got {inputGradients.Length})");
                for (int i = 0; i < node.Inputs.Length; i++)
                {
                    if (node.Inputs[i].Node is null || inputGradients[i] is not { } g) continue;
                    Accumulate(buffers, node.Inputs[i], ReduceTo(g, node.Metas[i], node, i), createGraph);
                }
            }
            if (!retainGraph) node.Release();

            foreach (var edge in node.Inputs)
                if (edge.Node is { } next && --pending[next] == 0) ready.Push(next);
        }
        return captured;
    }

    /// <summary>How many edges lead into each node reachable from the roots.</summary>
    private static Dictionary<Node, int> CountDependencies(Edge[] roots)
    {
        var pending = new Dictionary<Node, int>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Node>();
        foreach (var root in roots)
            if (pending.TryAdd(root.Node!, 0)) stack.Push(root.Node!);
        while (stack.Count > 0)
        {
            foreach (var edge in stack.Pop().Inputs)
            {
                if (edge.Node is not { } next) continue;
                if (pending.TryGetValue(next, out int count)) pending[next] = count + 1;
                else
                {
                    pending[next] = 1;
                    stack.Push(next);
                }
            }
        }
        return pending;
    }

    private static void Accumulate(Dictionary<Node, Tensor?[]> buffers, Edge edge, Tensor gradient, bool createGraph)
    {
        var node = edge.Node!;
        if (!buffers.TryGetValue(node, out var slots)) buffers[node] = slots = new Tensor?[node.OutputCount];
        slots[edge.Output] = slots[edge.Output] is { } existing ? existing + gradient : gradient;
    }

    private static void CaptureInto(Tensor?[] captured, Edge[] targets, Node node, Tensor?[] outputGradients)
    {
        for (int t = 0; t < targets.Length; t++)
            if (ReferenceEquals(targets[t].Node, node) && outputGradients[targets[t].Output] is { } g)
                captured[t] = captured[t] is { } existing ? existing + g : g;
    }

    /// <summary>
    /// Sums a gradient over the dims its input was broadcast along, and casts it to the input's dtype.
    /// A gradient that the input's shape does not broadcast to is an error of the node's formula
    /// (say, a user-defined <see cref="Function"/>), reported as PyTorch does.
    /// </summary>
    public static Tensor ReduceTo(Tensor gradient, InputMeta meta, Node node, int index)
    {
        if (gradient.Shape != meta.Shape)
        {
            if (!BroadcastsTo(meta.Shape, gradient.Shape))
                throw new InvalidOperationException(
                    $"Function {node.Name} returned an invalid gradient at index {index} - got {gradient.Shape} but expected shape compatible with {meta.Shape}");
            int lead = gradient.Rank - meta.Shape.Rank;
            var dims = new List<int>();
            for (int d = 0; d < gradient.Rank; d++)
                if (d < lead || (meta.Shape.Sizes[d - lead] == 1 && gradient.Shape.Sizes[d] != 1)) dims.Add(d);
            gradient = gradient.Sum([.. dims], keepDim: true).Reshape(meta.Shape.Sizes);
        }
        return gradient.DType == meta.DType ? gradient : gradient.To(meta.DType);
    }

    /// <summary>Whether <paramref name="shape"/> expands to <paramref name="target"/> (torch's is_expandable_to).</summary>
    private static bool BroadcastsTo(Shape shape, Shape target)
    {
        int lead = target.Rank - shape.Rank;
        if (lead < 0) return false;
        for (int d = 0; d < shape.Rank; d++)
            if (shape.Sizes[d] != 1 && shape.Sizes[d] != target.Sizes[d + lead]) return false;
        return true;
    }
}
