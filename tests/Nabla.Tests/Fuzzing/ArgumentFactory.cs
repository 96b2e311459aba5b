using System.Reflection;
using Nabla.Distributions;

namespace Nabla.Tests.Fuzzing;

/// <summary>
/// Random arguments for a parameter type, biased toward the edges: 0-d, empty and size-1 shapes,
/// huge and negative sizes, dims out of range, every dtype, NaN and infinities, nulls, random
/// <see cref="TensorIndex"/> mixes, non-contiguous tensors. Tensors stay small (at most 64
/// elements) so a call that succeeds is cheap; hostility comes from the scalar arguments.
/// </summary>
internal sealed class ArgumentFactory(Random rng)
{
    private static readonly DType[] DTypes = Enum.GetValues<DType>();
    private static readonly long[] HugeLongs = [1L << 40, 1L << 50, 1L << 62, long.MaxValue, long.MinValue, -(1L << 40)];
    private static readonly double[] SpecialDoubles = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 1e300, -1e300, double.Epsilon, 1e-320, 1.0, 0.5];
    private static readonly string[] Strings = ["fro", "nuc", "mean", "sum", "none", "", "xyz", "ij", "ii", "ij,jk->ik", "i,i->", "...ij->...ji", "ij->", "bij,bjk->bik", "i->i", "->", "iii", "ab,ab->a"];
    private static readonly Type[] ElementTypes = [typeof(bool), typeof(byte), typeof(int), typeof(long), typeof(float), typeof(double), typeof(short), typeof(char)];

    public Random Rng => rng;

    private bool Chance(double p) => rng.NextDouble() < p;

    public long SmallLong() => rng.Next(-3, 6);

    public long AnyLong() => Chance(0.08) ? HugeLongs[rng.Next(HugeLongs.Length)] : SmallLong();

    public double AnyDouble() => Chance(0.25) ? SpecialDoubles[rng.Next(SpecialDoubles.Length)] : Math.Round(rng.NextDouble() * 6 - 2, 2);

    public DType AnyDType() => Chance(0.03) ? (DType)77 : DTypes[rng.Next(DTypes.Length)];

    /// <summary>A shape: usually small and valid, sometimes negative, huge, or overflowing.</summary>
    public long[] Shape(int maxRank = 4)
    {
        int rank = rng.Next(0, maxRank + 1);
        var s = new long[rank];
        for (int i = 0; i < rank; i++) s[i] = Chance(0.05) ? AnyLong() : rng.Next(0, 4);
        return s;
    }

    private static long Numel(long[] shape)
    {
        long n = 1;
        foreach (var d in shape) n = d <= 0 ? 0 : Math.Min(n * d, 1L << 20);
        return n;
    }

    /// <summary>A small tensor of any dtype, possibly non-contiguous, possibly requiring grad.</summary>
    public Tensor MakeTensor(DType? dtype = null, long[]? shape = null)
    {
        var dt = dtype ?? DTypes[rng.Next(DTypes.Length)];
        if (shape is null)
        {
            int rank = rng.Next(0, 5);
            shape = new long[rank];
            for (int i = 0; i < rank; i++) shape[i] = Chance(0.1) ? 0 : rng.Next(1, 5);
            while (Numel(shape) > 64) shape[rng.Next(rank)] = 1;
        }
        var values = new double[Numel(shape)];
        for (int i = 0; i < values.Length; i++)
            values[i] = dt switch
            {
                DType.Bool => rng.Next(2),
                DType.UInt8 => rng.Next(0, 8),
                DType.Int32 or DType.Int64 => rng.Next(-4, 9),
                _ => Chance(0.05) ? SpecialDoubles[rng.Next(SpecialDoubles.Length)] : Math.Round(rng.NextDouble() * 4 - 1, 3),
            };
        var t = Nabla.Tensor.From(values, shape).To(dt);
        if (shape.Length >= 2 && Chance(0.2)) t = t.Transpose(0, shape.Length - 1).Contiguous().Transpose(0, shape.Length - 1);
        else if (shape.Length >= 1 && shape[0] == 1 && Chance(0.2)) t = t.Expand([3, .. shape[1..]]);
        if (dt is DType.Float32 or DType.Float64 && Chance(0.3)) t.RequiresGrad = true;
        return t;
    }

    public TensorIndex Index(Tensor? like)
    {
        switch (rng.Next(7))
        {
            case 0: return Chance(0.1) ? (TensorIndex)AnyLong() : (TensorIndex)SmallLong();
            case 1: return Chance(0.5) ? new Range(rng.Next(0, 3), ^rng.Next(0, 2)) : ..^rng.Next(0, 3);
            case 2: return TensorIndex.Slice(Chance(0.5) ? SmallLong() : null, Chance(0.5) ? AnyLong() : null, Chance(0.9) ? rng.Next(1, 4) : AnyLong());
            case 3: return TensorIndex.NewAxis;
            case 4: return TensorIndex.Ellipsis;
            case 5: return like is not null && Chance(0.5) ? like.Shape.Rank > 0 && Chance(0.5) ? like > 0 : MakeTensor(DType.Bool) : MakeTensor(DType.Bool);
            default: return MakeTensor(Chance(0.8) ? DType.Int64 : AnyDType());
        }
    }

    public TensorIndex[] Indices(Tensor? like)
    {
        var a = new TensorIndex[rng.Next(0, 4)];
        for (int i = 0; i < a.Length; i++) a[i] = Index(like);
        return a;
    }

    /// <summary>A value for a parameter, or null when the type is not supported.</summary>
    public bool TryMake(ParameterInfo p, Tensor? receiver, out object? value)
    {
        value = null;
        if (p.HasDefaultValue && Chance(0.35)) { value = p.DefaultValue is null && p.ParameterType.IsValueType && Nullable.GetUnderlyingType(p.ParameterType) is null ? Activator.CreateInstance(p.ParameterType) : p.DefaultValue; return true; }
        var t = Invoker.Supplied(p.ParameterType);
        var under = Nullable.GetUnderlyingType(t);
        if (under is not null) { if (Chance(0.3)) return true; t = under; }
        else if (!t.IsValueType && Chance(0.04)) return true;   // null, allowed or not
        return TryMake(t, receiver, out value);
    }

    public bool TryMake(Type t, Tensor? receiver, out object? value)
    {
        value = null;
        if (t == typeof(Tensor)) value = Chance(0.1) ? Scalar() : Related(receiver ?? Anchor);
        else if (t == typeof(long)) value = AnyLong();
        else if (t == typeof(int)) value = (int)Math.Clamp(AnyLong(), int.MinValue, int.MaxValue);
        else if (t == typeof(double)) value = AnyDouble();
        else if (t == typeof(float)) value = (float)AnyDouble();
        else if (t == typeof(bool)) value = Chance(0.5);
        else if (t == typeof(byte)) value = (byte)rng.Next(256);
        else if (t == typeof(DType)) value = AnyDType();
        else if (t == typeof(string)) value = Strings[rng.Next(Strings.Length)];
        else if (t == typeof(Generator)) value = new Generator((ulong)rng.Next());
        else if (t == typeof(TensorIndex)) value = Index(receiver);
        else if (t == typeof(TensorIndex[])) value = Indices(receiver);
        else if (t == typeof(long[])) value = Chance(0.5) ? Shape() : Enumerable.Range(0, rng.Next(0, 4)).Select(_ => SmallLong()).ToArray();
        else if (t == typeof(int[])) value = Enumerable.Range(0, rng.Next(0, 4)).Select(_ => (int)SmallLong()).ToArray();
        else if (t == typeof(double[])) value = Enumerable.Range(0, rng.Next(0, 5)).Select(_ => AnyDouble()).ToArray();
        else if (t == typeof(Tensor[]) || t == typeof(IEnumerable<Tensor>) || t == typeof(IReadOnlyList<Tensor>) || t == typeof(IList<Tensor>))
        {
            var first = MakeTensor();
            value = Enumerable.Range(0, rng.Next(0, 4)).Select(i => i == 0 ? first : Chance(0.6) ? MakeTensor(shape: [.. first.Shape.Sizes]) : MakeTensor()).ToArray();
        }
        else if (t == typeof(Func<Tensor, Tensor>)) value = (Func<Tensor, Tensor>)(x => (x * x).Sum());
        else if (t == typeof(Func<Tensor[], Tensor>)) value = (Func<Tensor[], Tensor>)(xs => xs.Length == 0 ? Nabla.Tensor.Scalar(0.0) : (xs[0] * xs[0]).Sum());
        else if (t == typeof(Distribution)) value = Chance(0.5) ? new Normal(AnyDouble(), AnyDouble(), validateArgs: false) : new Bernoulli(MakeTensor(DType.Float32));
        else if (t.IsEnum) { var all = Enum.GetValues(t); value = all.GetValue(rng.Next(all.Length)); }
        else if (t.IsArray && t.GetElementType() is { } e && ElementTypes.Contains(e)) value = ArrayOf(e, t.GetArrayRank());
        else return false;
        return true;
    }

    /// <summary>The first tensor of the current call: later tensor arguments often match its shape, so binary ops get past their checks.</summary>
    public Tensor? Anchor { get; set; }

    /// <summary>A tensor related to <paramref name="like"/> (same or reversed shape, same dtype), a square matrix, or any small tensor.</summary>
    private Tensor Related(Tensor? like)
    {
        Tensor made;
        int r = rng.Next(10);
        if (like is not null && r < 5)
        {
            long[] shape = [.. like.Shape.Sizes];
            if (r == 4) Array.Reverse(shape);
            made = MakeTensor(Chance(0.6) ? like.DType : null, shape);
        }
        else if (r < 8)
        {
            long n = rng.Next(1, 5);
            made = MakeTensor(Chance(0.8) ? (Chance(0.5) ? DType.Float32 : DType.Float64) : null, Chance(0.7) ? [n, n] : Chance(0.5) ? [2, n, n] : [n]);
        }
        else made = MakeTensor();
        Anchor ??= made;
        return made;
    }

    /// <summary>A C# scalar as a weak 0-d tensor, the way an implicit conversion makes one.</summary>
    private Tensor Scalar() => rng.Next(3) switch { 0 => (Nabla.Tensor)AnyLong(), 1 => (Nabla.Tensor)AnyDouble(), _ => (Nabla.Tensor)Chance(0.5) };

    private Array ArrayOf(Type element, int rank)
    {
        var lengths = Enumerable.Range(0, rank).Select(_ => rng.Next(0, 4)).ToArray();
        var a = Array.CreateInstance(element, lengths);
        return a;
    }

    public Type ElementType() => ElementTypes[rng.Next(ElementTypes.Length)];

    private static string DescribeIndex(TensorIndex i) => i.Kind switch
    {
        TensorIndex.Kinds.Integer => i.Start.ToString(),
        TensorIndex.Kinds.Slice => $"{i.Start}:{i.Stop}:{i.Step}",
        TensorIndex.Kinds.Tensor => Describe(i.Indices),
        var k => k.ToString(),
    };

    public static string Describe(object? v) => v switch
    {
        null => "null",
        Tensor t => $"Tensor({t.DType}, {t.Shape}{(t.IsContiguous ? "" : ", strided")}{(t.RequiresGrad ? ", grad" : "")})",
        TensorIndex[] ix => "[" + string.Join(", ", ix.Select(DescribeIndex)) + "]",
        TensorIndex i => DescribeIndex(i),
        Tensor[] ts => "[" + string.Join(", ", ts.Select(Describe)) + "]",
        Array a => $"{a.GetType().Name}({string.Join(",", a.Cast<object?>().Take(8).Select(Describe))})",
        double d => d.ToString("R"),
        _ => v.ToString() ?? "?",
    };
}
