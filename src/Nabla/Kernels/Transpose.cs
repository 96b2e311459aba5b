namespace Nabla;

/// <summary>
/// The copy of a transposed matrix into row-major order (<c>X.T.Contiguous()</c>), done in square
/// tiles: reading a column walks memory with a large stride, so an element-by-element copy touches
/// a new cache line (and often a new page) per element. Tiles of 8×8 keep both the rows read and
/// the rows written in L1; the rows of tiles are shared between cores.
/// </summary>
internal static class Transpose
{
    private const int Tile = 8;

    /// <summary>Copies when the layouts are a 2-D transpose (dst rows contiguous, src columns contiguous); false otherwise.</summary>
    public static bool TryRun<T>(T[] src, in Layout srcLayout, T[] dst, in Layout dstLayout) where T : unmanaged
    {
        // Only the dims of size > 1 matter; they must be exactly two.
        Span<int> dims = stackalloc int[2];
        int count = 0;
        var sizes = dstLayout.Shape.Sizes;
        for (int d = 0; d < sizes.Length; d++)
        {
            if (sizes[d] == 1) continue;
            if (count == 2) return false;
            dims[count++] = d;
        }
        if (count != 2) return false;
        long rows = sizes[dims[0]], cols = sizes[dims[1]];
        if (rows * cols < 4096) return false;  // small: the plain strided loop is as fast
        if (dstLayout.Strides[dims[1]] != 1 || dstLayout.Strides[dims[0]] < cols) return false;
        if (srcLayout.Strides[dims[0]] != 1 || srcLayout.Strides[dims[1]] < rows) return false;
        Run(src, (int)srcLayout.Offset, (int)srcLayout.Strides[dims[1]], dst, (int)dstLayout.Offset, (int)dstLayout.Strides[dims[0]], (int)rows, (int)cols);
        return true;
    }

    /// <summary>dst[i * dstRow + j] = src[i + j * srcColumn] for i &lt; rows, j &lt; cols.</summary>
    private static void Run<T>(T[] src, int srcOffset, int srcColumn, T[] dst, int dstOffset, int dstRow, int rows, int cols)
    {
        int blocks = (rows + Tile - 1) / Tile;
        void Band(int block)
        {
            int i0 = block * Tile, i1 = Math.Min(rows, i0 + Tile);
            for (int j0 = 0; j0 < cols; j0 += Tile)
            {
                int j1 = Math.Min(cols, j0 + Tile);
                for (int i = i0; i < i1; i++)
                {
                    int to = dstOffset + i * dstRow, from = srcOffset + i;
                    for (int j = j0; j < j1; j++) dst[to + j] = src[from + j * srcColumn];
                }
            }
        }
        if ((long)rows * cols >= StridedLoop.ParallelThreshold) Parallel.For(0, blocks, Threads.Options, Band);
        else for (int b = 0; b < blocks; b++) Band(b);
    }
}
