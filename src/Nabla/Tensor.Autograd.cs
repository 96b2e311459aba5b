namespace Nabla;

// Autograd state of a tensor (https://pytorch.org/docs/stable/autograd.html): a leaf that
// requires grad collects gradients in Grad; a computed tensor has a GradFn linking it to the
// graph that produced it.
public sealed partial class Tensor
{
    private bool requiresGrad;
    private Tensor? grad;
    private Node? gradFn;
    private int gradOutput;
    private AccumulateGrad? accumulator;

    /// <summary>
    /// Whether gradients flow to this tensor (torch.Tensor.requires_grad). Settable on leaves
    /// only; computed tensors require grad when any of their inputs do.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set on a non-leaf tensor, or to true on a non-floating dtype.</exception>
    /// <example><c>x.RequiresGrad = true;</c></example>
    public bool RequiresGrad
    {
        get => requiresGrad || gradFn is not null;
        set
        {
            if (gradFn is not null)
                throw new InvalidOperationException(
                    "you can only change RequiresGrad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use Detach().");
            if (value && !DType.IsFloatingPoint)
                throw new InvalidOperationException($"only Tensors of floating point dtype can require gradients, got {DType.TorchName}");
            requiresGrad = value;
        }
    }

    /// <summary>
    /// The gradient accumulated by backward passes (torch.Tensor.grad): null until the first one,
    /// then summed into by each. Clear it with <c>x.Grad.Clear()</c> or set it to null.
    /// </summary>
    /// <exception cref="ArgumentException">The assigned tensor's shape differs from this tensor's.</exception>
    public Tensor? Grad
    {
        get => grad;
        set
        {
            if (value is not null && value.Shape != Shape)
                throw new ArgumentException($"assigned grad has data of a different size: {value.Shape} for a tensor of shape {Shape}");
            grad = value;
        }
    }

    /// <summary>The backward step that produced this tensor (torch.Tensor.grad_fn), or null for a leaf.</summary>
    /// <example><c>y.GradFn!.Name == "MulBackward0"</c></example>
    public Node? GradFn => gradFn;

    /// <summary>True when the tensor was not computed by a recorded op (torch.Tensor.is_leaf).</summary>
    public bool IsLeaf => gradFn is null;

    /// <summary>
    /// Computes the gradient of this tensor with respect to every leaf that requires grad and adds
    /// it into their <see cref="Grad"/> (torch.Tensor.backward). A non-scalar tensor needs
    /// <paramref name="gradient"/> (the vector in the vector-Jacobian product). The graph is freed
    /// afterwards unless <paramref name="retainGraph"/>; <paramref name="createGraph"/> records the
    /// backward pass itself, for higher-order derivatives.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor does not require grad, is not a scalar and no gradient was given, or the graph was freed or modified in place.</exception>
    /// <exception cref="ArgumentException"><paramref name="gradient"/> does not have this tensor's shape.</exception>
    /// <example><c>y.Backward();</c> <c>(x * x).Backward(Tensor.OnesLike(x));</c></example>
    public void Backward(Tensor? gradient = null, bool retainGraph = false, bool createGraph = false)
    {
        if (gradient is null)
        {
            if (Numel != 1)
                throw new InvalidOperationException($"grad can be implicitly created only for scalar outputs; this tensor has shape {Shape}: pass a gradient");
            Engine.Run([this], [OneLikeThis()], retainGraph || createGraph, createGraph, seedsOwned: true);
            return;
        }
        if (gradient.Shape != Shape)
            throw new ArgumentException($"Mismatch in shape: grad_output[0] has a shape of {gradient.Shape} and output[0] has a shape of {Shape}.");
        Engine.Run([this], [gradient], retainGraph || createGraph, createGraph);
    }

    /// <summary>The implicit seed of a scalar's backward pass: a fresh one-element tensor holding 1 in this tensor's shape and dtype.</summary>
    private Tensor OneLikeThis()
    {
        var seed = Allocate(Shape, DType, uninitialized: true);
        var fill = new OneFill(seed);
        Dispatch.Run(DType, ref fill);
        return seed;
    }

    private readonly struct OneFill(Tensor seed) : IElementFunc
    {
        public void Invoke<T>() where T : unmanaged, System.Numerics.INumber<T> => seed.Data<T>().AsSpan().Fill(T.One);
    }

    /// <summary>A tensor sharing this one's storage but outside the graph (torch.Tensor.detach).</summary>
    public Tensor Detach() => new(storage, Layout);

    internal void SetGradFn(Node node, int output)
    {
        gradFn = node;
        gradOutput = output;
    }

    /// <summary>Where this tensor's gradient goes: its grad_fn, or the leaf's accumulator, or nowhere.</summary>
    internal Edge GradientEdge() =>
        gradFn is not null ? new Edge(gradFn, gradOutput)
        : requiresGrad ? new Edge(accumulator ??= new AccumulateGrad(this), 0)
        : Edge.None;

    /// <summary>
    /// Adds a gradient into <see cref="Grad"/>: a private copy the first time, in place afterwards (or
    /// out of place, recorded, when building a graph of the gradient). A gradient the backward pass
    /// made and nothing else holds (<paramref name="owned"/>) is kept as it is instead of copied, when
    /// it is a plain contiguous tensor over all of its own storage.
    /// </summary>
    internal void AccumulateGradient(Tensor gradient, bool createGraph, bool owned = false)
    {
        if (grad is null)
            grad = createGraph ? gradient
                : owned && !gradient.IsWrappedNumber && gradient.Layout.Offset == 0 && gradient.storage.Length == gradient.Numel && gradient.IsContiguous
                    ? (gradient.viewBase is null && gradient.gradFn is null && !gradient.requiresGrad ? gradient : gradient.Detach())
                    : gradient.Detach().Clone();
        else if (createGraph) grad = grad + gradient;
        else
        {
            using var scope = GradMode.Set(false);
            Add(grad, gradient, destination: grad);
        }
    }
}
