using System.Text.Json;

namespace Nabla.Tests;

/// <summary>
/// Norms against PyTorch (the "norm" cases of tests/golden/linalg.json: vector, matrix, linalg.norm
/// and torch.norm over shapes, dims, keepDim, views, ties, zeros, infinities, empty inputs and
/// errors, with gradients), plus the accuracy Nabla promises beyond PyTorch, gradient checks and
/// PyTorch's conventions at the points where a norm is not differentiable.
/// </summary>
public class NormTests
{
    public static TheoryData<string> Cases => LinalgGolden.Names("norm");

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string name) =>
        LinalgGolden.Check(name, (x, args) => [Run(LinalgGolden.Case(name).GetProperty("op").GetString()!, x[0], args)]);

    private static Tensor Run(string op, Tensor x, JsonElement args)
    {
        bool keep = args.TryGetProperty("keepdim", out var k) && k.GetBoolean();
        object? dim = LinalgGolden.Dim(args);
        switch (op)
        {
            case "vector_norm":
                double ord = (double)LinalgGolden.Order(args, "ord")!;
                return dim is int one ? Linalg.VectorNorm(x, ord, one, keep) : Linalg.VectorNorm(x, ord, (int[]?)dim, keep);
            case "matrix_norm":
                return LinalgGolden.Order(args, "ord") is string name ? Linalg.MatrixNorm(x, name, (int[]?)dim, keep) : Linalg.MatrixNorm(x, (double)LinalgGolden.Order(args, "ord")!, (int[]?)dim, keep);
            case "linalg_norm":
                return (LinalgGolden.Order(args, "ord"), dim) switch
                {
                    (string s, _) => Linalg.Norm(x, s, (int[]?)dim, keep),
                    (var o, int d) => Linalg.Norm(x, (double?)o, d, keep),
                    (var o, _) => Linalg.Norm(x, (double?)o, (int[]?)dim, keep),
                };
            case "torch_norm":
                return (LinalgGolden.Order(args, "p"), dim) switch
                {
                    (string s, int d) => Tensor.Norm(x, s, [d], keep),
                    (string s, _) => Tensor.Norm(x, s, (int[]?)dim, keep),
                    (null, int d) => x.Norm(dim: [d], keepDim: keep),
                    (null, _) => x.Norm(dim: (int[]?)dim, keepDim: keep),
                    (var p, int d) => Tensor.Norm(x, (double)p, d, keep),
                    (var p, _) => Tensor.Norm(x, (double)p, (int[]?)dim, keep),
                };
            default:
                throw new NotSupportedException(op);
        }
    }

    [Fact]
    public void ScalesToAvoidOverflowAndUnderflow()
    {
        // PyTorch 1.13 gives inf and 0 for these Float32 inputs: Nabla's deliberate improvement.
        Assert.Equal(1.41421356e30f, Linalg.VectorNorm(Tensor.From(new[] { 1e30f, 1e30f })).Item<float>(), 1e24f);
        Assert.Equal(1.41421356e-30f, Linalg.VectorNorm(Tensor.From(new[] { 1e-30f, 1e-30f })).Item<float>(), 1e-36f);
        Assert.Equal(1.41421356e30f, Tensor.Norm(Tensor.From(new[] { 1e30f, 1e30f })).Item<float>(), 1e24f);
        Assert.Equal(1.41421356e30f, Linalg.MatrixNorm(Tensor.From(new[,] { { 1e30f }, { 1e30f } })).Item<float>(), 1e24f);
        Assert.Equal(1.2599210e30f, Linalg.VectorNorm(Tensor.From(new[] { 1e30f, 1e30f }), 3).Item<float>(), 1e24f);
        Assert.Equal(4e-30f, Linalg.VectorNorm(Tensor.From(new[] { 1e-30f, 1e-30f }), 0.5).Item<float>(), 1e-35f);
        Assert.Equal(1.4142135623730951e300, Linalg.VectorNorm(Tensor.From(new[] { 1e300, 1e300 })).Item<double>(), 1e285);
        Assert.Equal(1.4142135623730951e-300, Linalg.VectorNorm(Tensor.From(new[] { 1e-300, 1e-300 })).Item<double>(), 1e-314);
        Assert.Equal(5e-320, Linalg.VectorNorm(Tensor.From(new[] { 3e-320, 4e-320 })).Item<double>(), 1e-322);
        Assert.Equal(1.4142135623730951e300, Linalg.MatrixNorm(Tensor.From(new[,] { { 1e300, 0 }, { 0, 1e300 } }), "fro").Item<double>(), 1e285);
        // A true infinity or NaN still comes through.
        Assert.Equal(double.PositiveInfinity, Linalg.VectorNorm(Tensor.From(new[] { double.PositiveInfinity, 1 })).Item<double>());
        Assert.True(double.IsNaN(Linalg.VectorNorm(Tensor.From(new[] { double.PositiveInfinity, double.NaN })).Item<double>()));
    }

    [Fact]
    public void LongSumsAreAccurate()
    {
        // 16e6 × 0.1f: a float accumulator is 1% off; Nabla's L1 and L2 are within 1e-6.
        const int n = 16_000_000;
        var x = Tensor.Full([n], 0.1, DType.Float32);
        double tenth = 0.1f;
        Assert.True(Math.Abs(Linalg.VectorNorm(x, 1).Item<float>() / (n * tenth) - 1) < 1e-6);
        Assert.True(Math.Abs(Linalg.VectorNorm(x).Item<float>() / (Math.Sqrt(n) * tenth) - 1) < 1e-6);
        Assert.True(Math.Abs(x.Norm().Item<float>() / (Math.Sqrt(n) * tenth) - 1) < 1e-6);
        Assert.True(Math.Abs(Linalg.VectorNorm(x, 3).Item<float>() / (Math.Cbrt(n) * tenth) - 1) < 1e-6);
        var rows = x.Reshape(4, n / 4);
        Assert.All(Linalg.VectorNorm(rows, 1, dim: 1).ToArray<float>(), v => Assert.True(Math.Abs(v / (n / 4 * tenth) - 1) < 1e-6));
        var d = Tensor.Full([n], 0.1, DType.Float64);
        Assert.Equal(n * 0.1, Linalg.VectorNorm(d, 1).Item<double>(), n * 0.1 * 1e-13);
        Assert.Equal(Math.Sqrt(n) * 0.1, Linalg.VectorNorm(d).Item<double>(), 1e-12);
    }

    [Fact]
    public void NormsOverLeadingDimsMatchTheRowPath()
    {
        // Reductions over dims that are not last are read in place (column tiles); compare them with
        // the same norms of a transposed copy, which reduces rows.
        Tensor.ManualSeed(12);
        var x = Tensor.Randn([3000, 300], DType.Float32);
        foreach (double ord in new[] { 1.0, 2.0 })
            LinalgTests.AssertClose(Linalg.VectorNorm(x.T.Contiguous(), ord, 1).To(DType.Float64), Linalg.VectorNorm(x, ord, 0).To(DType.Float64), 1e-3, $"ord {ord}");
        var y = Tensor.Randn([4, 1500, 3, 5], DType.Float64);
        var viaRows = Linalg.VectorNorm(y.Permute(0, 3, 1, 2).Contiguous(), 2, [2, 3]);
        LinalgTests.AssertClose(viaRows, Linalg.VectorNorm(y, 2, [2, 1]), 1e-11, "dims [1, 2]");
        Assert.Equal([4, 1, 1, 5], Linalg.VectorNorm(y, 1, [1, 2], keepDim: true).Shape.ToArray());
        // A Float64 column that overflows or underflows when squared takes the scaled path.
        var extreme = Tensor.From(new[,] { { 1e300, 1, 1e-300 }, { 1e300, 1, 1e-300 } });
        var norms = Linalg.VectorNorm(extreme, 2, 0).ToArray<double>();
        Assert.Equal(1.4142135623730951e300, norms[0], 1e285);
        Assert.Equal(1.4142135623730951, norms[1], 1e-15);
        Assert.Equal(1.4142135623730951e-300, norms[2], 1e-314);
    }

    [Fact]
    public void ApiSpellingsCompileAndAgree()
    {
        var u = Tensor.From(new[] { 3f, -4 });
        var a = Tensor.From(new[,] { { 1f, -2, 3 }, { -4, 5, -6 } });
        var x3d = Tensor.Arange(24.0).Reshape(2, 3, 4);
        Assert.Equal(5f, Tensor.Norm(u).Item<float>());
        Assert.Equal(5f, u.Norm().Item<float>());
        Assert.Equal(7f, u.Norm(1).Item<float>());
        Assert.Equal(4f, u.Norm(double.PositiveInfinity).Item<float>());
        Assert.Equal([3f, 6], Linalg.VectorNorm(a, ord: double.PositiveInfinity, dim: [1], keepDim: true).ToArray<float>());
        Assert.Equal([2, 1], Linalg.VectorNorm(a, ord: double.PositiveInfinity, dim: [1], keepDim: true).Shape.ToArray());
        Assert.Equal([5f, 7, 9], Linalg.VectorNorm(a, 1, 0).ToArray<float>());
        Assert.Equal(Tensor.Norm(x3d, dim: [1, 2]).ToArray<float>(), Linalg.MatrixNorm(x3d).ToArray<float>());
        Assert.Equal(Tensor.Norm(x3d, 2, 1).ToArray<float>(), x3d.Norm(2, 1).ToArray<float>());
        Assert.Equal(Linalg.MatrixNorm(a, "nuc").Item<float>(), a.Norm("nuc").Item<float>());
        Assert.Equal(Linalg.Svdvals(a)[0].Item<float>(), Linalg.MatrixNorm(a, 2).Item<float>());
        Assert.Equal(9f, Linalg.MatrixNorm(a, 1).Item<float>());  // largest column sum
        Assert.Equal(15f, Linalg.MatrixNorm(a, double.PositiveInfinity).Item<float>());  // largest row sum
        Assert.Equal(Linalg.MatrixNorm(a).Item<float>(), Linalg.Norm(a).Item<float>());
        Assert.Equal(Linalg.MatrixNorm(a, 1).Item<float>(), Linalg.Norm(a, 1).Item<float>());
        Assert.Equal(Linalg.VectorNorm(a, 3, 1).ToArray<float>(), Linalg.Norm(a, 3, dim: 1).ToArray<float>());
        Assert.Equal(DType.Float64, Linalg.VectorNorm(Tensor.Arange(3.0).To(DType.Float64)).DType);
        var b = Tensor.From(new[] { 1.0, -2.0 });
        int doublings = 0;
        while ((bool)(b.Norm() < 1000)) { b = b * 2; doublings++; }
        Assert.Equal(9, doublings);
    }

    [Fact]
    public void IntegerInputsThrowLikePyTorch()
    {
        var ex = Assert.Throws<ArgumentException>(() => Linalg.VectorNorm(Tensor.Arange(3)));
        Assert.Equal("linalg.vector_norm: Expected a floating point or complex tensor as input. Got Long", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Tensor.Arange(3).Norm());
        Assert.Equal("norm(): input dtype should be either floating point or complex. Got Long instead.", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Linalg.MatrixNorm(Tensor.Arange(4).Reshape(2, 2)));
        Assert.Equal("linalg.matrix_norm: Expected a floating point or complex tensor as input. Got Long", ex.Message);
    }

    public static TheoryData<double> Orders => [2, 1, 3, 0.5, 1.5, -1, -2.5, double.PositiveInfinity, double.NegativeInfinity];

    [Theory]
    [MemberData(nameof(Orders))]
    public void VectorNormGradientsPassGradCheck(double ord)
    {
        Tensor.ManualSeed(5);
        // Distinct magnitudes away from zero, so the ∞-norms have a unique maximiser.
        var x = (Tensor.Randn([3, 4], DType.Float64).Sign() * (Tensor.Arange(1.0, 13.0, 1.0, DType.Float64).Reshape(3, 4) / 4 + 0.1)).Detach();
        x.RequiresGrad = true;
        Assert.True(Autograd.GradCheck(t => Linalg.VectorNorm(t, ord), x));
        Assert.True(Autograd.GradCheck(t => Linalg.VectorNorm(t, ord, [1], keepDim: true), x));
        Assert.True(Autograd.GradCheck(t => Linalg.VectorNorm(t, ord, [0]), x));
        Assert.True(Autograd.GradCheck(t => Tensor.Norm(t.T, ord, dim: [0]), x));
    }

    public static TheoryData<string> MatrixOrders => ["fro", "nuc", "2", "-2", "1", "-1", "inf", "-inf"];

    [Theory]
    [MemberData(nameof(MatrixOrders))]
    public void MatrixNormGradientsPassGradCheck(string ord)
    {
        Tensor.ManualSeed(9);
        var a = Tensor.Randn([2, 3, 4], DType.Float64, requiresGrad: true);
        Func<Tensor, Tensor> norm = ord is "fro" or "nuc"
            ? t => Linalg.MatrixNorm(t, ord)
            : t => Linalg.MatrixNorm(t, ord switch { "inf" => double.PositiveInfinity, "-inf" => double.NegativeInfinity, _ => double.Parse(ord) });
        Assert.True(Autograd.GradCheck(norm, a));
        Assert.True(Autograd.GradCheck(t => ord is "fro" or "nuc" ? Linalg.MatrixNorm(t, ord, [0, 2], keepDim: true) : norm(t.Permute(1, 0, 2)), a));
    }

    [Fact]
    public void GradientsAtZeroAndTiesFollowPyTorch()
    {
        // At 0 every norm's gradient is 0, not NaN; the 0-"norm" gives none at all.
        foreach (double ord in new[] { 2, 1, 3, 1.5, 0.5, -1, double.PositiveInfinity, double.NegativeInfinity })
        {
            var z = Tensor.Zeros([3], DType.Float64, requiresGrad: true);
            Linalg.VectorNorm(z, ord).Backward();
            Assert.Equal([0.0, 0, 0], z.Grad!.ToArray<double>());
        }
        var zero = Tensor.Zeros([3], DType.Float64, requiresGrad: true);
        Linalg.VectorNorm(zero, 0).Backward();
        Assert.Null(zero.Grad);
        // The ∞-norm shares the gradient evenly among tied elements (PyTorch 1.13: [0, -0.5, 0.5]).
        var ties = Tensor.From(new[] { 1.0, -3, 3 });
        ties.RequiresGrad = true;
        Linalg.VectorNorm(ties, double.PositiveInfinity).Backward();
        Assert.Equal([0, -0.5, 0.5], ties.Grad!.ToArray<double>());
        // A zero element of a p < 1 norm gets 0 (PyTorch: [0, 2, -2] for ord 0.5 of [0, 1, -1]).
        var partial = Tensor.From(new[] { 0.0, 1, -1 });
        partial.RequiresGrad = true;
        Linalg.VectorNorm(partial, 0.5).Backward();
        Assert.Equal([0, 2, -2], partial.Grad!.ToArray<double>());
        // Nuclear and spectral norms of the zero matrix: U·Vᵀ = I and the tie split evenly, 0.5·I.
        var m = Tensor.Zeros([2, 2], DType.Float64, requiresGrad: true);
        Linalg.MatrixNorm(m, "nuc").Backward();
        Assert.Equal([1.0, 0, 0, 1], m.Grad!.ToArray<double>());
        m.Grad = null;
        Linalg.MatrixNorm(m, 2).Backward();
        Assert.Equal([0.5, 0, 0, 0.5], m.Grad!.ToArray<double>());
    }

    [Fact]
    public void NuclearAndSpectralGradientsAreSingularVectorProducts()
    {
        Tensor.ManualSeed(4);
        var a = Tensor.Randn([4, 3], DType.Float64, requiresGrad: true);
        var (u, _, vh) = Linalg.Svd(a.Detach(), fullMatrices: false);
        Linalg.MatrixNorm(a, "nuc").Backward();
        LinalgTests.AssertClose(Tensor.Matmul(u, vh), a.Grad!, 1e-12, "∂‖A‖_* = U·Vᵀ");
        a.Grad = null;
        Linalg.MatrixNorm(a, 2).Backward();
        LinalgTests.AssertClose(Tensor.Outer(u[.., 0], vh[0]), a.Grad!, 1e-12, "∂‖A‖₂ = u₁·v₁ᵀ");
    }

    [Fact]
    public void SecondDerivativeOfTheEuclideanNorm()
    {
        // ‖x‖ for x = [3, 4]: the Hessian is (I - x xᵀ/‖x‖²)/‖x‖; its (0, 0) entry is 16/125.
        var x = Tensor.From(new[] { 3.0, 4.0 });
        x.RequiresGrad = true;
        var g = Autograd.Grad([Linalg.VectorNorm(x)], [x], createGraph: true)[0];
        var h = Autograd.Grad([g[0]], [x])[0];
        Assert.Equal(16.0 / 125, h[0].Item<double>(), 14);
        Assert.Equal(-12.0 / 125, h[1].Item<double>(), 14);
    }

    [Fact]
    public void NamesGradFnsAsPyTorch()
    {
        var x = Tensor.Ones([2, 2], DType.Float64, requiresGrad: true);
        Assert.Equal("LinalgVectorNormBackward0", Linalg.VectorNorm(x).GradFn!.Name);
        Assert.Equal("NormBackward1", x.Norm().GradFn!.Name);
        Assert.Equal("AmaxBackward0", Linalg.MatrixNorm(x, 1).GradFn!.Name);
        Assert.Equal("SumBackward1", Linalg.MatrixNorm(x, "nuc").GradFn!.Name);
    }
}
