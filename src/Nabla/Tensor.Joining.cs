namespace Nabla;

// Joining tensors and splitting them into views.
public sealed partial class Tensor
{
    /// <summary>
    /// Concatenates along an existing dimension (torch.cat). Shapes must match except in
    /// <paramref name="dim"/>; dtypes promote as in arithmetic. 1-D empty tensors are skipped, as PyTorch does.
    /// </summary>
    /// <exception cref="ArgumentException">The list is empty, holds a 0-d tensor, or the shapes differ outside <paramref name="dim"/>.</exception>
    /// <example><c>Tensor.Cat([X, Y], dim: 0)</c></example>
    public static Tensor Cat(ReadOnlySpan<Tensor> tensors, int dim = 0)
    {
        if (tensors.IsEmpty) throw new ArgumentException("Cat expects a non-empty list of tensors");
        Tensor? reference = null;
        var dtype = tensors[0].DType;
        for (int i = 0; i < tensors.Length; i++)
        {
            var t = tensors[i] ?? throw new ArgumentNullException(nameof(tensors), $"tensor number {i} in the list is null");
            if (t.Rank == 0) throw new ArgumentException($"zero-dimensional tensor (at position {i}) cannot be concatenated");
            dtype = DTypes.Promote(dtype, t.DType);
            if (t.Rank != 1 || t.Numel != 0) reference ??= t;
        }
        if (reference is null) return Empty([0], dtype);

        int d = Dims.Wrap(dim, reference.Rank);
        long total = 0;
        for (int i = 0; i < tensors.Length; i++)
        {
            var t = tensors[i];
            if (t.Rank == 1 && t.Numel == 0) continue;
            if (t.Rank != reference.Rank)
                throw new ArgumentException(
                    $"Tensors must have same number of dimensions: got {reference.Rank} and {t.Rank} (shapes {reference.Shape} and {t.Shape}, tensor number {i})");
            for (int k = 0; k < t.Rank; k++)
                if (k != d && t.Shape.Sizes[k] != reference.Shape.Sizes[k])
                    throw new ArgumentException(
                        $"Sizes of tensors must match except in dimension {d}. Expected size {reference.Shape.Sizes[k]} but got size {t.Shape.Sizes[k]} for tensor number {i} in the list (shapes {reference.Shape} and {t.Shape}).");
            total += t.Shape.Sizes[d];
        }

        var sizes = reference.Shape.ToArray();
        sizes[d] = total;
        var result = Empty(sizes, dtype);
        var offsets = new long[tensors.Length + 1];
        for (int i = 0; i < tensors.Length; i++)
        {
            var t = tensors[i];
            bool skipped = t.Rank == 1 && t.Numel == 0;
            long size = skipped ? 0 : t.Shape.Sizes[d];
            if (!skipped) result.WithLayout(result.Layout.Slice(d, offsets[i], size)).Assign(t);
            offsets[i + 1] = offsets[i] + size;
        }
        var inputs = tensors.ToArray();
        return Graph.Record(result, "CatBackward0", inputs, g =>
            [.. inputs.Select((t, i) => t.Rank == 1 && t.Numel == 0 ? null : g.Narrow(d, offsets[i], offsets[i + 1] - offsets[i]))]);
    }

    /// <summary>Joins same-shaped tensors along a new dimension <paramref name="dim"/> (torch.stack).</summary>
    /// <exception cref="ArgumentException">The list is empty or the shapes differ.</exception>
    /// <example><c>Tensor.Stack([X, Y], dim: 0)</c> has shape [2, ..X.Shape].</example>
    public static Tensor Stack(ReadOnlySpan<Tensor> tensors, int dim = 0)
    {
        if (tensors.IsEmpty) throw new ArgumentException("Stack expects a non-empty list of tensors");
        var first = tensors[0];
        int d = Dims.Wrap(dim, first.Rank + 1);
        var expanded = new Tensor[tensors.Length];
        for (int i = 0; i < tensors.Length; i++)
        {
            if (tensors[i].Shape != first.Shape)
                throw new ArgumentException($"stack expects each tensor to be equal size, but got {first.Shape} at entry 0 and {tensors[i].Shape} at entry {i}");
            expanded[i] = tensors[i].Unsqueeze(d);
        }
        Tensor result;
        using (GradMode.Set(false)) result = Cat(expanded, d);
        // One node, as PyTorch's StackBackward0: input i's gradient is slice i along the new dim.
        return Graph.Record(result, "StackBackward0", tensors, g =>
        {
            var grads = new Tensor?[expanded.Length];
            for (int i = 0; i < grads.Length; i++) grads[i] = g.Narrow(d, i, 1).Squeeze(d);
            return grads;
        });
    }

    /// <summary>Views of consecutive pieces of <paramref name="splitSize"/> along <paramref name="dim"/>; the last may be smaller (torch.split).</summary>
    /// <exception cref="ArgumentException"><paramref name="splitSize"/> is negative, or zero on a non-empty dimension.</exception>
    /// <example><c>X.Split(2, dim: 0)</c></example>
    public Tensor[] Split(long splitSize, int dim = 0)
    {
        int d = Dims.Wrap(dim, Rank);
        long size = Shape.Sizes[d];
        if (splitSize < 0 || (splitSize == 0 && size != 0))
            throw new ArgumentException($"split expects split_size be non-negative, and positive for a non-empty dimension, but got split_size={splitSize} for size {size}");
        long count = splitSize == 0 ? 1 : Math.Max(1, (size + splitSize - 1) / splitSize);
        var sizes = new long[count];
        for (long i = 0; i < count; i++) sizes[i] = Math.Min(splitSize, size - i * splitSize);
        return Split(sizes, d, "SplitBackward0");
    }

    /// <summary>Views of consecutive pieces with the given sizes along <paramref name="dim"/> (torch.split with a list).</summary>
    /// <exception cref="ArgumentException">The sizes do not add up to the dimension's size.</exception>
    public Tensor[] Split(long[] sizes, int dim = 0) => Split(sizes, dim, "SplitWithSizesBackward0");

    /// <summary>The pieces, recorded under PyTorch's name for the form that was called.</summary>
    private Tensor[] Split(long[] sizes, int dim, string name)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        int d = Dims.Wrap(dim, Rank);
        // Checked one by one so that huge sizes are refused instead of overflowing the sum.
        long total = 0;
        foreach (long s in sizes)
        {
            if (s < 0 || s > Shape.Sizes[d] - total) { total = -1; break; }
            total += s;
        }
        if (total != Shape.Sizes[d])
            throw new ArgumentException(
                $"split_with_sizes expects split_sizes to sum exactly to {Shape.Sizes[d]} (input tensor's size at dimension {d}), but got split_sizes={Nabla.Shape.Format(sizes)}");
        var pieces = new Tensor[sizes.Length];
        long offset = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            pieces[i] = WithLayout(Layout.Slice(d, offset, sizes[i]));
            offset += sizes[i];
        }
        if (pieces.Length == 0) return pieces;   // an empty dim split into no pieces: nothing to record
        // One node for all pieces: the gradient is the pieces' gradients joined again (zeros where none arrived).
        Graph.Record(pieces, name, [this], grads =>
            [Cat(grads.Select((g, i) => g ?? ZerosLike(pieces[i])).ToArray(), d)]);
        return pieces;
    }

    /// <summary>Splits into at most <paramref name="chunks"/> views of equal size (the last may be smaller) along <paramref name="dim"/> (torch.chunk).</summary>
    /// <exception cref="ArgumentException"><paramref name="chunks"/> is not positive.</exception>
    /// <example><c>X.Chunk(3)</c></example>
    public Tensor[] Chunk(int chunks, int dim = 0)
    {
        if (chunks <= 0) throw new ArgumentException($"chunk expects `chunks` to be greater than 0, got: {chunks}");
        long size = Shape.Sizes[Dims.Wrap(dim, Rank)];
        // An empty dim gives `chunks` empty pieces, as PyTorch (split would give one).
        if (size == 0)
        {
            if (chunks > Array.MaxLength) throw new ArgumentException($"chunk: {chunks} empty pieces are more than an array can hold");
            return Split(new long[chunks], dim, "SplitBackward0");
        }
        return Split(Math.Max(1, (size + chunks - 1) / chunks), dim);
    }
}
