using System.Numerics;
using System.Numerics.Tensors;

namespace Nabla;

/// <summary>
/// Strided copy with dtype conversion: the kernel behind <c>Contiguous</c>, <c>Clone</c>,
/// <c>To</c>, <c>Fill</c>, broadcasting assignment and every indexer setter.
/// </summary>
internal static class Copy
{
    /// <summary>Copies <paramref name="src"/> (already expanded to <paramref name="dst"/>'s shape) into <paramref name="dst"/>.</summary>
    public static void Run(Storage src, in Layout srcLayout, Storage dst, in Layout dstLayout)
    {
        var func = new Pair(src, srcLayout, dst, dstLayout);
        Dispatch.Run(src.DType, dst.DType, ref func);
        GC.KeepAlive(src);  // pooled arrays go back to the pool when their storage is collected
        GC.KeepAlive(dst);
    }

    /// <summary>How PyTorch casts one element (<c>static_cast</c>, with Bool meaning "non-zero").</summary>
    public static TTo Convert<TFrom, TTo>(TFrom value, bool toBool)
        where TFrom : unmanaged, INumber<TFrom> where TTo : unmanaged, INumber<TTo>
    {
        if (toBool) return value != TFrom.Zero ? TTo.One : TTo.Zero;
        if (typeof(TFrom) == typeof(TTo)) return (TTo)(object)value;
        // Floating to integer truncates toward zero; going through Int64 makes -1.0 → uint8 wrap to
        // 255 as it does on x86 PyTorch, instead of saturating at 0.
        if (IsFloating<TFrom>() && !IsFloating<TTo>()) return TTo.CreateTruncating(long.CreateSaturating(value));
        return TTo.CreateTruncating(value);
    }

    private static bool IsFloating<T>() => typeof(T) == typeof(float) || typeof(T) == typeof(double);

    private readonly struct Pair(Storage src, Layout srcLayout, Storage dst, Layout dstLayout) : IElementPairFunc
    {
        public void Invoke<TFrom, TTo>() where TFrom : unmanaged, INumber<TFrom> where TTo : unmanaged, INumber<TTo>
        {
            if (typeof(TFrom) == typeof(TTo) && Transpose.TryRun(((Storage<TFrom>)src).Data, srcLayout, ((Storage<TFrom>)dst).Data, dstLayout)) return;
            var kernel = new Runs<TFrom, TTo>(((Storage<TFrom>)src).Data, ((Storage<TTo>)dst).Data, NeedsBoolNormalising(src, dst));
            StridedLoop.Run(dstLayout.Shape.Sizes, dstLayout.Strides, dstLayout.Offset, srcLayout.Strides, srcLayout.Offset, ref kernel);
        }
    }

    /// <summary>Only a non-Bool source written into Bool needs mapping to 0/1 (UInt8 → Bool shares the byte type).</summary>
    public static bool NeedsBoolNormalising(Storage src, Storage dst) => dst.DType == DType.Bool && src.DType != DType.Bool;

    private readonly struct Runs<TFrom, TTo>(TFrom[] src, TTo[] dst, bool toBool) : IRunKernel
        where TFrom : unmanaged, INumber<TFrom> where TTo : unmanaged, INumber<TTo>
    {
        public void Run(long dstOffset, long dstStride, long srcOffset, long srcStride, long unusedOffset, long unusedStride, long count)
        {
            int n = (int)count, d = (int)dstOffset, s = (int)srcOffset;
            if (dstStride == 1 && srcStride == 0)
            {
                dst.AsSpan(d, n).Fill(Convert<TFrom, TTo>(src[s], toBool));
            }
            else if (dstStride == 1 && srcStride == 1 && typeof(TFrom) == typeof(TTo) && !toBool)
            {
                src.AsSpan(s, n).CopyTo(System.Runtime.InteropServices.MemoryMarshal.Cast<TTo, TFrom>(dst.AsSpan(d, n)));
            }
            else if (dstStride == 1 && srcStride == 1 && !toBool && !(IsFloating<TFrom>() && !IsFloating<TTo>()))
            {
                TensorPrimitives.ConvertTruncating<TFrom, TTo>(src.AsSpan(s, n), dst.AsSpan(d, n));
            }
            else
            {
                int ds = (int)dstStride, ss = (int)srcStride;
                for (int i = 0; i < n; i++, d += ds, s += ss)
                    dst[d] = Convert<TFrom, TTo>(src[s], toBool);
            }
        }
    }
}
