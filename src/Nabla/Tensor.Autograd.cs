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

    // Views and in-place writes (PyTorch's view tracking): a base counts the changes of its history
    // (each grad_fn it is given); a view remembers the count its own grad_fn was made against. When
    // the base has been written in place since, the view's values changed with it, so its grad_fn
    // is remade from the base's (AsStridedBackward0). An in-place op recorded on a view rebases the
    // base on it (CopySlices): the base's gradient goes to the view's op for the view's elements.
    private int history, baseHistory;
    private bool writtenInPlace;

    /// <summary>
    /// Whether gradients flow to this tensor (torch.Tensor.requires_grad). Settable on leaves
    /// only; computed tensors require grad when any of their inputs do.
    /// </summary>
    /// <exception cref="InvalidOperationException">Set on a non-leaf tensor, or to true on a non-floating dtype.</exception>
    /// <example><c>x.RequiresGrad = true;</c></example>
    public bool RequiresGrad
    {
        get => requiresGrad || CurrentGradFn is not null;
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
    public Node? GradFn => CurrentGradFn;

    /// <summary>True when the tensor was not computed by a recorded op (torch.Tensor.is_leaf).</summary>
    public bool IsLeaf => CurrentGradFn is null;

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
        if (viewBase is not { } root)
        {
            history++;
            return;
        }
        baseHistory = root.history;
        if (!writtenInPlace) return;
        // A recorded in-place op on this view: the base now holds this view's new values in the
        // view's elements and its old ones elsewhere.
        writtenInPlace = false;
        var (inBase, inView, span) = Regions(root);
        Graph.Record(root, "CopySlices", [root, this], g =>
        {
            var viewPart = g.Remap(inBase, inView, span);
            return [g - viewPart.Remap(inView, inBase, span), viewPart];
        });
        // The base's history changed, so this view's grad_fn is remade from it when next asked for
        // (AsStridedBackward0 over CopySlices, as in PyTorch); the op's node stays reachable through it.
    }

    /// <summary>The grad_fn, remade from the base's when the base has been written in place since this view's was made.</summary>
    private Node? CurrentGradFn
    {
        get
        {
            if (viewBase is { } root && baseHistory != root.history)
            {
                // Through the base's history as it is now; a base without one leaves the view without one.
                gradFn = null;
                baseHistory = root.history;
                if (root.RequiresGrad)
                {
                    var (inBase, inView, span) = Regions(root);
                    var node = new FunctionNode("AsStridedBackward0", Graph.Edges([root]), Graph.Metas([root]),
                        g => [g.Remap(inView, inBase, span)], []);
                    (gradFn, gradOutput) = (node, 0);
                }
            }
            return gradFn;
        }
    }

    /// <summary>
    /// Where the base's and this view's elements lie, as layouts over the stretch of storage the base
    /// spans (offsets from the base's first element), and that stretch's length. Gradients move
    /// between the two through a buffer of that stretch (<see cref="Remap"/>), whatever the base's strides.
    /// </summary>
    private (Layout InBase, Layout InView, long Span) Regions(Tensor root)
    {
        var rootLayout = root.Layout;
        long span = 1;
        for (int d = 0; d < rootLayout.Shape.Rank; d++) span += (rootLayout.Shape.Sizes[d] - 1) * rootLayout.Strides[d];
        return (new Layout(rootLayout.Shape, rootLayout.Strides, 0), new Layout(Shape, Layout.Strides, Layout.Offset - rootLayout.Offset), span);
    }

    /// <summary>
    /// This tensor (laid out as <paramref name="from"/> describes) moved to the places <paramref name="to"/>
    /// describes, both over a zeroed buffer of <paramref name="span"/> elements: the elements that
    /// <paramref name="to"/> reads and <paramref name="from"/> did not write are 0. With non-overlapping
    /// layouts its adjoint is the move back, so it is recorded as such (torch.as_strided's gradient).
    /// </summary>
    internal Tensor Remap(Layout from, Layout to, long span)
    {
        var buffer = Allocate(new Shape(span), DType);
        buffer.WithLayout(from).Assign(this);
        var result = buffer.WithLayout(to).CloneData();
        return Graph.Record(result, "AsStridedBackward0", [this], g => [g.Remap(to, from, span)]);
    }

    /// <summary>Where this tensor's gradient goes: its grad_fn, or the leaf's accumulator, or nowhere.</summary>
    internal Edge GradientEdge() =>
        CurrentGradFn is { } node ? new Edge(node, gradOutput)
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
