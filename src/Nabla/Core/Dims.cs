namespace Nabla;

/// <summary>Dimension-index arithmetic shared by every op that takes a <c>dim</c>.</summary>
internal static class Dims
{
    /// <summary>
    /// Turns a possibly negative dimension into an index in [0, rank). With
    /// <paramref name="scalarAsVector"/>, a rank-0 tensor accepts dims 0 and -1, as PyTorch's
    /// reductions and views do.
    /// </summary>
    public static int Wrap(int dim, int rank, bool scalarAsVector = false)
    {
        int effective = rank == 0 && scalarAsVector ? 1 : rank;
        if (effective == 0)
            throw new IndexOutOfRangeException($"Dimension specified as {dim} but tensor has no dimensions.");
        if (dim < -effective || dim >= effective)
            throw new IndexOutOfRangeException(
                $"Dimension out of range (expected to be in range of [{-effective}, {effective - 1}], but got {dim}).");
        return dim < 0 ? dim + effective : dim;
    }

    /// <summary>Wraps a list of dims and rejects repeats ("dim 1 appears multiple times in the list of dims").</summary>
    public static int[] WrapAll(ReadOnlySpan<int> dims, int rank, bool scalarAsVector = false)
    {
        var result = new int[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            result[i] = Wrap(dims[i], rank, scalarAsVector);
            if (Array.IndexOf(result, result[i], 0, i) >= 0)
                throw new ArgumentException($"dim {result[i]} appears multiple times in the list of dims.");
        }
        return result;
    }
}
