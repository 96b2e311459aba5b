namespace Nabla;

/// <summary>
/// The shape rules shared by reductions (https://pytorch.org/docs/stable/torch.html#reduction-ops):
/// which dims are reduced (all, one, or a list; negative allowed; a 0-d tensor accepts 0 and -1),
/// and the result's shape with or without <c>keepDim</c>. The input is brought into a contiguous
/// [kept..., reduced...] order so that every output element reduces one contiguous run.
/// </summary>
internal static class Reduction
{
    /// <summary>The input as contiguous rows, the row length, and the result's shape.</summary>
    internal readonly record struct Plan(Tensor Rows, long Inner, Shape Result);

    public static Plan Prepare(Tensor x, ReadOnlySpan<int> dims, bool all, bool keepDim)
    {
        int rank = x.Rank;
        var wrapped = all ? null : Dims.WrapAll(dims, rank, scalarAsVector: true);
        if (rank == 0) return new Plan(x.ContiguousData(), 1, x.Shape);
        Span<bool> reduced = stackalloc bool[rank];
        if (wrapped is null) reduced.Fill(true);
        else foreach (int d in wrapped) reduced[d] = true;
        // Kept dims in order, then the reduced ones in the order given; the result keeps the kept sizes.
        Span<int> order = stackalloc int[rank];
        var sizes = new long[keepDim ? rank : rank - (wrapped?.Length ?? rank)];
        int k = 0, s = 0;
        long inner = 1;
        for (int d = 0; d < rank; d++)
        {
            long size = x.Shape.Sizes[d];
            if (!reduced[d]) order[k++] = d;
            else inner *= size;
            if (keepDim) sizes[s++] = reduced[d] ? 1 : size;
            else if (!reduced[d]) sizes[s++] = size;
        }
        if (wrapped is null) for (int d = 0; d < rank; d++) order[k++] = d;
        else foreach (int d in wrapped) order[k++] = d;
        var rows = x.WithLayout(x.Layout.Permute(order)).ContiguousData();
        return new Plan(rows, inner, new Shape(sizes));
    }

    /// <summary>Reduces with <typeparamref name="TReducer"/> in <paramref name="dtype"/>, which is also the result's dtype.</summary>
    public static Tensor Run<TReducer>(string name, Tensor x, ReadOnlySpan<int> dims, bool all, bool keepDim, DType dtype, bool emptyAllowed = true)
        where TReducer : struct, IReducer
    {
        ArgumentNullException.ThrowIfNull(x);
        var converted = x.Converted(dtype);
        if (TReducer.ReducesColumns && !all && LeadingRows(converted, dims, keepDim) is { } leading)
        {
            var columns = Tensor.Allocate(leading.Result, dtype, uninitialized: true);
            Reduce.Columns<TReducer>(converted, leading.Rows, columns);
            return columns;
        }
        var plan = Prepare(converted, dims, all, keepDim);
        if (plan.Inner == 0 && !emptyAllowed) throw EmptyReduction(name, x, all ? null : FirstEmpty(x, dims));
        var output = Tensor.Allocate(plan.Result, dtype, uninitialized: true);
        Reduce.Rows<TReducer>(plan.Rows, plan.Inner, output);
        return output;
    }

    /// <summary>
    /// For a non-empty contiguous tensor reduced over its leading dims only (a bias gradient: [batch,
    /// features] summed over the batch), the number of rows reduced and the result's shape; null
    /// otherwise. Such a reduction combines whole rows, with no transposing copy.
    /// </summary>
    private static (long Rows, Shape Result)? LeadingRows(Tensor x, ReadOnlySpan<int> dims, bool keepDim)
    {
        int rank = x.Rank;
        if (rank < 2 || dims.IsEmpty || dims.Length >= rank || x.Numel == 0 || !x.Layout.IsContiguous) return null;
        Span<bool> reduced = stackalloc bool[rank];
        foreach (int d in Dims.WrapAll(dims, rank)) reduced[d] = true;  // WrapAll validates, as Prepare would
        int count = 0;
        while (count < rank && reduced[count]) count++;
        for (int d = count; d < rank; d++)
            if (reduced[d]) return null;
        if (count == 0 || count == rank) return null;
        long rows = 1;
        for (int d = 0; d < count; d++) rows *= x.Shape.Sizes[d];
        var sizes = x.Shape.Sizes;
        long[] result = keepDim ? sizes.ToArray() : sizes[count..].ToArray();
        if (keepDim) result.AsSpan(0, count).Fill(1);
        return (rows, new Shape(result));
    }

    /// <summary>The values and Int64 indices chosen by an index reducer along one dim (torch.max(dim), torch.argmax).</summary>
    public static (Tensor Values, Tensor Indices) RunIndex<TReducer>(string name, Tensor x, int? dim, bool keepDim) where TReducer : struct, IIndexReducer
    {
        ArgumentNullException.ThrowIfNull(x);
        var plan = dim is { } d ? Prepare(x, [d], all: false, keepDim) : Prepare(Flat(x), [0], all: false, keepDim: false);
        if (plan.Inner == 0) throw EmptyReduction(name, x, dim is { } e ? Dims.Wrap(e, x.Rank, scalarAsVector: true) : null);
        var values = Tensor.Allocate(plan.Result, x.DType, uninitialized: true);
        var indices = Tensor.Allocate(plan.Result, DType.Int64, uninitialized: true);
        Reduce.RowIndices<TReducer>(plan.Rows, plan.Inner, values, indices);
        return (values, indices);
    }

    /// <summary>PyTorch's errors for max, min, amax, argmax... of nothing: over all dims, or over the empty <paramref name="dim"/>.</summary>
    private static ArgumentException EmptyReduction(string name, Tensor x, int? dim) => new(dim is { } d
        ? $"{name}(): Expected reduction dim {d} to have non-zero size. (input shape {x.Shape})"
        : $"{name}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument. (input shape {x.Shape})");

    /// <summary>The first of <paramref name="dims"/>, as given, whose size is 0.</summary>
    private static int FirstEmpty(Tensor x, ReadOnlySpan<int> dims)
    {
        foreach (int d in dims)
            if (x.Shape.Sizes[Dims.Wrap(d, x.Rank, scalarAsVector: true)] == 0) return d;
        return dims[0];
    }

    /// <summary>Cumulative sum or product along one dim; integers and Bool accumulate in Int64.</summary>
    public static Tensor RunScan<TScan>(Tensor x, int dim) where TScan : struct, IScanOperator
    {
        ArgumentNullException.ThrowIfNull(x);
        var dtype = x.DType.IsFloatingPoint ? x.DType : DType.Int64;
        if (x.Rank == 0)
        {
            Dims.Wrap(dim, 0, scalarAsVector: true);
            return x.Converted(dtype).CloneData();
        }
        int d = Dims.Wrap(dim, x.Rank);
        var order = Enumerable.Range(0, x.Rank).Where(k => k != d).Append(d).ToArray();
        var converted = x.Converted(dtype);
        var rows = converted.WithLayout(converted.Layout.Permute(order)).ContiguousData();
        var output = Tensor.Allocate(rows.Shape, dtype, uninitialized: true);
        Scan.Rows<TScan>(rows, x.Shape.Sizes[d], output);
        var inverse = new int[order.Length];
        for (int k = 0; k < order.Length; k++) inverse[order[k]] = k;
        return output.WithLayout(output.Layout.Permute(inverse)).ContiguousData();
    }

    /// <summary>The number of elements each output of a reduction over <paramref name="dims"/> combines.</summary>
    public static long Count(Tensor x, ReadOnlySpan<int> dims, bool all)
    {
        if (all || x.Rank == 0) return x.Numel;
        long count = 1;
        foreach (int d in Dims.WrapAll(dims, x.Rank)) count *= x.Shape.Sizes[d];
        return count;
    }

    /// <summary>The elements as a 1-D tensor, outside the graph.</summary>
    private static Tensor Flat(Tensor x)
    {
        var data = x.ContiguousData();
        return data.WithLayout(new Layout(new Shape(x.Numel), [1], data.StorageOffset));
    }

    /// <summary>The dims a reduction over <paramref name="dims"/> (or all) removes, wrapped and sorted.</summary>
    public static int[] ReducedDims(Tensor x, ReadOnlySpan<int> dims, bool all)
    {
        if (x.Rank == 0) return [];
        var reduced = all ? Enumerable.Range(0, x.Rank).ToArray() : Dims.WrapAll(dims, x.Rank, scalarAsVector: true);
        Array.Sort(reduced);
        return reduced;
    }

    /// <summary>A reduced tensor (a gradient or a result) broadcast back to the input's shape: size-1 dims put back unless kept, then expanded.</summary>
    public static Tensor Unreduce(Tensor reducedValue, Shape input, int[] reduced, bool keepDim)
    {
        if (!keepDim && reduced.Length > 0)
            reducedValue = reducedValue.Reshape([.. Enumerable.Range(0, input.Rank).Select(d => reduced.Contains(d) ? 1L : input.Sizes[d])]);
        return reducedValue.Expand(input.Sizes);
    }

    /// <summary>
    /// A tensor of <paramref name="input"/>'s shape, zero except at <paramref name="indices"/> along
    /// <paramref name="dim"/>, where it holds <paramref name="values"/> (torch.Tensor.scatter with the
    /// indices of max(dim)): the gradient of values picked along a dim.
    /// </summary>
    public static Tensor ScatterAlong(Shape input, int dim, Tensor indices, Tensor values, bool keepDim)
    {
        if (input.Rank == 0) return values.Reshape();
        int d = Dims.Wrap(dim, input.Rank);
        if (!keepDim)
        {
            indices = indices.Unsqueeze(d);
            values = values.Unsqueeze(d);
        }
        // One index tensor per dim, each shaped to broadcast along its own dim only.
        var index = new TensorIndex[input.Rank];
        for (int k = 0; k < input.Rank; k++)
        {
            var shape = Enumerable.Repeat(1L, input.Rank).ToArray();
            shape[k] = k == d ? 1 : input.Sizes[k];
            index[k] = k == d ? indices : Tensor.Arange(input.Sizes[k]).Reshape(shape);
        }
        return Tensor.Zeros(input.Sizes, values.DType).IndexAdd(index, values);
    }
}
