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
    /// the captured tensors are returned instead and no <c>.Grad</c> is touched. <paramref name="seedsOwned"/>
    /// says the seeds were made for this pass (Backward's implicit ones), so a leaf may keep one as its gradient.
    /// </summary>
    public static Tensor?[]? Run(Tensor[] roots, Tensor[] gradients, bool retainGraph, bool createGraph, Tensor[]? capture = null, bool seedsOwned = false)
    {
        var rootEdges = new Edge[roots.Length];
        var seeds = gradients;
        for (int i = 0; i < roots.Length; i++)
        {
            rootEdges[i] = roots[i].GradientEdge();
            if (rootEdges[i].Node is null)
                throw new InvalidOperationException($"element {i} of tensors does not require grad and does not have a grad_fn");
            if (gradients[i].Shape != roots[i].Shape)
                throw new ArgumentException(
                    $"Mismatch in shape: grad_output[{i}] has a shape of {gradients[i].Shape} and output[{i}] has a shape of {roots[i].Shape}.");
            // As every other gradient, a seed takes the dtype of the tensor it is the gradient of.
            if (gradients[i].DType != roots[i].DType)
            {
                if (ReferenceEquals(seeds, gradients)) seeds = (Tensor[])gradients.Clone();
                seeds[i] = gradients[i].To(roots[i].DType);
            }
        }
        var targets = capture is null ? null : Array.ConvertAll(capture, t => t.GradientEdge());
        var captured = capture is null ? null : new Tensor?[capture.Length];

        var pass = new Pass(rootEdges);
        for (int i = 0; i < roots.Length; i++)
            pass.Accumulate(rootEdges[i], seeds[i], createGraph, owned: seedsOwned || !ReferenceEquals(seeds[i], gradients[i]));

        // The nodes whose gradients are complete, last in first out. A node is pushed once, so count nodes deep is enough.
        var ready = new int[pass.Count];
        int readyCount = 0;
        foreach (var edge in rootEdges)
        {
            int index = pass.IndexOf(edge.Node!);
            if (pass.States[index].Pending == 0 && Array.IndexOf(ready, index, 0, readyCount) < 0) ready[readyCount++] = index;
        }

        using var mode = GradMode.Set(createGraph);
        while (readyCount > 0)
        {
            int index = ready[--readyCount];
            ref var state = ref pass.States[index];
            var node = state.Node;
            var outputGradients = state.Gradients ?? new Tensor?[node.OutputCount];
            bool owned = state.Owned;
            state.Gradients = null;
            if (targets is not null) CaptureInto(captured!, targets, node, outputGradients);

            if (node is AccumulateGrad accumulate)
            {
                if (targets is null && outputGradients[0] is { } g) accumulate.Leaf.AccumulateGradient(g, createGraph, owned);
            }
            else if (AnyGradient(outputGradients))
            {
                var inputGradients = node.Apply(outputGradients);
                if (inputGradients.Length != node.Inputs.Length)
                    throw new InvalidOperationException(
                        $"function {node.Name} returned an incorrect number of gradients (expected {node.Inputs.Length}, got {inputGradients.Length})");
                for (int i = 0; i < node.Inputs.Length; i++)
                {
                    if (node.Inputs[i].Node is null || inputGradients[i] is not { } g) continue;
                    var reduced = ReduceTo(g, node.Metas[i], node, i);
                    bool fresh = !ReferenceEquals(reduced, g) || OwnsGradient(node, outputGradients, inputGradients, i);
                    pass.Accumulate(node.Inputs[i], reduced, createGraph, fresh);
                }
            }
            if (!retainGraph) node.Release();

            foreach (var edge in node.Inputs)
            {
                if (edge.Node is not { } next) continue;
                int nextIndex = pass.IndexOf(next);
                if (--pass.States[nextIndex].Pending == 0) ready[readyCount++] = nextIndex;
            }
        }
        return captured;
    }

    private static bool AnyGradient(Tensor?[] gradients)
    {
        foreach (var g in gradients)
            if (g is not null) return true;
        return false;
    }

    /// <summary>
    /// Whether input gradient <paramref name="i"/> was made by the node's formula for this input
    /// alone: a trusted node returned it in a storage that no output gradient, other input
    /// gradient or kept tensor shares.
    /// </summary>
    private static bool OwnsGradient(Node node, Tensor?[] outputGradients, Tensor?[] inputGradients, int i)
    {
        if (!node.Trusted) return false;
        var storage = inputGradients[i]!.Storage;
        foreach (var g in outputGradients)
            if (g is not null && ReferenceEquals(g.Storage, storage)) return false;
        for (int j = 0; j < inputGradients.Length; j++)
            if (j != i && inputGradients[j] is { } other && ReferenceEquals(other.Storage, storage)) return false;
        return !node.KeepsStorage(storage);
    }

    /// <summary>What a pass knows of one node: the edges still to arrive and the gradients that did.</summary>
    private struct NodeState(Node node)
    {
        public readonly Node Node = node;
        public int Pending;
        public Tensor?[]? Gradients;
        /// <summary>True while every gradient in <see cref="Gradients"/> belongs to this pass alone (so a leaf may keep it).</summary>
        public bool Owned;
    }

    /// <summary>
    /// The nodes reachable from the roots, numbered as found, with their states. Small graphs find a
    /// node's number by a scan; larger ones through a dictionary built when the graph outgrows the scan.
    /// </summary>
    private sealed class Pass
    {
        private const int ScanLimit = 16;
        public NodeState[] States = new NodeState[4];
        private int count;
        public int Count => count;
        private Dictionary<Node, int>? numbers;

        /// <summary>Counts how many edges lead into each node reachable from the roots.</summary>
        public Pass(Edge[] roots)
        {
            foreach (var root in roots)
                if (IndexOf(root.Node!) < 0) Add(root.Node!);
            for (int k = 0; k < count; k++)
            {
                foreach (var edge in States[k].Node.Inputs)
                {
                    if (edge.Node is not { } next) continue;
                    int index = IndexOf(next);
                    if (index < 0) index = Add(next);
                    States[index].Pending++;
                }
            }
        }

        private int Add(Node node)
        {
            if (count == States.Length) Array.Resize(ref States, count * 2);
            States[count] = new NodeState(node);
            if (numbers is not null) numbers[node] = count;
            else if (count == ScanLimit)
            {
                numbers = new Dictionary<Node, int>(2 * ScanLimit, ReferenceEqualityComparer.Instance);
                for (int k = 0; k <= count; k++) numbers[States[k].Node] = k;
            }
            return count++;
        }

        public int IndexOf(Node node)
        {
            if (numbers is not null) return numbers.TryGetValue(node, out int index) ? index : -1;
            for (int k = 0; k < count; k++)
                if (ReferenceEquals(States[k].Node, node)) return k;
            return -1;
        }

        /// <summary>Adds a gradient into the node's slot for the edge's output; a sum made here is owned.</summary>
        public void Accumulate(Edge edge, Tensor gradient, bool createGraph, bool owned)
        {
            ref var state = ref States[IndexOf(edge.Node!)];
            var slots = state.Gradients;
            if (slots is null)
            {
                state.Gradients = slots = new Tensor?[edge.Node!.OutputCount];
                state.Owned = true;
            }
            if (slots[edge.Output] is { } existing)
            {
                slots[edge.Output] = existing + gradient;
                // A sum is new; only one-output nodes (leaves among them) use the flag.
                if (slots.Length == 1) state.Owned = true;
            }
            else
            {
                slots[edge.Output] = gradient;
                state.Owned &= owned;
            }
        }
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
