using System.Numerics;

namespace Nabla;

/// <summary>
/// The kernel of advanced indexing: copies block p of <c>src</c> (at <c>srcOffsets[p]</c>) to
/// block p of <c>dst</c> (at <c>dstOffsets[p]</c>), every block having the same shape and strides.
/// A gather reads scattered blocks into a dense result; a scatter writes them back.
/// </summary>
internal static class Gather
{
    public static void Blocks(Storage src, long[] srcOffsets, ReadOnlySpan<long> srcStrides,
        Storage dst, long[] dstOffsets, ReadOnlySpan<long> dstStrides, Shape block)
    {
        if (block.Numel == 1)
        {
            // One element per block (a mask over the whole tensor): one dispatch for all of them.
            var func = new Elements(src, srcOffsets, dst, dstOffsets);
            Dispatch.Run(src.DType, dst.DType, ref func);
            GC.KeepAlive(src);
            GC.KeepAlive(dst);
            return;
        }
        for (int p = 0; p < srcOffsets.Length; p++)
            Copy.Run(src, new Layout(block, srcStrides.ToArray(), srcOffsets[p]), dst, new Layout(block, dstStrides.ToArray(), dstOffsets[p]));
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

    private readonly struct Elements(Storage src, long[] srcOffsets, Storage dst, long[] dstOffsets) : IElementPairFunc
    {
        public void Invoke<TFrom, TTo>() where TFrom : unmanaged, INumber<TFrom> where TTo : unmanaged, INumber<TTo>
        {
            var from = ((Storage<TFrom>)src).Data;
            var to = ((Storage<TTo>)dst).Data;
            bool toBool = Copy.NeedsBoolNormalising(src, dst);
            for (int p = 0; p < srcOffsets.Length; p++)
                to[dstOffsets[p]] = Copy.Convert<TFrom, TTo>(from[srcOffsets[p]], toBool);
        }
    }
}
