namespace Nabla;

// Writes into existing storage. Every public mutation checks the destination, bumps the
// storage's version (which autograd reads) and leaves Memory.TotalAllocatedBytes unchanged
// unless the source must first be copied out of an overlapping region.
public sealed partial class Tensor
{
    /// <summary>Copies <paramref name="source"/> into this tensor, broadcasting and converting its dtype (torch.Tensor.copy_).</summary>
    /// <exception cref="ArgumentException"><paramref name="source"/> does not broadcast to this shape.</exception>
    /// <example><c>X.CopyFrom(Y)</c></example>
    public Tensor CopyFrom(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Overwrite(source, "CopyBackwards");
    }

    /// <summary>
    /// Replaces every element by <paramref name="source"/>'s (broadcast): the old values no longer
    /// matter, so autograd sends zero to the previous history and the gradient to the source.
    /// </summary>
    private Tensor Overwrite(Tensor source, string name)
    {
        BeginWrite();
        Assign(source);
        return Graph.Record(this, name, [this, source], g => [ZerosLike(g), g]);
    }

    /// <summary>Sets every element to <paramref name="value"/> (torch.Tensor.fill_): a C# number or a one-element tensor.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> has more than one element.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is a C# number this dtype cannot hold (300 for UInt8).</exception>
    /// <example><c>X.Fill(0)</c></example>
    public Tensor Fill(Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Rank != 0)
            throw new ArgumentException($"fill_ only supports 0-dimension value tensor but got tensor with {value.Rank} dimensions.");
        CheckScalarFits(value, DType);
        return Overwrite(value, "FillBackward0");
    }

    /// <summary>
    /// Refuses a C# number (a weak tensor) that <paramref name="dtype"/> cannot hold, as PyTorch's
    /// checked scalar conversion does for fill_, full and subscript assignment: 300 or 255.5 into
    /// UInt8, 1e300 into Float32, NaN into an integer type. Negative integers may wrap into UInt8
    /// (-1 is 255), infinities and NaN fit the floating types, and Bool takes any value.
    /// </summary>
    internal static void CheckScalarFits(Tensor value, DType dtype)
    {
        if (!value.IsWrappedNumber || dtype == DType.Bool || value.DType == DType.Bool) return;
        bool fits;
        string text;
        if (value.DType.IsFloatingPoint)
        {
            double v = value.Item<double>();
            text = v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            fits = dtype switch
            {
                DType.Float64 => true,
                DType.Float32 => !double.IsFinite(v) || Math.Abs(v) <= float.MaxValue,
                DType.UInt8 => v >= 0 && v <= byte.MaxValue,
                DType.Int32 => v >= int.MinValue && v <= int.MaxValue,
                _ => v >= long.MinValue && v <= long.MaxValue,
            };
        }
        else
        {
            long v = value.Item<long>();
            text = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
            fits = dtype switch
            {
                DType.UInt8 => v >= -byte.MaxValue && v <= byte.MaxValue,
                DType.Int32 => v >= int.MinValue && v <= int.MaxValue,
                _ => true,
            };
        }
        if (!fits)
            throw new ArgumentOutOfRangeException(nameof(value), $"value {text} cannot be converted to type {dtype.TorchName} without overflow");
    }

    /// <summary>Sets every element to zero (torch.Tensor.zero_).</summary>
    public Tensor Clear() => Fill(0L);

    /// <summary>
    /// Copies <paramref name="source"/> into this tensor's elements without checks or version bump:
    /// the primitive under creation, <see cref="CopyFrom"/> and indexer setters.
    /// </summary>
    internal void Assign(Tensor source)
    {
        var sourceLayout = BroadcastSource(source);
        // Reading and writing overlapping parts of one storage would read already-written values.
        if (ReferenceEquals(source.storage, storage) && !sourceLayout.SameAs(Layout))
        {
            source = source.CloneData();
            sourceLayout = source.Layout.Expand(Shape);
        }
        Copy.Run(source.storage, sourceLayout, storage, Layout);
    }

    private Layout BroadcastSource(Tensor source)
    {
        try
        {
            return source.Layout.Expand(Shape);
        }
        catch (ArgumentException)
        {
            throw new ArgumentException(
                $"shape mismatch: value tensor of shape {source.Shape} cannot be broadcast to the destination of shape {Shape}");
        }
    }
}
