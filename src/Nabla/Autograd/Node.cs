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

/// <summary>A node whose backward step is a closure written beside its forward op.</summary>
internal sealed class FunctionNode : Node
{
    private Func<Tensor?[], Tensor?[]>? backward;
    private (Tensor Tensor, int Version)[]? saved;
    private readonly int outputCount;

    public FunctionNode(string name, Edge[] inputs, InputMeta[] metas, Func<Tensor?[], Tensor?[]> backward, Tensor[] saved, int outputCount)
        : base(name, inputs, metas)
    {
        this.backward = backward;
        this.saved = Array.ConvertAll(saved, t => (t, t.Version));
        this.outputCount = outputCount;
    }

    internal override int OutputCount => outputCount;

    internal override Tensor?[] Apply(Tensor?[] outputGradients)
    {
        if (backward is null || saved is null)
            throw new InvalidOperationException(
                "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). " +
                "Saved intermediate values of the graph are freed when you call Backward() or Autograd.Grad(). " +
                "Specify retainGraph: true if you need to backward through the graph a second time.");
        foreach (var (tensor, version) in saved)
            if (tensor.Version != version)
                throw new InvalidOperationException(
                    $"one of the variables needed for gradient computation has been modified by an inplace operation: [{tensor.DType.TorchName} {tensor.Shape}], " +
                    $"which is used by {Name}, is at version {tensor.Version}; expected version {version} instead.");
        return backward(outputGradients);
    }

    internal override void Release()
    {
        backward = null;
        saved = null;
    }
}

/// <summary>The sink of a leaf tensor's gradients: adds them into <see cref="Tensor.Grad"/>.</summary>
internal sealed class AccumulateGrad(Tensor leaf) : Node("AccumulateGrad", [], [])
{
    public Tensor Leaf { get; } = leaf;

    internal override Tensor?[] Apply(Tensor?[] outputGradients) => [];
}
