using System.Numerics;

namespace Nabla;

/// <summary>
/// The kernel of advanced indexing: copies block p of <c>src</c> (at <c>srcOffsets[p]</c>) to
/// block p of <c>dst</c> (at <c>dstOffsets[p]</c>), every block having the same shape and strides.
/// A gather reads scattered blocks into a dense result; a scatter writes them back.
/// </summary>
internal static class Gather
{
    /// <remarks>With <paramref name="accumulate"/> (same dtypes only) block p is added into its destination,
    /// so repeated indices sum, as index_put_(accumulate=True) and the gradient of indexing need.</remarks>
    public static void Blocks(Storage src, long[] srcOffsets, ReadOnlySpan<long> srcStrides,
        Storage dst, long[] dstOffsets, ReadOnlySpan<long> dstStrides, Shape block, bool accumulate = false)
    {
        if (block.Numel == 1)
        {
            // One element per block (a mask over the whole tensor): one dispatch for all of them.
            var func = new Elements(src, srcOffsets, dst, dstOffsets, accumulate);
            Dispatch.Run(src.DType, dst.DType, ref func);
            GC.KeepAlive(src);
            GC.KeepAlive(dst);
            return;
        }
        for (int p = 0; p < srcOffsets.Length; p++)
        {
            var from = new Layout(block, srcStrides.ToArray(), srcOffsets[p]);
            var to = new Layout(block, dstStrides.ToArray(), dstOffsets[p]);
            if (!accumulate)
            {
                Copy.Run(src, from, dst, to);
                continue;
            }
            var target = new Tensor(dst, to);
            Elementwise.Binary<AddOp>(target, new Tensor(src, from), target);
        }
    }

    /// <summary>The storage offsets of a layout's elements in row-major order.</summary>
    public static long[] Offsets(in Layout layout)
    {
        var offsets = new long[layout.Shape.Numel];
        var sizes = layout.Shape.Sizes;
        Span<long> index = stackalloc long[sizes.Length];
        long offset = layout.Offset;
        for (int p = 0; p < offsets.Length; p++)
        {
            offsets[p] = offset;
            for (int d = sizes.Length - 1; d >= 0; d--)
            {
                offset += layout.Strides[d];
                if (++index[d] < sizes[d]) break;
                offset -= layout.Strides[d] * sizes[d];
                index[d] = 0;
            }
        }
        return offsets;
    }

    private readonly struct Elements(Storage src, long[] srcOffsets, Storage dst, long[] dstOffsets, bool accumulate) : IElementPairFunc
    {
        public void Invoke<TFrom, TTo>() where TFrom : unmanaged, INumber<TFrom> where TTo : unmanaged, INumber<TTo>
        {
            var from = ((Storage<TFrom>)src).Data;
            var to = ((Storage<TTo>)dst).Data;
            bool toBool = Copy.NeedsBoolNormalising(src, dst);
            for (int p = 0; p < srcOffsets.Length; p++)
            {
                var value = Copy.Convert<TFrom, TTo>(from[srcOffsets[p]], toBool);
                to[dstOffsets[p]] = accumulate ? to[dstOffsets[p]] + value : value;
            }
        }
    }
}
