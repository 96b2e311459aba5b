namespace Nabla;

/// <summary>
/// Advanced (tensor) indexing of a view, as PyTorch places it: the index tensors broadcast to
/// one shape B; when the indexed dims are adjacent, B replaces them in place, otherwise B comes
/// first. Each position b of B names one block of the remaining dims; gathering copies the
/// blocks out, scattering writes a value into them.
/// </summary>
internal sealed class AdvancedIndex
{
    private readonly Tensor view;
    private readonly Shape block;             // the dims left after removing the indexed ones
    private readonly long[] blockStrides;     // their strides in the view
    private readonly long[] offsets;          // storage offset of block b in the view
    private readonly Shape resultShape;       // before + B + after
    private readonly int before;              // how many block dims precede B in the result
    private readonly Shape broadcast;         // B

    private AdvancedIndex(Tensor view, Shape block, long[] blockStrides, long[] offsets, Shape resultShape, int before, Shape broadcast)
    {
        this.view = view;
        this.block = block;
        this.blockStrides = blockStrides;
        this.offsets = offsets;
        this.resultShape = resultShape;
        this.before = before;
        this.broadcast = broadcast;
    }

    public static AdvancedIndex Create(Tensor view, List<(int Dim, Tensor Index)> indices)
    {
        var broadcast = indices[0].Index.Shape;
        foreach (var (_, index) in indices)
        {
            try { broadcast = Layout.Broadcast(broadcast, index.Shape); }
            catch (ArgumentException)
            {
                throw new ArgumentException(
                    $"shape mismatch: indexing tensors could not be broadcast together with shapes {string.Join(", ", indices.Select(i => i.Index.Shape))}");
            }
        }

        var layout = view.Layout;
        var sizes = layout.Shape.Sizes;
        bool adjacent = indices[^1].Dim - indices[0].Dim == indices.Count - 1;
        int before = adjacent ? indices[0].Dim : 0;

        var offsets = new long[broadcast.Numel];
        Array.Fill(offsets, layout.Offset);
        foreach (var (dim, index) in indices)
        {
            var values = index.Expand(broadcast.Sizes).ToArray<long>();
            for (int b = 0; b < values.Length; b++)
                offsets[b] += Tensor.Resolve(values[b], dim, sizes[dim]) * layout.Strides[dim];
        }

        var blockSizes = new List<long>();
        var blockStrides = new List<long>();
        for (int d = 0; d < sizes.Length; d++)
        {
            if (indices.Exists(i => i.Dim == d)) continue;
            blockSizes.Add(sizes[d]);
            blockStrides.Add(layout.Strides[d]);
        }
        var block = new Shape([.. blockSizes]);
        var result = new Shape([.. block.Sizes[..before], .. broadcast.Sizes, .. block.Sizes[before..]]);
        return new AdvancedIndex(view, block, [.. blockStrides], offsets, result, before, broadcast);
    }

    /// <summary>A new contiguous tensor holding the indexed blocks.</summary>
    public Tensor Gather()
    {
        var result = Tensor.Allocate(resultShape, view.DType, uninitialized: true);
        var (resultOffsets, resultBlockStrides) = Split(result.Layout);
        Nabla.Gather.Blocks(view.Storage, offsets, blockStrides, result.Storage, resultOffsets, resultBlockStrides, block);
        return result;
    }

    /// <summary>
    /// Writes <paramref name="value"/>, broadcast to the indexing result's shape, into the indexed
    /// blocks; with <paramref name="accumulate"/> it adds instead, so repeated indices sum.
    /// </summary>
    public void Scatter(Tensor value, bool accumulate = false)
    {
        if (ReferenceEquals(value.Storage, view.Storage)) value = value.CloneData();
        Layout expanded;
        try { expanded = value.Layout.Expand(resultShape); }
        catch (ArgumentException)
        {
            throw new ArgumentException($"shape mismatch: value tensor of shape {value.Shape} cannot be broadcast to indexing result of shape {resultShape}");
        }
        var (valueOffsets, valueBlockStrides) = Split(expanded);
        Nabla.Gather.Blocks(value.Storage, valueOffsets, valueBlockStrides, view.Storage, offsets, blockStrides, block, accumulate);
    }

    /// <summary>Splits a layout of the result's shape into per-b offsets and the strides of the block dims.</summary>
    private (long[] Offsets, long[] BlockStrides) Split(in Layout layout)
    {
        int rankB = broadcast.Rank;
        var strides = layout.Strides;
        var overB = new Layout(broadcast, strides[before..(before + rankB)], layout.Offset);
        return (Nabla.Gather.Offsets(overB), [.. strides[..before], .. strides[(before + rankB)..]]);
    }
}
