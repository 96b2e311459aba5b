namespace Nabla;

/// <summary>
/// One entry of a tensor subscript <c>X[a, b, ...]</c>: an integer (selects and drops a dim), a
/// range (slices, as a view), <see cref="NewAxis"/>, <see cref="Ellipsis"/>, or a tensor (Bool
/// mask or integer indices: advanced indexing, which copies). Converts implicitly from
/// <see cref="int"/>, <see cref="long"/>, <see cref="System.Index"/>, <see cref="System.Range"/> and <see cref="Tensor"/>.
/// </summary>
/// <remarks>
/// Negative integers count from the end as in Python, and so does <c>^k</c>. Ranges clamp to
/// the dimension like Python slices; <see cref="Slice"/> adds a step.
/// </remarks>
public readonly struct TensorIndex
{
    internal enum Kinds { Integer, Slice, NewAxis, Ellipsis, Tensor }

    /// <summary>A position along a dimension, possibly counted from its end.</summary>
    internal readonly record struct Position(long Value, bool FromEnd)
    {
        public static Position Of(long value) => value < 0 ? new(-value, true) : new(value, false);
        public static Position Of(Index index) => new(index.Value, index.IsFromEnd);
        public long Resolve(long size) => FromEnd ? size - Value : Value;
        public override string ToString() => !FromEnd ? $"{Value}" : Value == 0 ? "^0" : $"-{Value}";
    }

    internal Kinds Kind { get; }
    internal Position Start { get; }
    internal Position? Stop { get; }
    internal long Step { get; }
    internal Tensor? Indices { get; }

    private TensorIndex(Kinds kind, Position start = default, Position? stop = null, long step = 1, Tensor? indices = null)
    {
        Kind = kind;
        Start = start;
        Stop = stop;
        Step = step;
        Indices = indices;
    }

    /// <summary>Inserts a size-1 dimension (Python's <c>None</c>).</summary>
    public static TensorIndex NewAxis => new(Kinds.NewAxis);

    /// <summary>Stands for as many full slices as needed (Python's <c>...</c>).</summary>
    public static TensorIndex Ellipsis => new(Kinds.Ellipsis);

    /// <summary>Python's <c>start:stop:step</c>; null bounds mean the ends, negative ones count from the end.</summary>
    /// <exception cref="ArgumentException"><paramref name="step"/> is not positive (PyTorch has no negative steps; use Flip).</exception>
    /// <example><c>X[TensorIndex.Slice(step: 2)]</c> takes every other row.</example>
    public static TensorIndex Slice(long? start = null, long? stop = null, long step = 1)
    {
        if (step <= 0) throw new ArgumentException($"slice step must be positive, got {step}");
        return new(Kinds.Slice, start is { } s ? Position.Of(s) : default, stop is { } e ? Position.Of(e) : null, step);
    }

    /// <summary>Selects one entry and drops the dimension; negative values count from the end.</summary>
    public static implicit operator TensorIndex(long index) => new(Kinds.Integer, Position.Of(index));

    /// <summary>Selects one entry and drops the dimension; negative values count from the end.</summary>
    public static implicit operator TensorIndex(int index) => new(Kinds.Integer, Position.Of((long)index));

    /// <summary>Selects one entry, <c>^1</c> being the last.</summary>
    public static implicit operator TensorIndex(Index index) => new(Kinds.Integer, Position.Of(index));

    /// <summary>A slice: <c>1..3</c>, <c>..2</c>, <c>..</c>, <c>^2..</c>.</summary>
    public static implicit operator TensorIndex(Range range) =>
        new(Kinds.Slice, Position.Of(range.Start), range.End.Equals(Index.End) ? null : Position.Of(range.End));

    /// <summary>Advanced indexing: a Bool mask selects where it is true; an Int64 or Int32 tensor picks entries.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="indices"/> is null.</exception>
    public static implicit operator TensorIndex(Tensor indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return new(Kinds.Tensor, indices: indices);
    }

    /// <summary>How many dimensions of the indexed tensor this entry consumes.</summary>
    internal int ConsumedDims => Kind switch
    {
        Kinds.Integer or Kinds.Slice => 1,
        Kinds.Tensor => IsMask ? Math.Max(Indices!.Rank, 0) : 1,
        _ => 0,
    };

    internal bool IsMask => Indices is { DType: DType.Bool or DType.UInt8 };
}
