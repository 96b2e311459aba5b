namespace Nabla;

/// <summary>Work done on one run of elements: <c>count</c> elements per operand, each at its own offset and stride.</summary>
internal interface IRunKernel
{
    void Run(long offset0, long stride0, long offset1, long stride1, long count);
}

/// <summary>
/// Walks two strided layouts of the same shape in lockstep, handing the kernel the longest inner
/// runs it can: dims that are contiguous for both operands are merged first, so a contiguous pair
/// is one run and a transposed or sliced one is a run per outer index.
/// </summary>
internal static class StridedLoop
{
    public static void Run<TKernel>(ReadOnlySpan<long> shape, ReadOnlySpan<long> strides0, long offset0,
        ReadOnlySpan<long> strides1, long offset1, ref TKernel kernel) where TKernel : struct, IRunKernel
    {
        int n = shape.Length;
        Span<long> buffer = stackalloc long[3 * n];
        Span<long> sizes = buffer[..n], st0 = buffer.Slice(n, n), st1 = buffer.Slice(2 * n, n);
        int rank = Coalesce(shape, strides0, strides1, sizes, st0, st1);
        if (rank < 0) return;  // empty
        if (rank == 0)
        {
            kernel.Run(offset0, 1, offset1, 1, 1);
            return;
        }
        long inner = sizes[rank - 1], inner0 = st0[rank - 1], inner1 = st1[rank - 1];
        if (rank == 1)
        {
            kernel.Run(offset0, inner0, offset1, inner1, inner);
            return;
        }
        Span<long> index = stackalloc long[rank - 1];
        index.Clear();
        long o0 = offset0, o1 = offset1;
        while (true)
        {
            kernel.Run(o0, inner0, o1, inner1, inner);
            // Advance the odometer over the outer dims.
            int d = rank - 2;
            for (; d >= 0; d--)
            {
                o0 += st0[d];
                o1 += st1[d];
                if (++index[d] < sizes[d]) break;
                o0 -= st0[d] * sizes[d];
                o1 -= st1[d] * sizes[d];
                index[d] = 0;
            }
            if (d < 0) return;
        }
    }

    /// <summary>
    /// Drops size-1 dims and merges neighbours that are contiguous for both operands. Returns the
    /// merged rank, or -1 when the shape has no elements.
    /// </summary>
    private static int Coalesce(ReadOnlySpan<long> shape, ReadOnlySpan<long> strides0, ReadOnlySpan<long> strides1,
        Span<long> sizes, Span<long> st0, Span<long> st1)
    {
        int rank = 0;
        for (int d = 0; d < shape.Length; d++)
        {
            if (shape[d] == 0) return -1;
            if (shape[d] == 1) continue;
            if (rank > 0 && st0[rank - 1] == strides0[d] * shape[d] && st1[rank - 1] == strides1[d] * shape[d])
            {
                sizes[rank - 1] *= shape[d];
                st0[rank - 1] = strides0[d];
                st1[rank - 1] = strides1[d];
                continue;
            }
            sizes[rank] = shape[d];
            st0[rank] = strides0[d];
            st1[rank] = strides1[d];
            rank++;
        }
        return rank;
    }
}
