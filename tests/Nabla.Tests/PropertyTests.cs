namespace Nabla.Tests;

/// <summary>
/// Random property tests (fixed seed): random shapes (rank 0–4, sizes 0–5, and for binary ops also
/// rows of up to 1000 elements, in tensors up to a few times the size split over threads), dtypes, broadcasting
/// pairs and strided views (transposes, step slices, expands), checked against a reference
/// computed element by element from ToArray&lt;double&gt;() with plain loops. The reference's
/// dtype rule is PyTorch's table for these six dtypes: two operands of the same kind (dimensioned
/// or 0-d) promote to the larger in the order Bool &lt; UInt8 &lt; Int32 &lt; Int64 &lt; Float32 &lt; Float64;
/// a 0-d operand only counts when it is of a higher category (bool &lt; integer &lt; floating).
/// </summary>
public class PropertyTests
{
    private const int Rounds = 150;
    private static readonly DType[] DTypes = [DType.Bool, DType.UInt8, DType.Int32, DType.Int64, DType.Float32, DType.Float64];

    // ------------------------------------------------------------------ random inputs

    private static long[] RandomShape(Random rng, int maxRank = 4)
    {
        var shape = new long[rng.Next(maxRank + 1)];
        for (int d = 0; d < shape.Length; d++) shape[d] = rng.Next(6);
        return shape;
    }

    /// <summary>
    /// A shape of rank 1–3 with one to three times <see cref="StridedLoop.ParallelThreshold"/>
    /// elements, so the loop splits it over threads, and a last dim from short rows (a linear
    /// layer's bias over 10 classes) to long ones.
    /// </summary>
    private static long[] LargeShape(Random rng) => Shape(rng, StridedLoop.ParallelThreshold * (1 + rng.Next(3)) + rng.Next(1000));

    /// <summary>A shape of rank 1–3 with up to 6000 elements: one run for the kernels, with short and long rows to broadcast.</summary>
    private static long[] MediumShape(Random rng) => Shape(rng, 1 + rng.Next(6000));

    private static long[] Shape(Random rng, long total)
    {
        var shape = new long[1 + rng.Next(3)];
        shape[^1] = shape.Length == 1 ? total : Math.Min(total, new long[] { 2, 3, 10, 17, 256, 300, 513, 1000 }[rng.Next(8)]);
        if (shape.Length == 3) shape[1] = 1 + rng.Next(7);
        if (shape.Length > 1) shape[0] = Math.Max(1, total / shape[1..].Aggregate(1L, (p, s) => p * s));
        return shape;
    }

    /// <summary>Small values that are exact in every dtype: bools, 0..11 for UInt8, -9..9 for signed, multiples of 1/8 for floats.</summary>
    private static double RandomValue(Random rng, DType dtype) => dtype switch
    {
        DType.Bool => rng.Next(2),
        DType.UInt8 => rng.Next(12),
        DType.Int32 or DType.Int64 => rng.Next(-9, 10),
        _ => rng.Next(-80, 81) / 8.0,
    };

    /// <summary>
    /// A tensor of <paramref name="shape"/> and <paramref name="dtype"/>, made contiguous or as a
    /// strided view of a larger base: transposed, sliced with step 2, offset, or expanded from size 1.
    /// </summary>
    private static Tensor RandomTensor(Random rng, long[] shape, DType dtype)
    {
        int kind = rng.Next(5);
        int rank = shape.Length;
        if (kind == 1 && rank >= 2)
        {
            int a = rng.Next(rank), b = rng.Next(rank);
            var swapped = (long[])shape.Clone();
            (swapped[a], swapped[b]) = (swapped[b], swapped[a]);
            return Fill(rng, swapped, dtype).Transpose(a, b);
        }
        if (kind == 2 && rank >= 1)
        {
            int d = rng.Next(rank);
            var wide = (long[])shape.Clone();
            wide[d] = 2 * shape[d];
            var index = new TensorIndex[d + 1];
            for (int k = 0; k < d; k++) index[k] = TensorIndex.Slice();
            index[d] = TensorIndex.Slice(step: 2);
            return Fill(rng, wide, dtype)[index];
        }
        if (kind == 3 && rank >= 1)
        {
            var longer = (long[])shape.Clone();
            longer[0] += 1;
            return Fill(rng, longer, dtype)[1..];
        }
        if (kind == 4 && rank >= 1)
        {
            var narrow = (long[])shape.Clone();
            int d = rng.Next(rank);
            narrow[d] = 1;
            return Fill(rng, narrow, dtype).Expand(shape);
        }
        return Fill(rng, shape, dtype);
    }

    private static Tensor Fill(Random rng, long[] shape, DType dtype)
    {
        long n = 1;
        foreach (long s in shape) n *= s;
        var values = new double[n];
        for (int i = 0; i < n; i++) values[i] = RandomValue(rng, dtype);
        return Tensor.From<double>(values, shape).To(dtype);
    }

    /// <summary>Two shapes that broadcast to <paramref name="result"/>: each a suffix of it with some sizes replaced by 1.</summary>
    private static long[] BroadcastOperand(Random rng, long[] result)
    {
        var shape = result[rng.Next(result.Length + 1)..];
        for (int d = 0; d < shape.Length; d++) if (rng.Next(3) == 0) shape[d] = 1;
        return shape;
    }

    private static DType Promote(DType a, DType b) => (DType)Math.Max((int)a, (int)b);

    private static DType ResultType(DType a, long[] sa, DType b, long[] sb)
    {
        if ((sa.Length == 0) == (sb.Length == 0)) return Promote(a, b);
        var (dim, zero) = sa.Length == 0 ? (b, a) : (a, b);
        if (dim.IsFloatingPoint) return dim;
        return dim == DType.Bool || zero.IsFloatingPoint ? Promote(dim, zero) : dim;
    }

    // ------------------------------------------------------------------ reference

    /// <summary>The element of <paramref name="values"/> (row-major, of <paramref name="shape"/>) that broadcasts to <paramref name="index"/> of the result.</summary>
    private static double At(double[] values, long[] shape, long[] index)
    {
        long flat = 0;
        int lead = index.Length - shape.Length;
        for (int d = 0; d < shape.Length; d++) flat = flat * shape[d] + (shape[d] == 1 ? 0 : index[lead + d]);
        return values[flat];
    }

    private static IEnumerable<long[]> Indices(long[] shape)
    {
        long n = 1;
        foreach (long s in shape) n *= s;
        var index = new long[shape.Length];
        for (long i = 0; i < n; i++)
        {
            yield return index;
            for (int d = shape.Length - 1; d >= 0 && ++index[d] == shape[d]; d--) index[d] = 0;
        }
    }

    /// <summary>A value as it reads back from <paramref name="dtype"/>: integers wrap, floats round to their precision.</summary>
    private static double Cast(double v, DType dtype) => dtype switch
    {
        DType.Bool => v != 0 ? 1 : 0,
        DType.UInt8 => (byte)(long)v,
        DType.Int32 => (int)(long)v,
        DType.Float32 => (float)v,
        _ => v,
    };

    private static long[] BroadcastShape(long[] a, long[] b)
    {
        var result = new long[Math.Max(a.Length, b.Length)];
        for (int d = 0; d < result.Length; d++)
        {
            long sa = d - (result.Length - a.Length) is int i && i >= 0 ? a[i] : 1;
            long sb = d - (result.Length - b.Length) is int j && j >= 0 ? b[j] : 1;
            result[d] = sa == 1 ? sb : sa;
        }
        return result;
    }

    private static void AssertMatches(double[] expected, DType dtype, long[] shape, Tensor actual, string what)
    {
        Assert.True(dtype == actual.DType, $"{what}: dtype {actual.DType}, expected {dtype}");
        Assert.True(shape.SequenceEqual(actual.Shape.ToArray()), $"{what}: shape {actual.Shape}, expected [{string.Join(", ", shape)}]");
        var got = actual.ToArray<double>();
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i] == got[i] || (double.IsNaN(expected[i]) && double.IsNaN(got[i]))) continue;
            Assert.Fail($"{what}: element {i} is {got[i]}, expected {expected[i]}");
        }
    }

    // ------------------------------------------------------------------ properties

    private delegate double Reference(double a, double b, DType dtype);

    private static void CheckBinary(string what, Func<Tensor, Tensor, Tensor> op, Reference reference,
        Func<DType, DType> resultType, Func<DType, DType, bool>? allowed = null, int seed = 1234, Func<Random, long[]>? shapes = null, int rounds = Rounds)
    {
        var rng = new Random(seed);
        for (int round = 0; round < rounds; round++)
        {
            var shape = shapes is null ? RandomShape(rng) : shapes(rng);
            var sa = BroadcastOperand(rng, shape);
            var sb = BroadcastOperand(rng, shape);
            var (da, db) = (DTypes[rng.Next(DTypes.Length)], DTypes[rng.Next(DTypes.Length)]);
            var compute = ResultType(da, sa, db, sb);
            if (allowed is not null && !allowed(da, db)) continue;
            var a = RandomTensor(rng, sa, da);
            var b = RandomTensor(rng, sb, db);
            var (va, vb) = (a.ToArray<double>(), b.ToArray<double>());
            var result = BroadcastShape(sa, sb);
            var dtype = resultType(compute);
            // Operands are converted to the compute dtype first (a 0-d Int32 -3 next to a UInt8 tensor is 253).
            var expected = Indices(result)
                .Select(i => Cast(reference(Cast(At(va, sa, i), compute), Cast(At(vb, sb, i), compute), compute), dtype)).ToArray();
            AssertMatches(expected, dtype, result, op(a, b),
                $"round {round}: {what} of {da} {a.Shape} (strides {string.Join(",", a.Strides)}) and {db} {b.Shape}");
        }
    }

    [Fact]
    public void AddMatchesElementwiseReference() => CheckBinary("a + b", (a, b) => a + b,
        (x, y, t) => t == DType.Bool ? (x != 0 || y != 0 ? 1 : 0) : x + y, t => t);

    [Fact]
    public void MulMatchesElementwiseReference() => CheckBinary("a * b", (a, b) => a * b,
        (x, y, t) => x * y, t => t, seed: 99);

    [Fact]
    public void SubMatchesElementwiseReference() => CheckBinary("a - b", (a, b) => a - b,
        (x, y, t) => x - y, t => t, allowed: (a, b) => a != DType.Bool && b != DType.Bool, seed: 7);

    [Fact]
    public void DivMatchesElementwiseReference() => CheckBinary("a / b", (a, b) => a / b,
        (x, y, t) => t == DType.Float32 ? (float)x / (float)y : x / y, t => t.IsFloatingPoint ? t : DType.Float32, seed: 5);

    [Fact]
    public void MaximumAndMinimumMatchElementwiseReference()
    {
        CheckBinary("maximum", (a, b) => Tensor.Maximum(a, b), (x, y, t) => Math.Max(x, y), t => t, seed: 11);
        CheckBinary("minimum", (a, b) => Tensor.Minimum(a, b), (x, y, t) => Math.Min(x, y), t => t, seed: 12);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BroadcastAndStridedOpsOfLongRowsMatchElementwiseReference(bool overParallelThreshold)
    {
        var (shapes, rounds, seed) = overParallelThreshold ? (LargeShape, 12, 30) : ((Func<Random, long[]>)MediumShape, 60, 40);
        CheckBinary("a + b", (a, b) => a + b, (x, y, t) => t == DType.Bool ? (x != 0 || y != 0 ? 1 : 0) : x + y, t => t, seed: seed + 1, shapes: shapes, rounds: rounds);
        CheckBinary("a * b", (a, b) => a * b, (x, y, t) => x * y, t => t, seed: seed + 2, shapes: shapes, rounds: rounds);
        CheckBinary("a - b", (a, b) => a - b, (x, y, t) => x - y, t => t, allowed: (a, b) => a != DType.Bool && b != DType.Bool,
            seed: seed + 3, shapes: shapes, rounds: rounds);
        // Integer operands of div go straight to Float32, not through their promoted integer type as the reference does.
        CheckBinary("a / b", (a, b) => a / b, (x, y, t) => t == DType.Float32 ? (float)x / (float)y : x / y, t => t,
            allowed: (a, b) => a.IsFloatingPoint && b.IsFloatingPoint, seed: seed + 4, shapes: shapes, rounds: rounds);
        CheckBinary("maximum", (a, b) => Tensor.Maximum(a, b), (x, y, t) => Math.Max(x, y), t => t, seed: seed + 5, shapes: shapes, rounds: rounds);
    }

    [Fact]
    public void ComparisonsMatchElementwiseReference()
    {
        // Small values are exact in every dtype, so comparing the doubles is comparing in the promoted dtype.
        CheckBinary("a < b", (a, b) => a < b, (x, y, t) => x < y ? 1 : 0, _ => DType.Bool, seed: 21);
        CheckBinary("a == b", (a, b) => a == b, (x, y, t) => x == y ? 1 : 0, _ => DType.Bool, seed: 22);
        CheckBinary("a >= b", (a, b) => a >= b, (x, y, t) => x >= y ? 1 : 0, _ => DType.Bool, seed: 23);
    }

    [Fact]
    public void AdditionCommutesAndSubtractionUndoesIt()
    {
        var rng = new Random(1234);
        for (int round = 0; round < Rounds; round++)
        {
            var shape = RandomShape(rng);
            var a = RandomTensor(rng, BroadcastOperand(rng, shape), DType.Int64);
            var b = RandomTensor(rng, BroadcastOperand(rng, shape), DType.Int64);
            Assert.Equal((a + b).ToArray<long>(), (b + a).ToArray<long>());
            var sum = a + b;
            Assert.Equal(a.Expand(sum.Shape.ToArray()).ToArray<long>(), (sum - b).ToArray<long>());
        }
    }

    [Fact]
    public void WhereMatchesElementwiseReference()
    {
        var rng = new Random(1234);
        for (int round = 0; round < Rounds; round++)
        {
            var shape = RandomShape(rng);
            var (sc, sx, sy) = (BroadcastOperand(rng, shape), BroadcastOperand(rng, shape), BroadcastOperand(rng, shape));
            var (dx, dy) = (DTypes[rng.Next(DTypes.Length)], DTypes[rng.Next(DTypes.Length)]);
            var condition = RandomTensor(rng, sc, DType.Bool);
            var x = RandomTensor(rng, sx, dx);
            var y = RandomTensor(rng, sy, dy);
            var (vc, vx, vy) = (condition.ToArray<double>(), x.ToArray<double>(), y.ToArray<double>());
            var result = BroadcastShape(BroadcastShape(sc, sx), sy);
            var dtype = ResultType(dx, sx, dy, sy);
            var expected = Indices(result).Select(i => Cast(At(vc, sc, i) != 0 ? At(vx, sx, i) : At(vy, sy, i), dtype)).ToArray();
            AssertMatches(expected, dtype, result, Tensor.Where(condition, x, y), $"round {round}: where");
        }
    }

    [Fact]
    public void SumOverRandomDimsMatchesLoopReference()
    {
        var rng = new Random(1234);
        for (int round = 0; round < Rounds; round++)
        {
            var shape = RandomShape(rng);
            var dtype = DTypes[rng.Next(DTypes.Length)];
            var x = RandomTensor(rng, shape, dtype);
            var dims = Enumerable.Range(0, shape.Length).Where(_ => rng.Next(2) == 0).ToArray();
            bool keepDim = rng.Next(2) == 0;
            if (dims.Length > 0 && rng.Next(2) == 0) dims = dims.Select(d => d - shape.Length).ToArray();  // negative dims
            var reduced = dims.Select(d => d < 0 ? d + shape.Length : d).ToHashSet();
            if (dims.Length == 0) reduced = Enumerable.Range(0, shape.Length).ToHashSet();  // torch.sum(dim=[]) sums everything
            var resultShape = Enumerable.Range(0, shape.Length)
                .Where(d => keepDim || !reduced.Contains(d)).Select(d => reduced.Contains(d) ? 1 : shape[d]).ToArray();
            var values = x.ToArray<double>();
            var sums = new double[resultShape.Aggregate(1L, (p, s) => p * s)];
            int i = 0;
            foreach (var index in Indices(shape))
            {
                long flat = 0;
                for (int d = 0, r = 0; d < shape.Length; d++)
                {
                    if (reduced.Contains(d) && !keepDim) continue;
                    flat = flat * resultShape[r] + (reduced.Contains(d) ? 0 : index[d]);
                    r++;
                }
                sums[flat] += values[i++];
            }
            var sumType = dtype.IsFloatingPoint ? dtype : DType.Int64;
            var actual = x.Sum(dims, keepDim);
            string what = $"round {round}: sum of {dtype} {x.Shape} over [{string.Join(",", dims)}] keepDim {keepDim}";
            Assert.True(actual.DType == sumType, $"{what}: dtype {actual.DType}");
            Assert.True(resultShape.SequenceEqual(actual.Shape.ToArray()), $"{what}: shape {actual.Shape}");
            var got = actual.ToArray<double>();
            for (int k = 0; k < sums.Length; k++)
                Assert.True(Math.Abs(Cast(sums[k], sumType) - got[k]) <= 1e-6 * Math.Abs(sums[k]), $"{what}: element {k} is {got[k]}, expected {sums[k]}");
        }
    }

    [Fact]
    public void MaxAlongARandomDimMatchesLoopReference()
    {
        var rng = new Random(4321);
        for (int round = 0; round < Rounds; round++)
        {
            var shape = RandomShape(rng);
            if (shape.Length == 0 || shape.Contains(0)) continue;
            var dtype = DTypes[1 + rng.Next(DTypes.Length - 1)];
            var x = RandomTensor(rng, shape, dtype);
            int dim = rng.Next(shape.Length);
            var values = x.ToArray<double>();
            var outShape = shape.Where((_, d) => d != dim).ToArray();
            var best = new double[outShape.Aggregate(1L, (p, s) => p * s)];
            var where = new long[best.Length];
            Array.Fill(best, double.NegativeInfinity);
            int i = 0;
            foreach (var index in Indices(shape))
            {
                long flat = 0;
                for (int d = 0, r = 0; d < shape.Length; d++) if (d != dim) flat = flat * outShape[r++] + index[d];
                if (values[i] > best[flat]) (best[flat], where[flat]) = (values[i], index[dim]);  // first maximum wins
                i++;
            }
            var (maxValues, maxIndices) = x.Max(dim);
            AssertMatches(best, dtype, outShape, maxValues, $"round {round}: max values of {dtype} {x.Shape} dim {dim}");
            AssertMatches(where.Select(v => (double)v).ToArray(), DType.Int64, outShape, maxIndices, $"round {round}: max indices");
        }
    }

    // ------------------------------------------------------------------ accuracy

    [Fact]
    public void SumOfSixteenMillionTenthsIsAccurate()
    {
        // TensorPrimitives.Sum adds in float and comes out about 1% off.
        var x = Tensor.Full([16_000_000], 0.1f, DType.Float32);
        double exact = 16e6 * (double)0.1f;
        double sum = x.Sum().Item<float>();
        Assert.True(Math.Abs(sum - exact) <= 1e-6 * exact, $"sum {sum:R}, exact {exact:R}");
    }

    [Fact]
    public void SumOverLeadingDimsIsAccurateAndMatchesALoop()
    {
        // Leading-dim sums add whole rows (no transpose): still float-in-double accurate...
        var tenths = Tensor.Full([4_000_000, 3], 0.1f, DType.Float32).Sum(0).ToArray<float>();
        double exact = 4e6 * (double)0.1f;
        foreach (float column in tenths) Assert.True(Math.Abs(column - exact) <= 1e-6 * exact, $"column sum {column:R}, exact {exact:R}");
        // ...and right in the band-parallel form, for every column of a wide tensor, float and double.
        Tensor.ManualSeed(3);
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var x = Tensor.Randn([70, 6, 700], dtype);
            var values = x.ToArray<double>();
            var expected = new double[700];
            for (int i = 0; i < values.Length; i++) expected[i % 700] += values[i];
            var got = x.Sum([0, 1]).ToArray<double>();
            for (int j = 0; j < 700; j++) Assert.True(Math.Abs(got[j] - expected[j]) <= 1e-5, $"{dtype} column {j}: {got[j]} vs {expected[j]}");
        }
    }

    [Fact]
    public void SoftmaxOfTwoThousandsIsOneHalfEach()
    {
        Assert.Equal([0.5f, 0.5f], Tensor.From(new[] { 1000f, 1000f }).Softmax(0).ToArray<float>());
        Assert.Equal([0.5, 0.5], Tensor.From(new[] { -1000.0, -1000.0 }).Softmax(0).ToArray<double>());
    }
}
