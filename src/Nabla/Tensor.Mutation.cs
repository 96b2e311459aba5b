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
        BeginWrite();
        Assign(source);
        return this;
    }

    /// <summary>Sets every element to <paramref name="value"/> (torch.Tensor.fill_): a C# number or a one-element tensor.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> has more than one element.</exception>
    /// <example><c>X.Fill(0)</c></example>
    public Tensor Fill(Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Rank != 0)
            throw new ArgumentException($"fill_ only supports 0-dimension value tensor but got tensor with {value.Rank} dimensions.");
        return CopyFrom(value);
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
            source = source.Clone();
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
