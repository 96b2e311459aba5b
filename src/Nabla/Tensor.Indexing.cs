using System.Runtime.CompilerServices;

namespace Nabla;

// Subscripts, as PyTorch's tensor[...] (https://pytorch.org/cppdocs/notes/tensor_indexing.html):
// integers, ranges, NewAxis and Ellipsis give views; Bool masks and integer tensors copy.
public sealed partial class Tensor
{
    /// <summary>
    /// Reads or writes a subscript. Integers, ranges, <see cref="TensorIndex.NewAxis"/> and
    /// <see cref="TensorIndex.Ellipsis"/> give a view sharing storage, and so does a 0-d integer
    /// tensor (it acts as an integer); a Bool mask or an integer tensor with dimensions gives a copy
    /// (advanced indexing, with PyTorch's placement of the indexed dims).
    /// Setting writes into this tensor's storage, broadcasting the value and converting its dtype.
    /// </summary>
    /// <exception cref="IndexOutOfRangeException">An index is outside its dimension, or there are more indices than dimensions.</exception>
    /// <exception cref="ArgumentException">A mask's shape differs from the dims it indexes, or the value does not broadcast.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value is a C# number the dtype cannot hold (300 into UInt8).</exception>
    /// <example><c>X[^1]</c>, <c>X[1..3]</c>, <c>X[.., 1]</c>, <c>X[X &gt; 5]</c>, <c>X[1, 2] = 17</c>, <c>X[..2, ..] = 12</c></example>
    [IndexerName("Subscript")]
    public Tensor this[params TensorIndex[] indices]
    {
        get
        {
            var (view, advanced) = ApplyBasic(indices);
            if (advanced.Count == 0)
                return Graph.Record(view, "SliceBackward0", [this], g => [Embed(g, indices)]);
            return Graph.Record(AdvancedIndex.Create(view, advanced).Gather(), "IndexBackward0", [this],
                g => [Zeros(Shape.Sizes, g.DType).IndexAdd(indices, g)]);
        }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            CheckScalarFits(value, DType);
            value = DropLeadingOnes(value);
            var (view, advanced) = ApplyBasic(indices);
            // The write is an in-place op on this tensor (PyTorch's CopySlices / IndexPutBackward):
            // the autograd rules apply to it, not to the internal view it writes through.
            CheckInPlaceAllowed();
            view.BeginWrite(autogradChecked: true);
            if (advanced.Count == 0) view.Assign(value);
            else AdvancedIndex.Create(view, advanced).Scatter(value);
            Graph.Record(this, advanced.Count == 0 ? "CopySlices" : "IndexPutBackward0", [this, value], g =>
            {
                var rest = g.Clone();
                rest[indices] = 0L;
                return [rest, g[indices]];
            });
        }
    }

    /// <summary>
    /// Adds <paramref name="values"/> into the elements picked by <paramref name="indices"/>, summing
    /// repeated indices (torch.Tensor.index_put_ with accumulate=True); returns this tensor.
    /// </summary>
    internal Tensor IndexAdd(TensorIndex[] indices, Tensor values)
    {
        var (view, advanced) = ApplyBasic(indices);
        CheckInPlaceAllowed();
        view.BeginWrite(autogradChecked: true);
        if (advanced.Count == 0) Elementwise.Binary<AddOp>(view, Pointwise.Input(values, DType, view), view);
        else AdvancedIndex.Create(view, advanced).Scatter(values.Converted(DType), accumulate: true);
        return Graph.Record(this, "IndexPutBackward0", [this, values], g => [g, g[indices]]);
    }

    /// <summary>
    /// The value of a subscript assignment without its leading size-1 dims, as PyTorch's setitem
    /// (<c>x[0] = ones(1, 4)</c> writes a row of 4).
    /// </summary>
    private static Tensor DropLeadingOnes(Tensor value)
    {
        int lead = 0;
        while (lead < value.Rank && value.Shape.Sizes[lead] == 1) lead++;
        return lead == 0 ? value : value.Reshape(value.Shape.Sizes[lead..]);
    }

    /// <summary>
    /// Applies integers, ranges, NewAxis and Ellipsis as a view; returns the tensor indices with
    /// the dims of that view they index (a mask is expanded into one index per masked dim).
    /// </summary>
    private (Tensor View, List<(int Dim, Tensor Index)> Advanced) ApplyBasic(TensorIndex[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        int consumed = 0, ellipses = 0;
        foreach (var index in indices)
        {
            consumed += index.ConsumedDims;
            if (index.Kind == TensorIndex.Kinds.Ellipsis && ++ellipses > 1)
                throw new ArgumentException("an index can only have a single ellipsis ('...')");
        }
        if (consumed > Rank)
            throw new IndexOutOfRangeException($"too many indices for tensor of dimension {Rank} (got {consumed})");

        var layout = Layout;
        var advanced = new List<(int, Tensor)>();
        int dim = 0;      // the dim of the view being built that the next index applies to
        int source = 0;   // the dim of this tensor it consumes, for messages (as PyTorch's real_dim)
        foreach (var index in indices)
        {
            switch (index.Kind)
            {
                case TensorIndex.Kinds.Integer:
                    layout = layout.Select(dim, Resolve(index.Start, source++, layout.Shape.Sizes[dim]));
                    break;
                case TensorIndex.Kinds.Slice:
                    layout = Slice(layout, dim, index);
                    dim++;
                    source++;
                    break;
                case TensorIndex.Kinds.NewAxis:
                    layout = layout.Unsqueeze(dim++);
                    break;
                case TensorIndex.Kinds.Ellipsis:
                    dim += Rank - consumed;
                    source += Rank - consumed;
                    break;
                default:
                    var tensor = index.Indices!;
                    source += index.ConsumedDims;
                    if (index.IsMask)
                    {
                        if (tensor.Rank == 0)
                        {
                            // x[True] adds a dim of size 1 that the mask then keeps or empties.
                            layout = layout.Unsqueeze(dim);
                            tensor = tensor.Reshape(1);
                        }
                        CheckMask(tensor, layout, dim);
                        foreach (var coordinates in tensor.NonzeroColumns())
                            advanced.Add((dim++, coordinates));
                    }
                    else
                    {
                        if (!tensor.DType.IsInteger)
                            throw new ArgumentException($"tensors used as indices must be long, int, byte or bool tensors, got {tensor.DType.TorchName}");
                        // A 0-d integer tensor indexes like an integer, as in PyTorch: a view that drops the dim.
                        if (tensor.Rank == 0)
                            layout = layout.Select(dim, Resolve(tensor.Item<long>(), source - 1, layout.Shape.Sizes[dim]));
                        else
                            advanced.Add((dim++, tensor));
                    }
                    break;
            }
        }
        return (WithLayout(layout), advanced);
    }

    /// <summary>Resolves an integer subscript (<c>-1</c> and <c>^1</c> count from the end) exactly once and checks it against the dimension's size.</summary>
    private static long Resolve(TensorIndex.Position index, int dim, long size)
    {
        long resolved = index.Resolve(size);
        if (resolved < 0 || resolved >= size)
            throw new IndexOutOfRangeException($"index {index} is out of bounds for dimension {dim} with size {size}");
        return resolved;
    }

    /// <summary>Wraps a negative index and checks it against the dimension's size.</summary>
    internal static long Resolve(long index, int dim, long size)
    {
        long resolved = index < 0 ? index + size : index;
        if (resolved < 0 || resolved >= size)
            throw new IndexOutOfRangeException($"index {index} is out of bounds for dimension {dim} with size {size}");
        return resolved;
    }

    private static Layout Slice(in Layout layout, int dim, TensorIndex index)
    {
        long size = layout.Shape.Sizes[dim];
        long start = Math.Clamp(index.Start.Resolve(size), 0, size);
        long stop = index.Stop is { } s ? Math.Clamp(s.Resolve(size), 0, size) : size;
        long length = stop <= start ? 0 : (stop - start + index.Step - 1) / index.Step;
        return layout.Slice(dim, start, length, index.Step);
    }

    private static void CheckMask(Tensor mask, in Layout layout, int dim)
    {
        for (int k = 0; k < mask.Rank; k++)
            if (mask.Shape.Sizes[k] != layout.Shape.Sizes[dim + k])
                throw new ArgumentException(
                    $"The shape of the mask {mask.Shape} at index {k} does not match the shape of the indexed tensor {layout.Shape} at index {dim + k}");
    }

    /// <summary>
    /// The indices of the non-zero elements (torch.nonzero): an Int64 tensor of shape
    /// [count, Rank], one row of coordinates per non-zero element in row-major order.
    /// </summary>
    /// <example><c>Tensor.From(new[] { 0, 3, 0, 5 }).Nonzero()</c> is <c>[[1], [3]]</c>.</example>
    public Tensor Nonzero()
    {
        var flags = ToArray<bool>();
        var sizes = Shape.Sizes;
        var found = new List<long>();
        long count = 0;
        Span<long> index = stackalloc long[sizes.Length];
        for (int p = 0; p < flags.Length; p++)
        {
            if (flags[p])
            {
                count++;
                foreach (long i in index) found.Add(i);
            }
            for (int d = sizes.Length - 1; d >= 0 && ++index[d] == sizes[d]; d--) index[d] = 0;
        }
        return From<long>(found.ToArray(), [count, Rank]);
    }

    /// <summary>The columns of <see cref="Nonzero"/>: one index tensor per dimension (torch.nonzero(as_tuple=True)).</summary>
    private Tensor[] NonzeroColumns()
    {
        var coordinates = Nonzero();
        var columns = new Tensor[Rank];
        for (int d = 0; d < Rank; d++) columns[d] = coordinates[.., d];
        return columns;
    }
}
