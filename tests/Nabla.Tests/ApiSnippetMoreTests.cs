using Nabla.Distributions;

namespace Nabla.Tests;

/// <summary>
/// The remaining API.md snippets — random creation, linear algebra and norms, autograd,
/// distributions and documentation lookup — written as the contract shows them, with assertions on
/// what their comments promise (values from the math or from PyTorch, not from Nabla).
/// </summary>
public class ApiSnippetMoreTests
{
    [Fact]
    public void RandomCreation()
    {
        Tensor n1 = Tensor.Randn(3, 4), u1 = Tensor.Rand(3, 4), i1 = Tensor.Randint(0, 10, [3, 4]);
        Tensor s0 = Tensor.Randn([], DType.Float32, requiresGrad: true);
        Tensor.ManualSeed(42);
        var first = Tensor.Randn(5).ToArray<float>();
        Tensor.ManualSeed(42);
        Assert.Equal(first, Tensor.Randn(5).ToArray<float>());
        Assert.Equal((DType.Float32, DType.Float32, DType.Int64), (n1.DType, u1.DType, i1.DType));
        Assert.True((u1 >= 0L).All().Item<bool>() && (u1 < 1L).All().Item<bool>());
        Assert.True((i1 >= 0L).All().Item<bool>() && (i1 < 10L).All().Item<bool>());
        Assert.Equal((0, true), (s0.Rank, s0.RequiresGrad));
    }

    [Fact]
    public void LinearAlgebraAndNorms()
    {
        var x = Tensor.From(new[] { 1.0f, 2, 3 });
        var y = Tensor.From(new[] { 4.0f, 5, 6 });
        var A = Tensor.From(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var B = Tensor.From(new float[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } });
        var P = Tensor.Ones(2, 2, 3);
        var Q = Tensor.Ones(2, 3, 4);
        Tensor d = Tensor.Dot(x, y), mv = Tensor.Mv(A, x), mm = Tensor.Mm(A, B), mt = Tensor.Matmul(A, B);
        Tensor mt2 = A.Matmul(B), bmm = Tensor.Bmm(P, Q);
        Assert.Equal(32f, d.Item<float>());
        Assert.Equal(new float[] { 14, 32 }, mv.ToArray<float>());
        Assert.Equal(new float[] { 4, 5, 10, 11 }, mm.ToArray<float>());
        Assert.Equal(mm.ToArray<float>(), mt.ToArray<float>());
        Assert.Equal(mm.ToArray<float>(), mt2.ToArray<float>());
        Assert.Equal(new long[] { 2, 2, 4 }, bmm.Shape.ToArray());
        Assert.Equal(3f, bmm[0, 0, 0].Item<float>());

        var u = Tensor.From(new[] { 3.0f, -4.0f });
        var X3d = Tensor.Ones(2, 3, 4);
        Tensor n2 = Tensor.Norm(u);
        Tensor nd = Tensor.Norm(X3d, dim: [1, 2]);
        Tensor n1 = u.Abs().Sum();
        Tensor v3 = Linalg.VectorNorm(x, ord: 3);
        Tensor vi = Linalg.VectorNorm(A, ord: double.PositiveInfinity, dim: [1], keepDim: true);
        Tensor fro = Linalg.MatrixNorm(A);
        Tensor nuc = Linalg.MatrixNorm(A, "nuc"), spec = Linalg.MatrixNorm(A, 2), one = Linalg.MatrixNorm(A, 1);
        Tensor sv = Linalg.Svdvals(A);
        var (U, S, Vh) = Linalg.Svd(A);
        Assert.Equal(5f, n2.Item<float>());
        Assert.Equal(new float[] { MathF.Sqrt(12), MathF.Sqrt(12) }, nd.ToArray<float>());
        Assert.Equal(7f, n1.Item<float>());
        Assert.Equal(MathF.Cbrt(36), v3.Item<float>(), 5);
        Assert.Equal(new float[] { 3, 6 }, vi.ToArray<float>());
        Assert.Equal(new long[] { 2, 1 }, vi.Shape.ToArray());
        Assert.Equal(MathF.Sqrt(91), fro.Item<float>(), 4);
        Assert.Equal(9f, one.Item<float>());  // the largest column sum of |A|
        // Singular values of [[1,2,3],[4,5,6]] (numpy/PyTorch): 9.508032, 0.7728696.
        Assert.Equal(new[] { 9.508032f, 0.7728696f }, sv.ToArray<float>(), new Close(1e-4f));
        Assert.Equal(9.508032f, spec.Item<float>(), 4);
        Assert.Equal(9.508032f + 0.7728696f, nuc.Item<float>(), 4);
        var rebuilt = U[.., ..2].Matmul(Tensor.Diag(S)).Matmul(Vh[..2]);
        Assert.Equal(A.ToArray<float>(), rebuilt.ToArray<float>(), new Close(1e-4f));
        Assert.Equal(1.41421e30f, Linalg.VectorNorm(Tensor.From(new[] { 1e30f, 1e30f })).Item<float>(), new Close(1e25f));
    }

    [Fact]
    public void Autograd_()
    {
        var x = Tensor.Arange(4.0, requiresGrad: true);
        var y = 2 * Tensor.Dot(x, x);
        y.Backward();
        Tensor? grad = x.Grad;
        Assert.Equal(new float[] { 0, 4, 8, 12 }, grad!.ToArray<float>());
        x.Grad!.Clear();
        (x * x).Backward(Tensor.OnesLike(x));
        Assert.Equal(new float[] { 0, 2, 4, 6 }, x.Grad!.ToArray<float>());
        var u = y.Detach();
        Assert.Same(y.Storage, u.Storage);
        Assert.False(u.RequiresGrad);
        y = 2 * Tensor.Dot(x, x);
        y.Backward(retainGraph: true); y.Backward(createGraph: true);
        using (Autograd.NoGrad()) { x -= 0.1 * x.Grad!; }
        var w = Tensor.Scalar(2.0);
        w.RequiresGrad = true;
        var b = Tensor.Scalar(1.0);
        b.RequiresGrad = true;
        var loss = w * w * b;
        Tensor[] grads = Autograd.Grad([loss], [w, b], createGraph: true);
        Assert.Equal((4.0, 4.0), (grads[0].Item<double>(), grads[1].Item<double>()));
        bool ok = Autograd.GradCheck(t => (t * t).Sum(), Tensor.Randn([3], DType.Float64, requiresGrad: true));
        Assert.True(ok);
        bool leaf = x.IsLeaf; string name = (2 * x).GradFn!.Name;
        Assert.True(leaf);
        Assert.Equal("MulBackward0", name);
        Assert.Throws<InvalidOperationException>(() => (x * x).Backward());  // non-scalar without a gradient
    }

    [Fact]
    public void DistributionsSnippet()
    {
        var fair = Tensor.Ones(6) / 6;
        Tensor one = new Multinomial(1, fair).Sample();
        Tensor groups = new Multinomial(10, fair).Sample(500);
        var gen = new Generator(seed: 7);
        Tensor z = new Normal(0.0, 1.0).Sample([3], gen);
        Distribution d = new Categorical(probs: fair);
        Tensor lp = d.LogProb(Tensor.From(new long[] { 2 })), mean = d.Mean, variance = d.Variance, h = d.Entropy();
        Tensor rs = new Normal(0.0, 1.0).RSample([3]);
        Assert.Equal(new long[] { 6 }, one.Shape.ToArray());
        Assert.Equal(1f, one.Sum().Item<float>());
        Assert.Equal(new long[] { 500, 6 }, groups.Shape.ToArray());
        Assert.True((groups.Sum(1) == 10L).All().Item<bool>());
        Assert.Equal(new long[] { 3 }, z.Shape.ToArray());
        Assert.Equal(MathF.Log(1 / 6f), lp.Item<float>(), 5);
        Assert.Equal(MathF.Log(6), h.Item<float>(), 5);
        Assert.Equal(new long[] { 3 }, rs.Shape.ToArray());
        Assert.NotNull(mean);
        Assert.NotNull(variance);
        var again = new Normal(0.0, 1.0).Sample([3], new Generator(seed: 7));
        Assert.Equal(z.ToArray<float>(), again.ToArray<float>());
    }

    [Fact]
    public void DocumentationLookup()
    {
        IReadOnlyList<string> names = Docs.Dir("Nabla.Distributions");
        IReadOnlyList<string> members = Docs.Dir(typeof(Tensor));
        string help = Docs.Help("Tensor.Ones");
        string porting = Docs.Help("torch.ones");
        string source = Docs.Source("Tensor.Ones");
        Assert.Contains("Normal", names);
        Assert.Contains("Ones", members);
        Assert.Contains("Ones(", help);
        Assert.Contains("Tensor.Ones", porting);
        Assert.Contains("public static Tensor Ones", source);
    }

    private sealed class Close(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(float value) => 0;
    }
}
