namespace Nabla.Tests;

/// <summary>
/// Every differentiable op against central finite differences in Float64 (Autograd.GradCheck):
/// random shapes from fixed seeds, broadcasting pairs, non-contiguous leaves (transposed and
/// step-sliced views) and expanded operands, dim/keepDim variants of reductions. Inputs are kept
/// away from the points where an op is not differentiable (ties, zeros of abs/relu, integers of
/// floor, the bounds of clamp), where finite differences mean nothing.
/// </summary>
public class GradCheckTests
{
    private enum Kind { Contiguous, Transposed, StepSliced }

    private static readonly Kind[] Kinds = [Kind.Contiguous, Kind.Transposed, Kind.StepSliced];

    /// <summary>Float64 values drawn uniformly from [low, high) until <paramref name="accept"/> holds.</summary>
    private static Tensor Values(Random rng, long[] shape, double low = -2, double high = 2, Func<double, bool>? accept = null)
    {
        long n = shape.Aggregate(1L, (a, b) => a * b);
        var data = new double[n];
        for (long i = 0; i < n; i++)
        {
            double v;
            do v = low + (high - low) * rng.NextDouble(); while (accept is not null && !accept(v));
            data[i] = v;
        }
        return Tensor.From<double>(data, shape);
    }

    /// <summary>A leaf that requires grad with the given values and shape, laid out as <paramref name="kind"/> says.</summary>
    private static Tensor Leaf(Random rng, long[] shape, Kind kind = Kind.Contiguous, double low = -2, double high = 2, Func<double, bool>? accept = null)
    {
        var t = kind switch
        {
            Kind.Transposed when shape.Length >= 2 =>
                Values(rng, [.. shape[..^2], shape[^1], shape[^2]], low, high, accept).Transpose(-1, -2),
            Kind.StepSliced when shape.Length >= 1 =>
                Values(rng, [.. shape[..^1], shape[^1] * 2], low, high, accept)[TensorIndex.Ellipsis, TensorIndex.Slice(null, null, 2)],
            _ => Values(rng, shape, low, high, accept),
        };
        Assert.Equal(shape, t.Shape.ToArray());
        if (kind != Kind.Contiguous && shape.Length >= 2 && shape[^1] > 1 && shape[^2] > 1) Assert.False(t.IsContiguous);
        t.RequiresGrad = true;
        return t;
    }

    private static Tensor Leaf(Tensor values)
    {
        values.RequiresGrad = true;
        return values;
    }

    private static long[] RandomShape(Random rng, int minRank = 1, int maxRank = 3)
    {
        int rank = rng.Next(minRank, maxRank + 1);
        return Enumerable.Range(0, rank).Select(_ => (long)rng.Next(1, 4)).ToArray();
    }

    private static void Check(Func<Tensor[], Tensor> f, params Tensor[] inputs) => Assert.True(Autograd.GradCheck(f, inputs));

    private static void Check(Func<Tensor, Tensor> f, Tensor input) => Assert.True(Autograd.GradCheck(f, input));

    private static double Frac(double v) => v - Math.Floor(v);

    // ------------------------------------------------------------------ elementwise, one input

    private static readonly Dictionary<string, (Func<Tensor, Tensor> F, double Low, double High, Func<double, bool>? Accept)> UnaryOps = new()
    {
        ["neg"] = (t => -t, -2, 2, null),
        ["abs"] = (t => t.Abs(), -2, 2, v => Math.Abs(v) > 0.05),
        ["sign"] = (t => t.Sign(), -2, 2, v => Math.Abs(v) > 0.05),
        ["exp"] = (t => t.Exp(), -2, 2, null),
        ["expm1"] = (t => t.Expm1(), -2, 2, null),
        ["log"] = (t => t.Log(), 0.3, 3, null),
        ["log1p"] = (t => t.Log1p(), -0.6, 3, null),
        ["sqrt"] = (t => t.Sqrt(), 0.3, 3, null),
        ["rsqrt"] = (t => t.Rsqrt(), 0.3, 3, null),
        ["sin"] = (t => t.Sin(), -3, 3, null),
        ["cos"] = (t => t.Cos(), -3, 3, null),
        ["tan"] = (t => t.Tan(), -1.2, 1.2, null),
        ["tanh"] = (t => t.Tanh(), -2, 2, null),
        ["sigmoid"] = (t => t.Sigmoid(), -3, 3, null),
        ["relu"] = (t => t.Relu(), -2, 2, v => Math.Abs(v) > 0.05),
        ["floor"] = (t => t.Floor(), -3, 3, v => Frac(v) is > 0.05 and < 0.95),
        ["ceil"] = (t => t.Ceil(), -3, 3, v => Frac(v) is > 0.05 and < 0.95),
        ["round"] = (t => t.Round(), -3, 3, v => Math.Abs(Frac(v) - 0.5) > 0.05),
        ["reciprocal"] = (t => t.Reciprocal(), -2, 2, v => Math.Abs(v) > 0.3),
        ["square"] = (t => t.Square(), -2, 2, null),
        ["pow_scalar"] = (t => t.Pow(2.5), 0.3, 2, null),
        ["pow_int_scalar"] = (t => t.Pow(3), -2, 2, null),
        ["pow_negative_scalar"] = (t => t.Pow(-1.5), 0.3, 2, null),
        ["scalar_pow"] = (t => Tensor.Pow(2.0, t), -2, 2, null),
        ["clamp_scalars"] = (t => t.Clamp(-0.5, 0.5), -1, 1, v => Math.Abs(Math.Abs(v) - 0.5) > 0.05),
        ["clamp_min"] = (t => t.Clamp(min: 0.25), -1, 1, v => Math.Abs(v - 0.25) > 0.05),
        ["clamp_max"] = (t => t.Clamp(max: -0.25), -1, 1, v => Math.Abs(v + 0.25) > 0.05),
        ["nan_to_num"] = (t => Tensor.NanToNum(t), -2, 2, null),
        ["scalar_ops"] = (t => (1.5 - t) * 2 / (3.0 + t * t) % 0.75 + 2, -2, 2, null),
        ["to_float64"] = (t => t.To(DType.Float64) * 2, -2, 2, null),
    };

    public static TheoryData<string> UnaryNames => [.. UnaryOps.Keys];

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void UnaryOp(string op)
    {
        var (f, low, high, accept) = UnaryOps[op];
        var rng = new Random(UnaryOps.Keys.ToList().IndexOf(op) + 100);
        foreach (var kind in Kinds)
            Check(f, Leaf(rng, RandomShape(rng, minRank: 2), kind, low, high, accept));
        Check(f, Leaf(rng, [], Kind.Contiguous, low, high, accept));                                   // 0-d
        Check(t => f(t.Expand(3, 2, 4)), Leaf(rng, [2, 1], Kind.Contiguous, low, high, accept));      // expanded operand
    }

    [Fact]
    public void NanToNumPassesGradientOnlyToFiniteElements()
    {
        var x = Leaf(Tensor.From(new[] { 1.5, double.NaN, double.PositiveInfinity, -0.5, double.NegativeInfinity }));
        Check(t => Tensor.NanToNum(t, nan: 1, posInf: 2, negInf: -2) * 3, x);
        Assert.Equal([3.0, 0, 0, 3, 0], Autograd.Grad([Tensor.NanToNum(x).Sum() * 3], [x])[0].ToArray<double>());
    }

    [Fact]
    public void ToFloat32AndBackIsDifferentiable()
    {
        // Float32 rounding would swamp a 1e-6 step: a linear function and a wide step keep the check exact enough.
        var x = Leaf(Values(new Random(5), [3, 2]));
        Assert.True(Autograd.GradCheck(t => t.To(DType.Float32).To(DType.Float64) * 3, x, eps: 1e-2));
    }

    // ------------------------------------------------------------------ elementwise, two inputs

    private static readonly long[][][] BroadcastPairs =
    [
        [[3, 4], [3, 4]], [[3, 4], [4]], [[3, 1], [1, 4]], [[2, 1, 3], [4, 1]], [[], [3]], [[2, 3], []], [[4], [2, 3, 1]],
    ];

    private static readonly Dictionary<string, (Func<Tensor, Tensor, Tensor> F, double Low, double High, double LowB, double HighB)> BinaryOps = new()
    {
        ["add"] = ((a, b) => a + b, -2, 2, -2, 2),
        ["sub"] = ((a, b) => a - b, -2, 2, -2, 2),
        ["mul"] = ((a, b) => a * b, -2, 2, -2, 2),
        ["div"] = ((a, b) => a / b, -2, 2, 0.3, 2),
        ["remainder"] = ((a, b) => a % b, -3, 3, 0.5, 2),
        ["pow"] = ((a, b) => Tensor.Pow(a, b), 0.3, 2, -2, 2),
        ["maximum"] = ((a, b) => Tensor.Maximum(a, b), -2, 2, -2, 2),
        ["minimum"] = ((a, b) => Tensor.Minimum(a, b), -2, 2, -2, 2),
        ["atan2"] = ((a, b) => Tensor.Atan2(a, b), 0.2, 2, -2, 2),
    };

    public static TheoryData<string> BinaryNames => [.. BinaryOps.Keys];

    /// <summary>False where finite differences would cross a kink: a tie of maximum/minimum, a jump of remainder.</summary>
    private static bool Smooth(string op, Tensor a, Tensor b)
    {
        using var _ = Autograd.NoGrad();
        return op switch
        {
            "maximum" or "minimum" => (bool)((a - b).Abs() > 1e-3).All(),
            "remainder" => (bool)(((a / b) - (a / b).Floor() - 0.5).Abs() < 0.4999).All(),
            _ => true,
        };
    }

    [Theory]
    [MemberData(nameof(BinaryNames))]
    public void BinaryOp(string op)
    {
        var (f, low, high, lowB, highB) = BinaryOps[op];
        var rng = new Random(BinaryOps.Keys.ToList().IndexOf(op) + 200);
        // Each check: two leaves and how they become the operands (a view, an expansion, or as they are).
        var checks = new List<(Tensor A, Tensor B, Func<Tensor, Tensor> OperandA, Func<Tensor, Tensor> OperandB)>();
        Func<Tensor, Tensor> same = t => t;
        foreach (var pair in BroadcastPairs)
            checks.Add((Leaf(rng, pair[0], Kind.Contiguous, low, high), Leaf(rng, pair[1], Kind.Contiguous, lowB, highB), same, same));
        // Non-contiguous leaves, an expanded operand, and a random broadcastable pair.
        checks.Add((Leaf(rng, [3, 4], Kind.Transposed, low, high), Leaf(rng, [3, 4], Kind.StepSliced, lowB, highB), same, same));
        checks.Add((Leaf(rng, [2, 3], Kind.StepSliced, low, high), Leaf(rng, [3, 2], Kind.Transposed, lowB, highB), same, t => t.T));
        checks.Add((Leaf(rng, [1, 3], Kind.Contiguous, low, high), Leaf(rng, [2, 3], Kind.Contiguous, lowB, highB), t => t.Expand(2, 3), same));
        var shape = RandomShape(rng, minRank: 2);
        var other = shape.Select(s => rng.Next(2) == 0 ? 1L : s).Skip(rng.Next(shape.Length)).ToArray();
        checks.Add((Leaf(rng, shape, Kind.Transposed, low, high), Leaf(rng, other, Kind.Contiguous, lowB, highB), same, same));
        checks.Add((Leaf(rng, other, Kind.StepSliced, low, high), Leaf(rng, shape, Kind.Contiguous, lowB, highB), same, same));

        foreach (var (a, b, operandA, operandB) in checks)
        {
            // The seeds are fixed: a pair too close to a kink would be a bad seed, not a flaky test.
            Assert.True(Smooth(op, operandA(a), operandB(b)), $"{op}: operands of shapes {a.Shape} and {b.Shape} lie on a kink");
            Check(x => f(operandA(x[0]), operandB(x[1])), a, b);
        }
    }

    [Fact]
    public void PowWithNegativeBaseAndIntegerExponent() =>
        Check(t => t.Pow(3) + t.Pow(2), Leaf(Values(new Random(7), [5], -2, -0.2)));

    [Fact]
    public void MixedDtypeOperandsGiveFloat64Gradients()
    {
        // An integer operand promotes; the gradient comes back in the leaf's own dtype.
        var x = Leaf(Values(new Random(8), [2, 3]));
        Check(t => t * Tensor.From(new long[] { 1, -2, 3 }) + Tensor.From(new[] { 0.5f, 1.5f, 2f }) / (t * t + 1), x);
    }

    [Fact]
    public void ClampWithTensorBounds()
    {
        var rng = new Random(9);
        var lo = Leaf(Values(rng, [4], -1, -0.2));
        var hi = Leaf(Values(rng, [3, 1], 0.2, 1));
        var x = Leaf(Values(rng, [3, 4], -1.5, 1.5));
        using (Autograd.NoGrad())
            Assert.True((bool)(((x - lo).Abs() > 0.02) & ((x - hi).Abs() > 0.02)).All());
        Check(t => Tensor.Clamp(t[0], t[1], t[2]), x, lo, hi);
        Check(t => Tensor.Clamp(t[0], min: t[1]), x, lo);
        Check(t => Tensor.Clamp(t[0], max: t[1]), x, hi);
    }

    [Fact]
    public void WhereWithBroadcasting()
    {
        var rng = new Random(10);
        var condition = Values(rng, [3, 1]) > 0;
        var mask = Values(rng, [3, 4]) > 0;
        Check(t => Tensor.Where(condition, t[0], t[1]), Leaf(rng, [4], Kind.Contiguous), Leaf(rng, [3, 4], Kind.Transposed));
        Check(t => Tensor.Where(mask, t[0], 0.0) * t[1], Leaf(rng, [3, 4], Kind.StepSliced), Leaf(rng, [3, 1]));
    }

    // ------------------------------------------------------------------ reductions

    private static readonly Dictionary<string, Func<Tensor, Tensor>[]> Reductions = new()
    {
        ["sum"] = [t => t.Sum(), t => t.Sum(0), t => t.Sum(-1, keepDim: true), t => t.Sum([0, 2]), t => t.Sum([-1, 0], keepDim: true)],
        ["mean"] = [t => t.Mean(), t => t.Mean(1), t => t.Mean(-1, keepDim: true), t => t.Mean([0, 1]), t => t.Mean([2, 0], keepDim: true)],
        ["prod"] = [t => t.Prod(), t => t.Prod(1), t => t.Prod(-1, keepDim: true), t => t.Prod(0)],
        ["max"] = [t => t.Max(), t => t.Max(1).Values, t => t.Max(-1, keepDim: true).Values, t => t.Max(0).Values * 2],
        ["min"] = [t => t.Min(), t => t.Min(2).Values, t => t.Min(0, keepDim: true).Values],
        ["amax"] = [t => t.Amax([1]), t => t.Amax([0, 2], keepDim: true), t => t.Amax([-1])],
        ["amin"] = [t => t.Amin([0]), t => t.Amin([1, 2]), t => t.Amin([-2], keepDim: true)],
        ["var"] = [t => t.Var(), t => t.Var(1), t => t.Var(-1, keepDim: true, correction: 0), t => t.Var([0, 1], correction: 2)],
        ["std"] = [t => t.Std(), t => t.Std(0), t => t.Std(-1, keepDim: true, correction: 0), t => t.Std([1, 2], keepDim: true)],
        ["logsumexp"] = [t => t.LogSumExp(1), t => t.LogSumExp(-1, keepDim: true), t => t.LogSumExp([0, 2])],
        ["softmax"] = [t => t.Softmax(0), t => t.Softmax(1), t => t.Softmax(-1)],
        ["log_softmax"] = [t => t.LogSoftmax(0), t => t.LogSoftmax(1), t => t.LogSoftmax(-1)],
        ["cumsum"] = [t => t.Cumsum(0), t => t.Cumsum(1), t => t.Cumsum(-1)],
        ["cumprod"] = [t => t.Cumprod(0), t => t.Cumprod(1), t => t.Cumprod(-1)],
        ["nansum"] = [t => t.NanSum(), t => t.NanSum(1), t => t.NanSum(-1, keepDim: true)],
        ["nanmean"] = [t => t.NanMean(), t => t.NanMean(0), t => t.NanMean(-1, keepDim: true)],
    };

    public static TheoryData<string> ReductionNames => [.. Reductions.Keys];

    /// <summary>Values at least 0.05 apart, so that no max/min ties within a finite-difference step.</summary>
    private static Tensor Distinct(Random rng, long[] shape, Kind kind)
    {
        var t = Leaf(rng, shape, kind);
        long n = t.Numel;
        var order = Enumerable.Range(0, (int)n).OrderBy(_ => rng.Next()).ToArray();
        using (Autograd.NoGrad())
        {
            var flat = t.Detach();
            var values = order.Select(i => -2 + 0.1 * i + 0.02 * rng.NextDouble()).ToArray();
            flat.CopyFrom(Tensor.From<double>(values, shape));
        }
        return t;
    }

    [Theory]
    [MemberData(nameof(ReductionNames))]
    public void Reduction(string op)
    {
        var rng = new Random(Reductions.Keys.ToList().IndexOf(op) + 300);
        foreach (var f in Reductions[op])
        {
            foreach (var kind in Kinds)
            {
                long[] shape = [rng.Next(2, 4), rng.Next(2, 4), rng.Next(1, 4)];
                Check(f, Distinct(rng, shape, kind));
            }
        }
        if (op is "sum" or "mean" or "prod" or "max" or "min" or "var" or "std" or "nansum" or "nanmean")
            Check(Reductions[op][0], Distinct(rng, [5], Kind.Contiguous));   // a vector
        if (op is "sum" or "mean" or "prod" or "max" or "min")
            Check(Reductions[op][0], Leaf(rng, [], Kind.Contiguous));        // a 0-d tensor
    }

    [Fact]
    public void ProdAndCumprodThroughZeros()
    {
        // Products are polynomials: finite differences are exact even where elements are zero.
        var one = Leaf(Tensor.From(new[,] { { 2.0, 0.0, 3.0 }, { 1.5, -1.0, 0.5 } }));
        var two = Leaf(Tensor.From(new[,] { { 0.0, 2.0, 0.0 }, { 0.0, 0.0, 0.0 } }));
        foreach (var t in new[] { one, two })
        {
            Check(x => x.Prod(), t);
            Check(x => x.Prod(1), t);
            Check(x => x.Prod(0, keepDim: true), t);
            Check(x => x.Cumprod(1), t);
            Check(x => x.Cumprod(0), t);
        }
    }

    [Fact]
    public void NanReductionsIgnoreNaN()
    {
        var x = Leaf(Tensor.From(new[,] { { 1.0, double.NaN, 2.5 }, { double.NaN, -3.0, 0.5 } }));
        Check(t => t.NanSum(), x);
        Check(t => t.NanMean(1), x);
        Check(t => t.NanMean(0, keepDim: true), x);
    }

    [Fact]
    public void SoftmaxOfLargeValues() =>
        Check(t => t.Softmax(1) + t.LogSoftmax(1) + t.LogSumExp(1, keepDim: true), Leaf(Tensor.From(new[,] { { 1000.0, 1001.0, 999.5 }, { -1000.0, -1002.0, -1001.0 } })));

    // ------------------------------------------------------------------ views, indexing, joining

    private static readonly Dictionary<string, Func<Tensor, Tensor>> ViewOps = new()
    {
        ["reshape"] = t => t.Reshape(4, -1) * 2,
        ["view"] = t => t.Contiguous().View(2, 6).Exp(),
        ["transpose"] = t => t.Transpose(0, 2).Sin(),
        ["permute"] = t => t.Permute(2, 0, 1).Sin(),
        ["T"] = t => t.T.Exp(),
        ["squeeze"] = t => t.Unsqueeze(1).Squeeze().Exp(),
        ["squeeze_dim"] = t => t.Unsqueeze(0).Squeeze(0).Exp(),
        ["unsqueeze"] = t => t.Unsqueeze(-1) * t.Unsqueeze(-2),
        ["expand"] = t => t.Narrow(2, 0, 1).Expand(2, 2, 3, 4) * 2,
        ["expand_as"] = t => t.Narrow(0, 0, 1).ExpandAs(t) * t,
        ["flatten"] = t => t.Flatten(1).Sin(),
        ["narrow"] = t => t.Narrow(1, 1, 2).Exp(),
        ["clone"] = t => t.Clone() * t,
        ["contiguous"] = t => t.Contiguous().Exp(),
        ["index_int"] = t => t[1].Exp(),
        ["index_negative"] = t => t[-1, .., 1..].Exp(),
        ["index_step"] = t => t[TensorIndex.Ellipsis, TensorIndex.Slice(null, null, 2)].Sin(),
        ["index_newaxis"] = t => t[TensorIndex.NewAxis, 0] * 3,
        ["index_tensor"] = t => t[Tensor.From(new long[] { 1, 0, 1, 1 })].Sin(),   // repeated indices accumulate
        ["index_tensor_2d"] = t => t[.., Tensor.From(new long[,] { { 2, 0 }, { 1, 2 } })].Exp(),
        ["index_mask"] = t => t[t.Detach() > 0].Exp(),
        ["index_0d_tensor"] = t => t[Tensor.Scalar(1L)].Exp(),
    };

    public static TheoryData<string> ViewNames => [.. ViewOps.Keys];

    [Theory]
    [MemberData(nameof(ViewNames))]
    public void ViewOrIndexOp(string op)
    {
        var rng = new Random(ViewOps.Keys.ToList().IndexOf(op) + 400);
        foreach (var kind in Kinds) Check(ViewOps[op], Leaf(rng, [2, 3, 2], kind));
    }

    [Fact]
    public void IndexAssignmentGradientsFlowToBaseAndValue()
    {
        var rng = new Random(11);
        var x = Leaf(rng, [3, 4], Kind.Transposed);
        var v = Leaf(rng, [4]);
        var s = Leaf(rng, []);
        Check(t => { var z = t[0] * 2; z[1] = t[1]; return z.Exp(); }, x, v);
        Check(t => { var z = t[0].Sin(); z[.., 1..3] = t[1]; return z; }, x, s);
        Check(t => { var z = t[0] * t[0]; z[TensorIndex.Slice(null, null, 2)] = t[1] * 3; return z; }, x, v);
        Check(t => { var z = t[0] * 1.5; z[Tensor.From(new long[] { 2, 0 })] = t[1]; return z; }, x, v);
        Check(t => { var z = t[0].Sin(); z[z.Detach() > 0] = t[1]; return z; }, x, s);
        Check(t => { var z = t[0] + 0; z[0, 1] = t[1] * t[1]; z[1] = z[0] * 3; return z; }, x, s);
    }

    [Fact]
    public void CatStackSplitChunk()
    {
        var rng = new Random(12);
        var a = Leaf(rng, [2, 3], Kind.Transposed);
        var b = Leaf(rng, [1, 3]);
        var c = Leaf(rng, [3, 3], Kind.StepSliced);
        Check(t => Tensor.Cat(t, dim: 0).Sin(), a, b, c);
        Check(t => Tensor.Cat([t[0].T, t[1].T], dim: -1).Exp(), a, b);
        Check(t => Tensor.Stack([t[0], t[1][..2], t[0] * t[0]], dim: 1), a, c);
        Check(t => Tensor.Stack([t[0], t[1]], dim: 0).Exp(), a, c[..2]);
        var x = Leaf(rng, [5, 4], Kind.Transposed);
        Check(t => { var p = t.Split(2, dim: 0); return Tensor.Cat([p[2], p[0].Exp()], dim: 0); }, x);  // p[1] unused
        Check(t => { var p = t.Split([1L, 3L], dim: 1); return (p[0] * p[1]).Sum(1); }, x);
        Check(t => { var p = t.Chunk(3, dim: 0); return Tensor.Stack([p[0].Sum(), p[1].Prod(), p[2].Square().Sum()]); }, x);
    }

    // ------------------------------------------------------------------ compositions and higher order

    [Fact]
    public void CompositionsWithSharedSubexpressions()
    {
        var rng = new Random(13);
        var x = Leaf(rng, [3, 4], Kind.Transposed);
        var w = Leaf(rng, [4]);
        Check(t => { var y = t[0] * t[1]; return (y.Exp() * y + y.Softmax(1)).Mean(0) / (t[1].Square().Sum() + 1); }, x, w);
        Check(t => t + t * t + t.Exp() * t, x);   // the same tensor on several paths
    }

    private static Tensor FirstDerivative(Func<Tensor, Tensor> f, Tensor t) => Autograd.Grad([f(t).Sum()], [t], createGraph: true)[0];

    private static readonly Dictionary<string, Func<Tensor, Tensor>> SecondOrder = new()
    {
        ["exp"] = t => t.Exp() * t, ["log"] = t => (t * t + 1).Log(), ["sin"] = t => t.Sin() * t.Cos(),
        ["tanh"] = t => t.Tanh().Square(), ["sigmoid"] = t => t.Sigmoid() * t, ["pow_scalar"] = t => (t * t + 1).Pow(1.5),
        ["pow"] = t => Tensor.Pow(t * t + 1, t), ["div"] = t => t / (t * t + 1), ["softmax"] = t => t.Softmax(1) * t,
        ["logsumexp"] = t => t.LogSumExp(0), ["prod"] = t => t.Prod(1), ["cumprod"] = t => t.Cumprod(1) * t,
        ["std"] = t => t.Std(1), ["sqrt"] = t => (t * t + 1).Sqrt(), ["atan2"] = t => Tensor.Atan2(t, t * t + 1),
        ["index"] = t => t[.., 1..].Exp() * t[0, ..2],
    };

    public static TheoryData<string> SecondOrderNames => [.. SecondOrder.Keys];

    /// <summary>gradgradcheck: the first derivative, built with createGraph, is itself checked against finite differences.</summary>
    [Theory]
    [MemberData(nameof(SecondOrderNames))]
    public void SecondDerivative(string op)
    {
        var f = SecondOrder[op];
        var x = Leaf(new Random(SecondOrder.Keys.ToList().IndexOf(op) + 500), [2, 3], Kind.Transposed);
        Check(t => FirstDerivative(f, t), x);
    }

    // ------------------------------------------------------------------ user-defined functions

    /// <summary>x³ with a hand-written backward (3x²·g) made of tensor ops, so it can be differentiated again.</summary>
    private sealed class Cube : Function
    {
        protected override Tensor Forward(FunctionContext context, Tensor[] inputs)
        {
            context.SaveForBackward(inputs[0]);
            return inputs[0] * inputs[0] * inputs[0];
        }

        protected override Tensor?[] Backward(FunctionContext context, Tensor gradOutput) =>
            [3 * context.SavedTensors[0].Square() * gradOutput];
    }

    /// <summary>a·exp(b) of two inputs (broadcasting), the second gradient summed back by the engine.</summary>
    private sealed class ScaledExp : Function
    {
        protected override Tensor Forward(FunctionContext context, Tensor[] inputs)
        {
            var e = inputs[1].Exp();
            context.SaveForBackward(inputs[0], e);
            return inputs[0] * e;
        }

        protected override Tensor?[] Backward(FunctionContext context, Tensor gradOutput)
        {
            var (a, e) = (context.SavedTensors[0], context.SavedTensors[1]);
            return [gradOutput * e, gradOutput * a * e];
        }
    }

    [Fact]
    public void UserDefinedFunction()
    {
        var rng = new Random(14);
        var x = Leaf(rng, [3, 2], Kind.Transposed);
        Check((Tensor t) => new Cube().Apply(t), x);
        Check(t => new Cube().Apply(t.Sin()) * t, x);
        Check(t => FirstDerivative(u => new Cube().Apply(u), t), x);   // its backward is differentiable too
        Assert.Equal("CubeBackward", new Cube().Apply(x).GradFn!.Name);
        Check((Tensor[] t) => new ScaledExp().Apply(t[0], t[1]), Leaf(rng, [2, 3]), Leaf(rng, [3]));
    }

    /// <summary>x² with a wrong backward (the factor 2 is missing).</summary>
    private sealed class WrongSquare : Function
    {
        protected override Tensor Forward(FunctionContext context, Tensor[] inputs)
        {
            context.SaveForBackward(inputs[0]);
            return inputs[0] * inputs[0];
        }

        protected override Tensor?[] Backward(FunctionContext context, Tensor gradOutput) => [gradOutput * context.SavedTensors[0]];
    }

    [Fact]
    public void GradCheckDetectsAWrongGradient()
    {
        var x = Leaf(Values(new Random(16), [3], 0.5, 2));
        Assert.False(Autograd.GradCheck(t => new WrongSquare().Apply(t), x, raiseException: false));
        Assert.Contains("Jacobian mismatch", Assert.Throws<InvalidOperationException>(() => Autograd.GradCheck(t => new WrongSquare().Apply(t), x)).Message);
        Assert.Throws<ArgumentException>(() => Autograd.GradCheck(t => t * 2, Tensor.Ones([2], DType.Float32, requiresGrad: true)));
    }

    /// <summary>A backward that returns the given gradients, whatever the input.</summary>
    private sealed class Returning(params Tensor?[] gradients) : Function
    {
        protected override Tensor Forward(FunctionContext context, Tensor[] inputs) => inputs.Aggregate((a, b) => a + b);

        protected override Tensor?[] Backward(FunctionContext context, Tensor gradOutput) => gradients;
    }

    [Fact]
    public void UserDefinedFunctionReturningWrongGradientsFailsAsPyTorch()
    {
        var x = Leaf(Values(new Random(15), [4]));
        var e = Assert.Throws<InvalidOperationException>(() => new Returning(Tensor.OnesLike(x)).Apply(x, x * 2).Sum().Backward());
        Assert.Contains("function ReturningBackward returned an incorrect number of gradients (expected 2, got 1)", e.Message);
        e = Assert.Throws<InvalidOperationException>(() => new Returning(Tensor.Ones([3], DType.Float64)).Apply(x).Sum().Backward());
        Assert.Contains("Function ReturningBackward returned an invalid gradient at index 0 - got [3] but expected shape compatible with [4]", e.Message);
        new Returning(Tensor.Ones([2, 4], DType.Float64)).Apply(x).Sum().Backward();   // broadcastable: summed back, as PyTorch
        Assert.Equal([2.0, 2, 2, 2], x.Grad!.ToArray<double>());
    }
}
