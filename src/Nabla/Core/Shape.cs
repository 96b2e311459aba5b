using System.Runtime.CompilerServices;

namespace Nabla;

/// <summary>
/// The sizes of a tensor's dimensions (torch.Size): immutable, with <see cref="long"/> sizes.
/// A rank-0 shape (<c>[]</c>) is the shape of a scalar tensor and has one element.
/// </summary>
[CollectionBuilder(typeof(Shape), nameof(Create))]
public readonly struct Shape : IEquatable<Shape>
{
    private readonly long[]? sizes;

    /// <summary>A shape with the given sizes.</summary>
    /// <exception cref="ArgumentException">A size is negative, or the element count exceeds what one array can hold.</exception>
    public Shape(params ReadOnlySpan<long> sizes)
    {
        long numel = 1;
        foreach (long size in sizes)
        {
            if (size < 0)
                throw new ArgumentException($"Trying to create tensor with negative dimension {size}: {Format(sizes)}.");
            numel = size == 0 || numel == 0 ? 0 : numel > MaxElements / size ? MaxElements + 1 : numel * size;
        }
        if (numel > MaxElements)
            throw new ArgumentException($"The shape {Format(sizes)} has more elements than a tensor can hold ({MaxElements}).");
        this.sizes = sizes.ToArray();
    }

    /// <summary>The largest element count of one tensor: the length limit of a .NET array.</summary>
    public static long MaxElements => Array.MaxLength;

    /// <summary>Builds a shape from a collection expression: <c>Shape s = [2, 3];</c>.</summary>
    public static Shape Create(ReadOnlySpan<long> sizes) => new(sizes);

    /// <summary>The number of dimensions.</summary>
    public int Rank => sizes?.Length ?? 0;

    /// <summary>The size of dimension <paramref name="dim"/> (negative counts from the end).</summary>
    /// <exception cref="IndexOutOfRangeException">The dimension does not exist.</exception>
    public long this[int dim] => Sizes[Dims.Wrap(dim, Rank)];

    /// <summary>The number of elements: the product of the sizes (1 for rank 0).</summary>
    public long Numel
    {
        get
        {
            long n = 1;
            foreach (long s in Sizes) n *= s;
            return n;
        }
    }

    /// <summary>The sizes as a span.</summary>
    public ReadOnlySpan<long> Sizes => sizes;

    /// <summary>A fresh array of the sizes.</summary>
    public long[] ToArray() => Sizes.ToArray();

    /// <summary>Enumerates the sizes (also enables collection expressions and <c>foreach</c>).</summary>
    public ReadOnlySpan<long>.Enumerator GetEnumerator() => Sizes.GetEnumerator();

    /// <summary>The shape written as PyTorch users read it in messages: <c>[3, 4]</c>.</summary>
    public override string ToString() => Format(Sizes);

    internal static string Format(ReadOnlySpan<long> sizes) => "[" + string.Join(", ", sizes.ToArray()) + "]";

    /// <summary>True when both shapes have the same sizes.</summary>
    public bool Equals(Shape other) => Sizes.SequenceEqual(other.Sizes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Shape other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (long s in Sizes) hash.Add(s);
        return hash.ToHashCode();
    }

    /// <summary>True when both shapes have the same sizes.</summary>
    public static bool operator ==(Shape left, Shape right) => left.Equals(right);

    /// <summary>True when the shapes differ.</summary>
    public static bool operator !=(Shape left, Shape right) => !left.Equals(right);

    /// <summary>A shape from an array of sizes.</summary>
    public static implicit operator Shape(long[] sizes) => new(sizes);
}
