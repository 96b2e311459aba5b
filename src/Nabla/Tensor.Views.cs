namespace Nabla;

// Views: new tensors over the same storage, made by changing only the layout. Each mirrors the
// torch.Tensor method of the same name (https://pytorch.org/docs/stable/tensor_view.html).
public sealed partial class Tensor
{
    /// <summary>
    /// The same elements in another shape (torch.reshape): a view when the strides allow one,
    /// otherwise a contiguous copy. One size may be -1 and is inferred.
    /// </summary>
    /// <exception cref="ArgumentException">The sizes do not multiply to <see cref="Numel"/>, or more than one is -1.</exception>
    /// <example><c>Tensor.Arange(12).Reshape(-1, 4)</c> has shape [3, 4].</example>
    public Tensor Reshape(params ReadOnlySpan<long> shape)
    {
        var target = Layout.InferShape(shape, Numel);
        var strides = Layout.ViewStrides(target);
        return strides is null ? Contiguous().View(target.Sizes) : ShapeView(new Layout(target, strides, Layout.Offset), "ViewBackward0");
    }

    /// <summary>The same elements in another shape, always sharing storage (torch.Tensor.view). One size may be -1.</summary>
    /// <exception cref="ArgumentException">The sizes do not multiply to <see cref="Numel"/>.</exception>
    /// <exception cref="InvalidOperationException">The strides do not allow a view; use <see cref="Reshape"/>.</exception>
    /// <example><c>Tensor.Arange(12).View(2, 6)</c></example>
    public Tensor View(params ReadOnlySpan<long> shape)
    {
        var target = Layout.InferShape(shape, Numel);
        var strides = Layout.ViewStrides(target)
            ?? throw new InvalidOperationException(
                $"view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces): shape {Shape} with strides {Nabla.Shape.Format(Layout.Strides)} cannot be viewed as {target}. Use .Reshape(...) instead.");
        return ShapeView(new Layout(target, strides, Layout.Offset), "ViewBackward0");
    }

    /// <summary>Swaps two dimensions (torch.transpose); a view.</summary>
    /// <exception cref="IndexOutOfRangeException">A dimension does not exist.</exception>
    /// <example><c>X.Transpose(0, 1)</c></example>
    public Tensor Transpose(int dim0, int dim1)
    {
        if (Rank == 0)
        {
            Dims.Wrap(dim0, 0, scalarAsVector: true);
            Dims.Wrap(dim1, 0, scalarAsVector: true);
            return ShapeView(Layout, "TransposeBackward0");
        }
        Span<int> order = stackalloc int[Rank];
        for (int d = 0; d < Rank; d++) order[d] = d;
        int a = Dims.Wrap(dim0, Rank), b = Dims.Wrap(dim1, Rank);
        (order[a], order[b]) = (b, a);
        return PermutedView(order, "TransposeBackward0");
    }

    /// <summary>Reorders the dimensions (torch.permute): dimension i of the result is dimension <c>dims[i]</c> of this tensor; a view.</summary>
    /// <exception cref="ArgumentException">The list is not a permutation of the dimensions.</exception>
    /// <example><c>Tensor.Zeros(2, 3, 4).Permute(2, 0, 1)</c> has shape [4, 2, 3].</example>
    public Tensor Permute(params ReadOnlySpan<int> dims)
    {
        if (dims.Length != Rank)
            throw new ArgumentException(
                $"permute: number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = {Rank} is not equal to len(dims) = {dims.Length}");
        return PermutedView(Dims.WrapAll(dims, Rank), "PermuteBackward0");
    }

    /// <summary>The dimensions reversed (torch.Tensor.T): the transpose of a matrix; a view.</summary>
    public Tensor T
    {
        get
        {
            Span<int> order = stackalloc int[Rank];
            for (int d = 0; d < Rank; d++) order[d] = Rank - 1 - d;
            return PermutedView(order, "PermuteBackward0");
        }
    }

    /// <summary>Drops every size-1 dimension (torch.squeeze); a view.</summary>
    public Tensor Squeeze()
    {
        Span<int> all = stackalloc int[Rank];
        for (int d = 0; d < Rank; d++) all[d] = d;
        return ShapeView(Layout.Squeeze(all), "SqueezeBackward0");
    }

    /// <summary>Drops the listed dimensions where their size is 1 and keeps the others (torch.squeeze(dim)); a view.</summary>
    /// <exception cref="IndexOutOfRangeException">A dimension does not exist.</exception>
    public Tensor Squeeze(params ReadOnlySpan<int> dims) =>
        ShapeView(Layout.Squeeze(Dims.WrapAll(dims, Rank, scalarAsVector: true)), "SqueezeBackward1");

    /// <summary>Inserts a size-1 dimension at <paramref name="dim"/> (torch.unsqueeze; -1 appends); a view.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="dim"/> is outside [-Rank-1, Rank].</exception>
    /// <example><c>Tensor.Arange(3).Unsqueeze(0)</c> has shape [1, 3].</example>
    public Tensor Unsqueeze(int dim) => ShapeView(Layout.Unsqueeze(Dims.Wrap(dim, Rank + 1)), "UnsqueezeBackward0");

    /// <summary>
    /// Repeats size-1 dimensions (and adds leading ones) without copying: the new dims have
    /// stride 0 (torch.Tensor.expand). -1 keeps a size.
    /// </summary>
    /// <exception cref="ArgumentException">A non-singleton size would change.</exception>
    /// <example><c>Tensor.Arange(3).Expand(2, -1)</c> has shape [2, 3].</example>
    public Tensor Expand(params ReadOnlySpan<long> sizes)
    {
        int lead = sizes.Length - Rank;
        var target = sizes.ToArray();
        for (int d = 0; d < target.Length; d++)
        {
            if (target[d] != -1) continue;
            if (d < lead)
                throw new ArgumentException($"The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension {d}");
            target[d] = Shape.Sizes[d - lead];
        }
        return ExpandedView(new Shape(target));
    }

    /// <summary>Expands to the shape of <paramref name="other"/> (torch.Tensor.expand_as).</summary>
    public Tensor ExpandAs(Tensor other) => ExpandedView((other ?? throw new ArgumentNullException(nameof(other))).Shape);

    // The engine sums a gradient back over broadcast dims, so an expanded view passes it through.
    private Tensor ExpandedView(Shape target) => Graph.Record(WithLayout(Layout.Expand(target)), "ExpandBackward0", [this], g => [g]);

    /// <summary>Merges dimensions <paramref name="startDim"/> to <paramref name="endDim"/> into one (torch.flatten); a view when possible.</summary>
    /// <exception cref="ArgumentException"><paramref name="startDim"/> comes after <paramref name="endDim"/>.</exception>
    /// <example><c>Tensor.Zeros(2, 3, 4).Flatten(1)</c> has shape [2, 12].</example>
    public Tensor Flatten(int startDim = 0, int endDim = -1)
    {
        int start = Dims.Wrap(startDim, Rank, scalarAsVector: true), end = Dims.Wrap(endDim, Rank, scalarAsVector: true);
        if (start > end) throw new ArgumentException($"flatten() has invalid args: start_dim ({startDim}) cannot come after end_dim ({endDim})");
        if (Rank == 0) return Reshape(1);
        if (start == end) return this;  // as PyTorch: nothing to merge, the tensor itself
        var sizes = Shape.Sizes;
        long merged = 1;
        foreach (long s in sizes[start..(end + 1)]) merged *= s;
        return Reshape([.. sizes[..start], merged, .. sizes[(end + 1)..]]);
    }

    /// <summary>The <paramref name="length"/> entries of <paramref name="dim"/> from <paramref name="start"/> (torch.narrow); a view.</summary>
    /// <exception cref="IndexOutOfRangeException"><paramref name="start"/> is outside the dimension.</exception>
    /// <exception cref="ArgumentException">The range runs past the end of the dimension.</exception>
    public Tensor Narrow(int dim, long start, long length)
    {
        if (Rank == 0) throw new ArgumentException("narrow() cannot be applied to a 0-dim tensor.");
        int d = Dims.Wrap(dim, Rank);
        long size = Shape.Sizes[d];
        if (start < -size || start > size)
            throw new IndexOutOfRangeException($"start out of range (expected to be in range of [{-size}, {size}], but got {start})");
        if (start < 0) start += size;
        if (length < 0 || start + length > size)
            throw new ArgumentException($"start ({start}) + length ({length}) exceeds dimension size ({size}).");
        var view = WithLayout(Layout.Slice(d, start, length));
        return Graph.Record(view, "SliceBackward0", [this], g => [Embed(g, [.. Enumerable.Repeat<TensorIndex>(.., d), TensorIndex.Slice(start, start + length)])]);
    }

    /// <summary>This tensor when it is already contiguous, otherwise a row-major copy (torch.Tensor.contiguous).</summary>
    public Tensor Contiguous() => IsContiguous ? this : Clone();

    /// <summary>A contiguous copy with its own storage (torch.clone).</summary>
    public Tensor Clone() => Graph.Record(CloneData(), "CloneBackward0", [this], g => [g]);

    /// <summary>A contiguous copy outside the graph: for kernels preparing their operands.</summary>
    internal Tensor CloneData()
    {
        var result = Allocate(Shape, DType, uninitialized: true);
        Copy.Run(storage, Layout, result.storage, result.Layout);
        return result;
    }

    /// <summary>This tensor if contiguous, else a contiguous copy outside the graph.</summary>
    internal Tensor ContiguousData() => IsContiguous ? this : CloneData();

    /// <summary>A view with another shape over the same elements; its gradient is reshaped back.</summary>
    private Tensor ShapeView(in Layout layout, string name)
    {
        var shape = Shape;
        return Graph.Record(WithLayout(layout), name, [this], g => [g.Reshape(shape.Sizes)]);
    }

    /// <summary>A view with reordered dims; its gradient is permuted back.</summary>
    private Tensor PermutedView(ReadOnlySpan<int> order, string name)
    {
        var inverse = new int[order.Length];
        for (int d = 0; d < order.Length; d++) inverse[order[d]] = d;
        return Graph.Record(WithLayout(Layout.Permute(order)), name, [this], g => [g.Permute(inverse)]);
    }

    /// <summary>
    /// The gradient of a view taken by <paramref name="indices"/>: zeros of this tensor's shape
    /// with <paramref name="gradient"/> written where the view was (through the differentiable
    /// setter, so higher-order gradients flow).
    /// </summary>
    private Tensor Embed(Tensor gradient, TensorIndex[] indices)
    {
        var result = Zeros(Shape.Sizes, gradient.DType);
        result[indices] = gradient;
        return result;
    }
}
