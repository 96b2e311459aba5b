namespace Nabla;

/// <summary>
/// A step of the recorded graph (torch.autograd.graph.Node, a tensor's <c>grad_fn</c>): it turns
/// the gradients of its outputs into gradients of its inputs. <see cref="Name"/> is PyTorch's, e.g.
/// "MulBackward0", "AccumulateGrad".
/// </summary>
public abstract class Node
{
    private protected Node(string name, Edge[] inputs, InputMeta[] metas)
    {
        Name = name;
        Inputs = inputs;
        Metas = metas;
    }

    /// <summary>PyTorch's name for this backward step, such as "MulBackward0".</summary>
    public string Name { get; }

    /// <summary>Where each input's gradient goes: the node that produced the input (and which of its outputs), or none.</summary>
    internal Edge[] Inputs { get; }

    /// <summary>The shape and dtype of each input: gradients are summed back to the shape and cast to the dtype.</summary>
    internal InputMeta[] Metas { get; }

    /// <summary>How many outputs the forward op had (split and max have several).</summary>
    internal virtual int OutputCount => 1;

    /// <summary>The gradients of the inputs, given those of the outputs (null where an output got none).</summary>
    internal abstract Tensor?[] Apply(Tensor?[] outputGradients);

    /// <summary>
    /// Whether the gradients this node returns are its own: a gradient it returns in a storage not
    /// shared with its output gradients, its other input gradients or what it saved was made by
    /// its formula, and no one else holds it. User-defined functions are not trusted.
    /// </summary>
    internal virtual bool Trusted => false;

    /// <summary>Whether a returned gradient's storage is one the node keeps (see <see cref="Trusted"/>).</summary>
    internal virtual bool KeepsStorage(Storage storage) => false;

    /// <summary>A bit for each of the first 32 inputs that takes no gradient (leads nowhere in the graph).</summary>
    private protected int UnneededInputs()
    {
        int unneeded = 0;
        for (int i = 0; i < Inputs.Length && i < 32; i++)
            if (Inputs[i].Node is null) unneeded |= 1 << i;
        return unneeded;
    }

    /// <summary>Drops what the backward step saved, after a backward pass that did not retain the graph.</summary>
    internal virtual void Release() { }

    /// <summary>The name, as PyTorch prints a grad_fn.</summary>
    public override string ToString() => $"<{Name}>";
}

/// <summary>A link from a node's input to the node (and output index) whose gradient it feeds.</summary>
internal readonly record struct Edge(Node? Node, int Output)
{
    public static Edge None => default;
}

/// <summary>What a gradient must be reduced to: the input's shape and dtype.</summary>
internal readonly record struct InputMeta(Shape Shape, DType DType);

/// <summary>
/// A node that keeps tensors for its backward step: checks, before running it, that the graph was
/// not freed and that no kept tensor was modified in place since it was recorded.
/// </summary>
internal abstract class SavingNode : Node
{
    private (Tensor Tensor, int Version)[]? saved;

    private protected SavingNode(string name, Edge[] inputs, InputMeta[] metas, (Tensor, int)[] saved) : base(name, inputs, metas) =>
        this.saved = saved;

    /// <summary>The tensors with their versions now; no array for none.</summary>
    internal static (Tensor, int)[] Snapshot(Tensor[] tensors)
    {
        if (tensors.Length == 0) return [];
        var result = new (Tensor, int)[tensors.Length];
        for (int i = 0; i < tensors.Length; i++) result[i] = (tensors[i], tensors[i].Version);
        return result;
    }

    /// <summary>Whether a tensor shares storage with one kept for backward.</summary>
    internal override bool KeepsStorage(Storage storage)
    {
        if (saved is null) return false;
        foreach (var (tensor, _) in saved)
            if (ReferenceEquals(tensor.Storage, storage)) return true;
        return false;
    }

    private protected void CheckSaved()
    {
        if (saved is null)
            throw new InvalidOperationException(
                "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). " +
                "Saved intermediate values of the graph are freed when you call Backward() or Autograd.Grad(). " +
                "Specify retainGraph: true if you need to backward through the graph a second time.");
        foreach (var (tensor, version) in saved)
            if (tensor.Version != version)
                throw new InvalidOperationException(
                    $"one of the variables needed for gradient computation has been modified by an inplace operation: [{tensor.DType.TorchName} {tensor.Shape}], " +
                    $"which is used by {Name}, is at version {tensor.Version}; expected version {version} instead.");
    }

    internal override void Release() => saved = null;
}

/// <summary>A node whose backward step is a closure written beside its forward op.</summary>
internal sealed class FunctionNode : SavingNode
{
    private Func<Tensor?[], Tensor?[]>? backward;
    private Func<Tensor, Tensor?[]>? single;
    private readonly int outputCount;

    public FunctionNode(string name, Edge[] inputs, InputMeta[] metas, Func<Tensor?[], Tensor?[]> backward, Tensor[] saved, int outputCount, bool trusted = true)
        : base(name, inputs, metas, Snapshot(saved))
    {
        this.backward = backward;
        this.outputCount = outputCount;
        Trusted = trusted;
    }

    /// <summary>A one-output node: the closure takes the output's gradient.</summary>
    public FunctionNode(string name, Edge[] inputs, InputMeta[] metas, Func<Tensor, Tensor?[]> backward, Tensor[] saved, bool trusted = true)
        : base(name, inputs, metas, Snapshot(saved))
    {
        single = backward;
        outputCount = 1;
        Trusted = trusted;
    }

    internal override int OutputCount => outputCount;

    internal override bool Trusted { get; }

    internal override Tensor?[] Apply(Tensor?[] outputGradients)
    {
        CheckSaved();
        int previous = Graph.Unneeded;
        Graph.Unneeded = UnneededInputs();
        try
        {
            if (single is not null) return single(outputGradients[0] ?? throw new InvalidOperationException("missing output gradient"));
            return backward!(outputGradients);
        }
        finally
        {
            Graph.Unneeded = previous;
        }
    }

    internal override void Release()
    {
        base.Release();
        backward = null;
        single = null;
    }
}

/// <summary>The node of an elementwise op: its <see cref="Derivative"/> applied to the inputs' values and the result.</summary>
internal sealed class DerivativeNode : SavingNode
{
    private readonly Derivative derivative;
    private Tensor[]? values;
    private Tensor? result;

    public DerivativeNode(Derivative derivative, Edge[] inputs, InputMeta[] metas, Tensor[] values, Tensor result, (Tensor, int)[] saved)
        : base(derivative.Name, inputs, metas, saved)
    {
        this.derivative = derivative;
        this.values = values;
        this.result = result;
    }

    internal override bool Trusted => true;

    internal override bool KeepsStorage(Storage storage)
    {
        if (base.KeepsStorage(storage) || (result is not null && ReferenceEquals(result.Storage, storage))) return true;
        if (values is not null)
            foreach (var value in values)
                if (ReferenceEquals(value.Storage, storage)) return true;
        return false;
    }

    internal override Tensor?[] Apply(Tensor?[] outputGradients)
    {
        CheckSaved();
        var g = outputGradients[0] ?? throw new InvalidOperationException("missing output gradient");
        if (derivative.Partial is { } partial) return partial(g, values!, result!, ~UnneededInputs());
        return derivative.Formula(g, values!, result!);
    }

    internal override void Release()
    {
        base.Release();
        values = null;
        result = null;
    }
}

/// <summary>The sink of a leaf tensor's gradients: adds them into <see cref="Tensor.Grad"/>.</summary>
internal sealed class AccumulateGrad(Tensor leaf) : Node("AccumulateGrad", [], [])
{
    public Tensor Leaf { get; } = leaf;

    internal override Tensor?[] Apply(Tensor?[] outputGradients) => [];
}
