namespace Nabla;

/// <summary>
/// Where a tensor's elements live in its storage: element <c>(i0, i1, ...)</c> is at
/// <c>Offset + i0 * Strides[0] + i1 * Strides[1] + ...</c>. Strides are never negative; a stride
/// of 0 repeats an element (broadcasting). Every view op is a pure function from layout to layout.
/// </summary>
internal readonly struct Layout
{
    public readonly Shape Shape;
    public readonly long[] Strides;
    public readonly long Offset;

    public Layout(Shape shape, long[] strides, long offset)
    {
        Shape = shape;
        Strides = strides;
        Offset = offset;
    }

    /// <summary>A row-major layout starting at offset 0.</summary>
    public static Layout Contiguous(Shape shape) => new(shape, ContiguousStrides(shape.Sizes), 0);

    public static long[] ContiguousStrides(ReadOnlySpan<long> sizes)
    {
        // Strides arrays are never written after a layout is made, so the common ones are shared.
        if (sizes.Length == 0) return [];
        if (sizes.Length == 1) return UnitStride;
        var strides = new long[sizes.Length];
        long stride = 1;
        for (int d = sizes.Length - 1; d >= 0; d--)
        {
            strides[d] = stride;
            stride *= Math.Max(sizes[d], 1);
        }
        return strides;
    }

    private static readonly long[] UnitStride = [1];

    public int Rank => Shape.Rank;

    /// <summary>Same shape, strides and offset: the same elements in the same order.</summary>
    public bool SameAs(in Layout other) =>
        Offset == other.Offset && Shape == other.Shape && Strides.AsSpan().SequenceEqual(other.Strides);

    /// <summary>Row-major without gaps, ignoring the strides of size-1 dims (as torch.Tensor.is_contiguous).</summary>
    public bool IsContiguous
    {
        get
        {
            var sizes = Shape.Sizes;
            long expected = 1;
            for (int d = sizes.Length - 1; d >= 0; d--)
            {
                if (sizes[d] == 0) return true;
                if (sizes[d] == 1) continue;
                if (Strides[d] != expected) return false;
                expected *= sizes[d];
            }
            return true;
        }
    }

    public Layout Permute(ReadOnlySpan<int> order)
    {
        var sizes = new long[order.Length];
        var strides = new long[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            sizes[i] = Shape.Sizes[order[i]];
            strides[i] = Strides[order[i]];
        }
        return new(new Shape(sizes), strides, Offset);
    }

    /// <summary>Keeps <paramref name="length"/> entries of <paramref name="dim"/> from <paramref name="start"/>, every <paramref name="step"/>-th.</summary>
    public Layout Slice(int dim, long start, long length, long step = 1)
    {
        var sizes = Shape.ToArray();
        var strides = (long[])Strides.Clone();
        sizes[dim] = length;
        strides[dim] = Strides[dim] * step;
        return new(new Shape(sizes), strides, length == 0 ? Offset : Offset + start * Strides[dim]);
    }

    /// <summary>Fixes <paramref name="dim"/> at <paramref name="index"/> and drops it.</summary>
    public Layout Select(int dim, long index) =>
        new(new Shape([.. Shape.Sizes[..dim], .. Shape.Sizes[(dim + 1)..]]),
            [.. Strides.AsSpan(0, dim), .. Strides.AsSpan(dim + 1)],
            Offset + index * Strides[dim]);

    /// <summary>Inserts a size-1 dim at <paramref name="dim"/> (0..Rank).</summary>
    public Layout Unsqueeze(int dim)
    {
        long stride = dim < Rank ? Shape.Sizes[dim] * Strides[dim] : 1;
        return new(new Shape([.. Shape.Sizes[..dim], 1, .. Shape.Sizes[dim..]]),
            [.. Strides.AsSpan(0, dim), stride, .. Strides.AsSpan(dim)], Offset);
    }

    /// <summary>Drops the size-1 dims among <paramref name="dims"/>.</summary>
    public Layout Squeeze(ReadOnlySpan<int> dims)
    {
        var sizes = new List<long>(Rank);
        var strides = new List<long>(Rank);
        for (int d = 0; d < Rank; d++)
        {
            if (Shape.Sizes[d] == 1 && dims.Contains(d)) continue;
            sizes.Add(Shape.Sizes[d]);
            strides.Add(Strides[d]);
        }
        return new(new Shape([.. sizes]), [.. strides], Offset);
    }

    /// <summary>Broadcasts to <paramref name="target"/> with stride-0 dims (torch.Tensor.expand after -1 is resolved).</summary>
    public Layout Expand(Shape target)
    {
        if (target == Shape) return this;  // nothing to broadcast: keep the layout (and allocate nothing)
        int lead = target.Rank - Rank;
        if (lead < 0)
            throw new ArgumentException(
                $"The number of sizes provided ({target.Rank}) must be greater or equal to the number of dimensions in the tensor ({Rank}).");
        var strides = new long[target.Rank];
        // Right to left, as PyTorch's inferExpandGeometry: a new leading dim of size 1 gets the
        // stride a contiguous dim there would have (arange(3).expand(1, 3) has strides (3, 1));
        // every other new or broadcast dim gets 0, and so does everything expanded from 0-d.
        for (int d = target.Rank - 1; d >= 0; d--)
        {
            if (d < lead)
            {
                if (Rank > 0 && target.Sizes[d] == 1) strides[d] = target.Sizes[d + 1] * strides[d + 1];
                continue;
            }
            long size = Shape.Sizes[d - lead];
            if (size == target.Sizes[d]) strides[d] = Strides[d - lead];
            else if (size != 1)
                throw new ArgumentException(
                    $"The expanded size of the tensor ({target.Sizes[d]}) must match the existing size ({size}) at non-singleton dimension {d}.  Target sizes: {target}.  Tensor sizes: {Shape}");
        }
        return new(target, strides, Offset);
    }

    /// <summary>
    /// The strides that view this layout's elements as <paramref name="newShape"/> without a copy,
    /// or null when none exist (PyTorch's computeStride in ATen/TensorUtils.cpp).
    /// </summary>
    public long[]? ViewStrides(Shape newShape)
    {
        var oldSizes = Shape.Sizes;
        var newSizes = newShape.Sizes;
        var newStrides = new long[newSizes.Length];
        if (oldSizes.Length == 0)
        {
            Array.Fill(newStrides, 1L);
            return newStrides;
        }
        long numel = Shape.Numel;
        if (numel == 0) return oldSizes.SequenceEqual(newSizes) ? (long[])Strides.Clone() : ContiguousStrides(newSizes);

        int viewD = newSizes.Length - 1;
        long chunkBaseStride = Strides[^1], tensorNumel = 1, viewNumel = 1;
        for (int tensorD = oldSizes.Length - 1; tensorD >= 0; tensorD--)
        {
            tensorNumel *= oldSizes[tensorD];
            // A chunk ends where the next-outer dim does not continue this one contiguously.
            if (tensorD == 0 || (oldSizes[tensorD - 1] != 1 && Strides[tensorD - 1] != tensorNumel * chunkBaseStride))
            {
                while (viewD >= 0 && (viewNumel < tensorNumel || newSizes[viewD] == 1))
                {
                    newStrides[viewD] = viewNumel * chunkBaseStride;
                    viewNumel *= newSizes[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) return null;
                if (tensorD > 0)
                {
                    chunkBaseStride = Strides[tensorD - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        return viewD == -1 ? newStrides : null;
    }

    /// <summary>Resolves one -1 in a requested shape against <paramref name="numel"/> elements (torch's infer_size).</summary>
    public static Shape InferShape(ReadOnlySpan<long> requested, long numel)
    {
        var sizes = requested.ToArray();
        int inferred = -1;
        long product = 1;
        for (int d = 0; d < sizes.Length; d++)
        {
            if (sizes[d] == -1)
            {
                if (inferred >= 0) throw new ArgumentException($"only one dimension can be inferred, got shape {Shape.Format(requested)}");
                inferred = d;
            }
            else if (sizes[d] < 0) throw new ArgumentException($"invalid shape dimension {sizes[d]} in {Shape.Format(requested)}");
            else product *= sizes[d];
        }
        bool fits = inferred >= 0 ? product != 0 && numel % product == 0 : product == numel;
        if (!fits)
            throw new ArgumentException($"shape '{Shape.Format(requested)}' is invalid for input of size {numel}");
        if (inferred >= 0) sizes[inferred] = numel / product;
        return new Shape(sizes);
    }

    /// <summary>
    /// The shape two shapes broadcast to, aligned from the right (PyTorch's broadcasting
    /// semantics); throws naming both shapes and the dimension when they do not fit.
    /// </summary>
    public static Shape Broadcast(Shape a, Shape b)
    {
        if (a == b) return a;
        int rank = Math.Max(a.Rank, b.Rank);
        var sizes = new long[rank];
        // Right to left, as PyTorch: the message names the last mismatching dimension.
        for (int i = rank - 1; i >= 0; i--)
        {
            long sa = i < rank - a.Rank ? 1 : a.Sizes[i - (rank - a.Rank)];
            long sb = i < rank - b.Rank ? 1 : b.Sizes[i - (rank - b.Rank)];
            if (sa != sb && sa != 1 && sb != 1)
                throw new ArgumentException(
                    $"The size of tensor a ({sa}) must match the size of tensor b ({sb}) at non-singleton dimension {i}; shapes {a} and {b} do not broadcast.");
            sizes[i] = sa == 1 ? sb : sa;
        }
        return new Shape(sizes);
    }
}
