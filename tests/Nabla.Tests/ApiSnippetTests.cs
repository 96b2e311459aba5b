namespace Nabla.Tests;

/// <summary>
/// The snippets of API.md, written exactly as the contract shows them, with assertions on what
/// their comments promise. Sections not yet implemented (random numbers, autograd, linear algebra,
/// distributions, docs) are covered by their own issues.
/// </summary>
[Collection(ProcessWideCounters.Name)]
public class ApiSnippetTests
{
    [Fact]
    public void TensorsAndDTypes()
    {
        Tensor x = Tensor.Arange(12);                        // Int64 [0..11]   (torch.arange(12))
        Tensor xf = Tensor.Arange(12, dtype: DType.Float32);  // Float32
        Tensor g = Tensor.Arange(0.0, 3.0, 0.1);             // Float32
        long n = x.Numel;
        Shape s = x.Shape;
        int rank = x.Rank; DType t = x.DType;
        Tensor X = x.Reshape(3, 4);
        Tensor X2 = x.Reshape(-1, 4);
        Tensor X3 = x.View(2, 6);
        Tensor r = Tensor.Arange(1.0, 5.0);
        Tensor z = Tensor.Zeros(2, 3, 4);
        Tensor z64 = Tensor.Zeros([2, 3, 4], DType.Float64);
        Tensor f7 = Tensor.Full([2, 2], 7.0);
        Tensor e = Tensor.Eye(3), l = Tensor.Linspace(0, 1, 5), zl = Tensor.ZerosLike(X), em = Tensor.Empty(3, 4);
        Tensor m = Tensor.From(new[,] { { 2, 1, 4, 3 }, { 1, 2, 3, 4 }, { 4, 3, 2, 1 } });
        Tensor ml = Tensor.From(new long[,] { { 1, 2 }, { 3, 4 } });
        Tensor v = Tensor.From(new[] { 1.0f, 2, 4, 8 });
        Tensor fs = Tensor.From(new double[] { 1, 2 }, [2, 1]);
        Tensor a0 = Tensor.Scalar(3.0);

        Assert.Equal(DType.Int64, x.DType);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), x.ToArray<long>());
        Assert.Equal(DType.Float32, xf.DType);
        Assert.Equal(DType.Float32, g.DType);
        Assert.Equal(30, g.Numel);
        Assert.Equal(12, n);
        Assert.Equal("[12]", s.ToString());
        Assert.Equal(1, s.Rank);
        Assert.Equal(12, s[0]);
        Assert.Equal(1, rank);
        Assert.Equal(DType.Int64, t);
        Assert.True(ReferenceEquals(X.Storage, x.Storage));
        Assert.Equal(new long[] { 3, 4 }, X2.Shape.ToArray());
        Assert.True(ReferenceEquals(X3.Storage, x.Storage));
        Assert.Equal(new long[] { 2, 6 }, X3.Shape.ToArray());
        Assert.Equal(DType.Float32, r.DType);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, r.ToArray<float>());
        Assert.Equal(DType.Int64, Tensor.Arange(1, 4).DType);
        Assert.Equal((DType.Float32, 24L), (z.DType, z.Numel));
        Assert.Equal(DType.Float64, z64.DType);
        Assert.Equal(new float[] { 7, 7, 7, 7 }, f7.ToArray<float>());
        Assert.Equal(new float[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, e.ToArray<float>());
        Assert.Equal(new float[] { 0, 0.25f, 0.5f, 0.75f, 1 }, l.ToArray<float>());
        Assert.Equal((DType.Int64, 12L), (zl.DType, zl.Numel));
        Assert.Equal(new long[] { 3, 4 }, em.Shape.ToArray());
        Assert.Equal(DType.Int32, m.DType);
        Assert.Equal(new long[] { 3, 4 }, m.Shape.ToArray());
        Assert.Equal(DType.Int64, ml.DType);
        Assert.Equal(DType.Float32, Tensor.From(new float[,] { { 1 } }).DType);
        Assert.Equal(DType.Float32, v.DType);
        Assert.Equal(new long[] { 2, 1 }, fs.Shape.ToArray());
        Assert.Equal(DType.Float64, fs.DType);
        Assert.Equal((DType.Float64, 0), (a0.DType, a0.Rank));
        Assert.Equal(DType.Float32, Tensor.Scalar(3.0f).DType);
        Assert.Equal(DType.Float64, (Tensor.Arange(3) + a0).DType);  // a 0-d Float64 is not weak
    }

    [Fact]
    public void WeakScalarsAndPromotion()
    {
        var x = Tensor.Arange(3);
        Assert.Equal(DType.Int64, (2 * x).DType);
        Assert.Equal(DType.Float32, (x * 0.5).DType);
        Assert.Equal(DType.Float32, (Tensor.Arange(3) + Tensor.Arange(3, dtype: DType.Float32)).DType);
        Assert.Equal(DType.Int64, (Tensor.Arange(3, dtype: DType.Int32) + Tensor.Arange(3)).DType);
        Assert.Equal(DType.Float32, (Tensor.Arange(3) / Tensor.Arange(1, 4)).DType);
        Assert.Equal(DType.Int32, (Tensor.Arange(3, dtype: DType.Int32) + Tensor.Scalar(5L)).DType);  // 0-d ranks below dimensioned
        var X = Tensor.Zeros(3, 4);
        X[1, 2] = 17;
        Assert.Equal(17f, X[1, 2].Item<float>());
    }

    [Fact]
    public void IndexingSlicingAssignment()
    {
        var x = Tensor.Arange(12);
        Tensor X = x.Reshape(3, 4);
        Tensor last = X[^1];
        Tensor rows = X[1..3];
        Tensor col = X[.., 1];
        Assert.Equal(new long[] { 8, 9, 10, 11 }, last.ToArray<long>());
        Assert.Equal(new long[] { 2, 4 }, rows.Shape.ToArray());
        Assert.True(ReferenceEquals(rows.Storage, x.Storage));
        Assert.Equal(new long[] { 1, 5, 9 }, col.ToArray<long>());
        X[1, 2] = 17;
        Assert.Equal(17, x[6].Item<long>());
        X[..2, ..] = 12;
        Assert.Equal(new long[] { 12, 12, 12, 12, 12, 12, 12, 12, 8, 9, 10, 11 }, x.ToArray<long>());
        Tensor na = X[TensorIndex.NewAxis, .., TensorIndex.Ellipsis];
        Assert.Equal(new long[] { 1, 3, 4 }, na.Shape.ToArray());
        Tensor big = X[X > 5];
        Assert.Equal(new long[] { 12, 12, 12, 12, 12, 12, 12, 12, 8, 9, 10, 11 }, big.ToArray<long>());
        Assert.False(ReferenceEquals(big.Storage, x.Storage));
        Tensor picked = X[Tensor.From(new long[] { 0, 2 })];
        Assert.Equal(new long[] { 12, 12, 12, 12, 8, 9, 10, 11 }, picked.ToArray<long>());
        var ex = Assert.Throws<IndexOutOfRangeException>(() => X[3]);
        Assert.Contains("dimension 0 with size 3", ex.Message);
    }

    [Fact]
    public void OperatorsAndMath()
    {
        var x = Tensor.From(new[] { -1.0f, 2, 3 });
        var y = Tensor.From(new[] { 2.0f, 2, 2 });
        Tensor r1 = x + y, r2 = x - y, r3 = x * y, r4 = x / y, r5 = x % y, r6 = -x;
        Assert.Equal(new float[] { 1, 4, 5 }, r1.ToArray<float>());
        Assert.Equal(new float[] { -3, 0, 1 }, r2.ToArray<float>());
        Assert.Equal(new float[] { -2, 4, 6 }, r3.ToArray<float>());
        Assert.Equal(new float[] { -0.5f, 1, 1.5f }, r4.ToArray<float>());
        Assert.Equal(new float[] { 1, 0, 1 }, r5.ToArray<float>());  // floored: -1 % 2 == 1, as Python
        Assert.Equal(new float[] { 1, -2, -3 }, r6.ToArray<float>());
        Tensor p1 = Tensor.Pow(x, y), p2 = x.Pow(2);
        Assert.Equal(new float[] { 1, 4, 9 }, p1.ToArray<float>());
        Assert.Equal(new float[] { 1, 4, 9 }, p2.ToArray<float>());
        Tensor fd = Tensor.FloorDivide(x, y);
        Assert.Equal(new float[] { -1, 1, 1 }, fd.ToArray<float>());
        Tensor u = x.Exp().Log().Sin().Cos().Tanh().Sigmoid().Relu().Abs().Sqrt().Floor();
        Assert.Equal(3, u.Numel);
        Tensor w = Tensor.Where(x > 0, x, y), mx = Tensor.Maximum(x, y), c = x.Clamp(min: 0);
        Assert.Equal(new float[] { 2, 2, 3 }, w.ToArray<float>());
        Assert.Equal(new float[] { 2, 2, 3 }, mx.ToArray<float>());
        Assert.Equal(new float[] { 0, 2, 3 }, c.ToArray<float>());
        Tensor lt = x < y, le = x <= y, gt = x > y, ge = x >= y;
        Assert.Equal(new[] { true, false, false }, lt.ToArray<bool>());
        Assert.Equal(new[] { true, true, false }, le.ToArray<bool>());
        Assert.Equal(new[] { false, false, true }, gt.ToArray<bool>());
        Assert.Equal(new[] { false, true, true }, ge.ToArray<bool>());
        Tensor eq = x == y, ne = x != y;
        Assert.Equal(DType.Bool, eq.DType);
        Assert.Equal(new[] { false, true, false }, eq.ToArray<bool>());
        Assert.Equal(new[] { true, false, true }, ne.ToArray<bool>());
        Tensor both = (x > 0) & (y > 0), either = (x > 0) | (y > 0), not = !(x > 0);
        Assert.Equal(new[] { false, true, true }, both.ToArray<bool>());
        Assert.Equal(new[] { true, true, true }, either.ToArray<bool>());
        Assert.Equal(new[] { true, false, false }, not.ToArray<bool>());
        Assert.Equal(new[] { true, false, false }, ((x > 0) ^ (y > 0)).ToArray<bool>());

        var X = Tensor.Arange(12).Reshape(3, 4);
        var Y = Tensor.Ones([3, 4], DType.Int64);
        Tensor cat = Tensor.Cat([X, Y], dim: 0), st = Tensor.Stack([X, Y], dim: 0);
        Assert.Equal(new long[] { 6, 4 }, cat.Shape.ToArray());
        Assert.Equal(new long[] { 2, 3, 4 }, st.Shape.ToArray());
        Tensor[] halves = X.Split(2, dim: 0), thirds = X.Chunk(3);
        Assert.Equal(2, halves.Length);
        Assert.Equal(3, thirds.Length);

        Assert.False(ReferenceEquals(x, y) || x.Equals(y));
        Assert.True(x.Equals(x));
        Assert.Throws<ArgumentNullException>(() => x == null);
        Assert.Equal(new[] { false, true, false }, x.Eq(y).ToArray<bool>());
        Assert.Equal(new[] { true, false, true }, x.Ne(y).ToArray<bool>());

        var a = Tensor.From(new[] { 1, 2 });
        var b = Tensor.From(new[] { 3, -4 });
        bool entered = false;
        if (a.Sum() > 0 && b.Sum() > 0) entered = true;
        Assert.False(entered);  // b sums to -1
        if (a.Sum() > 0 || b.Sum() > 0) entered = true;
        Assert.True(entered);
        bool f = (bool)(a.Sum() > 0);
        Assert.True(f);

        var shape = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3) + Tensor.Zeros(2, 4));
        Assert.Contains("[2, 3]", shape.Message);
        Assert.Contains("[2, 4]", shape.Message);
        Assert.Contains("dimension 1", shape.Message);
    }

    [Fact]
    public void MemoryViewsInPlaceIdentity()
    {
        var X = Tensor.Arange(12, dtype: DType.Float32).Reshape(3, 4);
        var Y = Tensor.Ones(3, 4);
        var Z = Tensor.ZerosLike(X);
        var before = Y;
        Y = Y + X;
        Assert.False(ReferenceEquals(Y, before));
        var zStorage = Z.Storage;
        Z[..] = X + Y;
        Assert.Same(zStorage, Z.Storage);
        Assert.Equal((X + Y).ToArray<float>(), Z.ToArray<float>());

        var xRef = X;
        var xStorage = X.Storage;
        long allocated = Memory.TotalAllocatedBytes;
        X += Y;
        X -= 1; X *= 2; X /= Y;
        Assert.Same(xRef, X);
        Assert.Same(xStorage, X.Storage);
        Assert.Equal(allocated, Memory.TotalAllocatedBytes);

        Tensor.Add(X, Y, destination: Z);
        Tensor.Exp(X, destination: X);
        Assert.Same(xRef, X);
        Assert.Same(zStorage, Z.Storage);

        X.Fill(0); X.Clear(); X.CopyFrom(Y);
        Assert.Equal(Y.ToArray<float>(), X.ToArray<float>());
        bool shared = ReferenceEquals(X.Storage, X.Reshape(12).Storage);
        Assert.True(shared);
        long offset = X.StorageOffset; long[] strides = X.Strides; bool contiguous = X.IsContiguous;
        Assert.Equal((0L, true), (offset, contiguous));
        Assert.Equal(new long[] { 4, 1 }, strides);
        strides[0] = 99;
        Assert.Equal(4, X.Strides[0]);  // Strides returns a fresh copy
        Tensor cont = X.Contiguous(), copy = X.Clone(); int version = X.Version;
        Assert.Same(X, cont);
        Assert.NotSame(X.Storage, copy.Storage);
        X += 1;
        Assert.True(X.Version > version);
        long bytes = Memory.TotalAllocatedBytes;
        Assert.True(bytes > 0);

        var rowsOf = Tensor.Zeros(4, 2);
        rowsOf[1..3] += 1;
        Assert.Equal(new float[] { 0, 0, 1, 1, 1, 1, 0, 0 }, rowsOf.ToArray<float>());
        var rows = rowsOf[1..3];
        long beforeRows = Memory.TotalAllocatedBytes;
        rows += 1;
        Assert.Equal(beforeRows, Memory.TotalAllocatedBytes);
        Assert.Equal(new float[] { 0, 0, 2, 2, 2, 2, 0, 0 }, rowsOf.ToArray<float>());

        var ints = Tensor.Arange(3);
        var err = Assert.Throws<ArgumentException>(() => { ints += 0.5; });
        Assert.Contains("result type Float can't be cast to the desired output type Long", err.Message);

        var p = Tensor.Ones(3);
        foreach (var q in new[] { p }) Tensor.Sub(q, 0.1 * q, destination: q);
        Assert.Equal(0.9f, p[0].Item<float>(), 6);
    }

    [Fact]
    public void Conversion()
    {
        var X = Tensor.Arange(12, dtype: DType.Float32).Reshape(3, 4);
        float[] flat = X.ToArray<float>();
        float v = X[1, 2].Item<float>();
        float f = (float)Tensor.From(new[] { 3.5f }); int i = (int)Tensor.From(new[] { 3.5f });
        Tensor d64 = X.To(DType.Float64);
        ReadOnlySpan<float> span = X.Contiguous().AsSpan<float>();
        Assert.Equal(12, flat.Length);
        Assert.Equal(6f, v);
        Assert.Equal((3.5f, 3), (f, i));
        Assert.Equal(DType.Float64, d64.DType);
        Assert.Equal(11f, span[11]);
        Assert.Equal(new[] { false, true, true }, Tensor.From(new[] { 0, 1, 2 }).ToArray<bool>());
        var b = Tensor.From(new[] { 1, -2 });
        bool taken = false;
        if (b.Sum() < 0) taken = true;
        Assert.True(taken);
        var ambiguous = Assert.Throws<InvalidOperationException>(() => { if (b) { } });
        Assert.Contains("more than one value", ambiguous.Message);
    }

    [Fact]
    public void Reductions()
    {
        var A = Tensor.Arange(6, dtype: DType.Float32).Reshape(2, 3);
        Tensor s1 = A.Sum(), s2 = A.Sum(dim: 0), s3 = A.Sum(dim: 1, keepDim: true), s4 = A.Sum(dim: [0, 1]);
        Tensor m1 = A.Mean(), m2 = A.Mean(dim: -1, keepDim: true), pr = A.Prod(), cs = A.Cumsum(dim: 0), cp = A.Cumprod(0);
        Tensor mx = A.Max(), mn = A.Min(), am = A.ArgMax(dim: 1);
        var (values, indices) = A.Max(dim: 1);
        Tensor sd = A.Std(), va = A.Var(), al = A.All(), an = A.Any();
        Tensor lse = A.LogSumExp(dim: 1), sm = A.Softmax(dim: 1), lsm = A.LogSoftmax(dim: 1);
        Assert.Equal(15f, s1.Item<float>());
        Assert.Equal(new float[] { 3, 5, 7 }, s2.ToArray<float>());
        Assert.Equal(new long[] { 2, 1 }, s3.Shape.ToArray());
        Assert.Equal(15f, s4.Item<float>());
        Assert.Equal(2.5f, m1.Item<float>());
        Assert.Equal(new float[] { 1, 4 }, m2.ToArray<float>());
        Assert.Equal(0f, pr.Item<float>());
        Assert.Equal(new float[] { 0, 1, 2, 3, 5, 7 }, cs.ToArray<float>());
        Assert.Equal(new float[] { 0, 1, 2, 0, 4, 10 }, cp.ToArray<float>());
        Assert.Equal((5f, 0f), (mx.Item<float>(), mn.Item<float>()));
        Assert.Equal(new long[] { 2, 2 }, am.ToArray<long>());
        Assert.Equal(new float[] { 2, 5 }, values.ToArray<float>());
        Assert.Equal(new long[] { 2, 2 }, indices.ToArray<long>());
        Assert.Equal(1.8708287f, sd.Item<float>(), 5);  // torch.arange(6.).std() = 1.8708
        Assert.Equal(3.5f, va.Item<float>(), 5);
        Assert.False(al.Item<bool>());
        Assert.True(an.Item<bool>());
        Assert.Equal(new[] { 2.4076059f, 5.4076059f }, lse.ToArray<float>(), new FloatTolerance(1e-5f));
        Assert.Equal(1f, sm.Sum(dim: 1)[0].Item<float>(), 5);
        Assert.Equal(-0.4076059f, lsm[0, 2].Item<float>(), 5);
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Arange(3).Mean());
        Assert.Contains("Long", ex.Message);
        Assert.Equal(new[] { 0.5f, 0.5f }, Tensor.From(new[] { 1000f, 1000f }).Softmax(dim: 0).ToArray<float>());
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(float value) => 0;
    }
}
