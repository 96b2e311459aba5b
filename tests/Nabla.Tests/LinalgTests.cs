using System.Text.Json;

namespace Nabla.Tests;

/// <summary>
/// Replays tests/golden/linalg.json (written by generate_linalg.py from PyTorch 1.13): inputs with
/// their views, the expected outputs, the gradients of a weighted sum of the outputs, or PyTorch's
/// error. Shared by <see cref="LinalgTests"/> and <see cref="NormTests"/>.
/// </summary>
internal static class LinalgGolden
{
    private const string File = "linalg";

    public static TheoryData<string> Names(string group, string? op = null)
    {
        var data = new TheoryData<string>();
        foreach (var c in Golden.Cases(File))
            if (c.GetProperty("group").GetString() == group && (op is null || c.GetProperty("op").GetString() == op))
                data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    public static JsonElement Case(string name) => Golden.Case(File, name);

    /// <summary>The inputs as leaves (requiring grad when floating and the case has gradients) and as the views the op receives.</summary>
    public static (Tensor[] Leaves, Tensor[] Viewed) Inputs(JsonElement c)
    {
        bool grads = c.TryGetProperty("grads", out _);
        var inputs = c.GetProperty("inputs").EnumerateArray().ToArray();
        var leaves = inputs.Select(i => Golden.Tensor(i)).ToArray();
        foreach (var leaf in leaves)
            if (grads && leaf.DType.IsFloatingPoint) leaf.RequiresGrad = true;
        var viewed = leaves.Select((t, k) => !inputs[k].TryGetProperty("view", out var v) ? t : v.GetString() switch
        {
            "transpose" => t.Transpose(-2, -1),
            "step2" => t[TensorIndex.Ellipsis, TensorIndex.Slice(null, null, 2)],
            "expand" => t.Expand(Golden.Shape(inputs[k].GetProperty("size"))),
            var other => throw new NotSupportedException($"unknown view {other}"),
        }).ToArray();
        return (leaves, viewed);
    }

    /// <summary>Runs the case: asserts PyTorch's error, or the outputs and then the gradients.</summary>
    public static void Check(string name, Func<Tensor[], JsonElement, Tensor[]> run)
    {
        var c = Case(name);
        var (leaves, viewed) = Inputs(c);
        var args = c.GetProperty("args");
        if (c.TryGetProperty("error", out var error))
        {
            AssertThrowsLike(c, error.GetString()!, () => run(viewed, args));
            return;
        }
        var outputs = run(viewed, args);
        var (rtol, atol) = Tolerance(c, leaves[0].DType);
        var expected = c.GetProperty("expected");
        if (expected.ValueKind == JsonValueKind.Array)
            for (int k = 0; k < expected.GetArrayLength(); k++) Golden.AssertEqual(expected[k], outputs[k], rtol, atol, $"output {k}");
        else
            Golden.AssertEqual(expected, outputs[0], rtol, atol);
        if (!c.TryGetProperty("grads", out var grads)) return;
        var differentiable = outputs.Where(o => o.RequiresGrad && o.Numel > 0).ToArray();
        Assert.NotEmpty(differentiable);
        Tensor loss = differentiable.Select(o => (Weights(o) * o).Sum()).Aggregate((a, b) => a + b);
        loss.Backward();
        for (int k = 0; k < leaves.Length; k++)
        {
            var want = grads[k];
            // PyTorch gives no gradient for the 0-"norm" and for empty inputs; Nabla gives none or an empty one.
            if (want.ValueKind == JsonValueKind.Null)
                Assert.True(leaves[k].Grad is null || leaves[k].Grad!.Numel == 0, $"input {k}: PyTorch gives no gradient, Nabla gives {leaves[k].Grad}");
            else Golden.AssertEqual(want, leaves[k].Grad ?? throw new Xunit.Sdk.XunitException($"input {k}: no gradient"), rtol * 10, atol * 10, $"gradient of input {k}");
        }
    }

    /// <summary>The case's [rtol, atol], else a default for the dtype.</summary>
    public static (double Rtol, double Atol) Tolerance(JsonElement c, DType dtype) =>
        c.TryGetProperty("tol", out var tol) ? (tol[0].GetDouble(), tol[1].GetDouble())
        : dtype == DType.Float32 ? (1e-5, 1e-6) : (1e-10, 1e-12);

    /// <summary>w = 1 + i/8 over the flat elements, as the generator weights each output.</summary>
    public static Tensor Weights(Tensor like) =>
        (Tensor.Arange(like.Numel, dtype: DType.Float64) / 8 + 1).To(like.DType).Reshape(like.Shape.Sizes);

    /// <summary>The exception type PyTorch's maps to, and a message that starts with PyTorch's (Nabla may add detail after it).</summary>
    public static void AssertThrowsLike(JsonElement c, string message, Action run)
    {
        var ex = Record.Exception(run);
        Assert.True(ex is not null, $"PyTorch raised \"{message}\", Nabla returned a result");
        switch (c.GetProperty("error_type").GetString())
        {
            // Nabla's amax/amin report an empty reduction as ArgumentException (PyTorch: IndexError).
            case "IndexError" when message.Contains("Expected reduction dim"): Assert.IsType<ArgumentException>(ex); break;
            case "IndexError": Assert.IsType<IndexOutOfRangeException>(ex); break;
            case "_LinAlgError": Assert.IsType<LinAlgException>(ex); break;
            default: Assert.IsAssignableFrom<ArgumentException>(ex); break;
        }
        Assert.StartsWith(message, ex.Message);
    }

    /// <summary>An order or p from the JSON: a number ("inf", "-inf" and "nan" included), a string order, or null.</summary>
    public static object? Order(JsonElement args, string key) =>
        !args.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String && v.GetString() is not ("inf" or "-inf" or "nan") ? v.GetString()
        : Golden.Number(v);

    /// <summary>A dim argument: null, one int, or a list.</summary>
    public static object? Dim(JsonElement args) =>
        !args.TryGetProperty("dim", out var dim) || dim.ValueKind == JsonValueKind.Null ? null
        : dim.ValueKind == JsonValueKind.Array ? dim.EnumerateArray().Select(v => v.GetInt32()).ToArray()
        : dim.GetInt32();
}

/// <summary>Decompositions and solvers against PyTorch, plus reconstruction, orthogonality, gradcheck and accuracy properties.</summary>
public class LinalgTests
{
    public static TheoryData<string> Cases => LinalgGolden.Names("linalg");

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string name)
    {
        if (LinalgGolden.Case(name).GetProperty("op").GetString() == "svd")
        {
            CheckSvd(name);
            return;
        }
        LinalgGolden.Check(name, (x, args) => LinalgGolden.Case(name).GetProperty("op").GetString() switch
        {
            "inv" => [Linalg.Inv(x[0])],
            "det" => [Linalg.Det(x[0])],
            "svdvals" => [Linalg.Svdvals(x[0])],
            "solve" => [Linalg.Solve(x[0], x[1])],
            "cholesky" => [Linalg.Cholesky(args.TryGetProperty("symmetrize", out _) ? (x[0] + x[0].Transpose(-2, -1)) / 2 : x[0],
                upper: args.TryGetProperty("upper", out var u) && u.GetBoolean())],
            "qr" => Qr(x[0], args),
            var op => throw new NotSupportedException(op),
        });
    }

    private static Tensor[] Qr(Tensor a, JsonElement args)
    {
        var (q, r) = args.TryGetProperty("mode", out var mode) ? Linalg.Qr(a, mode.GetString()!) : Linalg.Qr(a);
        return [q, r];
    }

    /// <summary>S against PyTorch; U and Vh (whose signs are free) by their shapes, U·diag(S)·Vh = A and orthogonality.</summary>
    private static void CheckSvd(string name)
    {
        var c = LinalgGolden.Case(name);
        var a = LinalgGolden.Inputs(c).Viewed[0];
        bool full = c.GetProperty("args").GetProperty("full_matrices").GetBoolean();
        if (c.TryGetProperty("error", out var error))
        {
            LinalgGolden.AssertThrowsLike(c, error.GetString()!, () => Linalg.Svd(a, full));
            return;
        }
        var (u, s, vh) = Linalg.Svd(a, full);
        var (rtol, atol) = LinalgGolden.Tolerance(c, a.DType);
        Golden.AssertEqual(c.GetProperty("expected")[0], s, rtol, atol, "S");
        var shapes = c.GetProperty("shapes");
        Assert.Equal(Golden.Shape(shapes[0]), u.Shape.ToArray());
        Assert.Equal(Golden.Shape(shapes[2]), vh.Shape.ToArray());
        AssertFactorization(a, u, s, vh, a.DType == DType.Float32 ? 1e-5 : 1e-12);
    }

    /// <summary>U·diag(S)·Vh reproduces A, and U and Vh have orthonormal columns and rows.</summary>
    internal static void AssertFactorization(Tensor a, Tensor u, Tensor s, Tensor vh, double tolerance)
    {
        long k = s.Shape[-1];
        var a64 = a.To(DType.Float64);
        var scale = Math.Max(1, a64.Numel == 0 ? 0 : a64.Abs().Max().Item<double>());
        var rebuilt = Tensor.Matmul(u.Narrow(-1, 0, k).To(DType.Float64) * s.To(DType.Float64).Unsqueeze(-2), vh.Narrow(-2, 0, k).To(DType.Float64));
        AssertClose(a64, rebuilt, tolerance * scale * 10, "U diag(S) Vh");
        var u64 = u.To(DType.Float64);
        var vh64 = vh.To(DType.Float64);
        AssertClose(Tensor.Eye(u.Shape[-1], dtype: DType.Float64), Tensor.Matmul(u64.Transpose(-2, -1), u64), tolerance * 10, "UᵀU");
        AssertClose(Tensor.Eye(vh.Shape[-2], dtype: DType.Float64), Tensor.Matmul(vh64, vh64.Transpose(-2, -1)), tolerance * 10, "Vh Vhᵀ");
        var values = s.To(DType.Float64).ToArray<double>();
        for (int i = 0; i + 1 < values.Length; i++)
            if ((i + 1) % k != 0) Assert.True(values[i] >= values[i + 1], $"singular values not descending: {s}");
    }

    internal static void AssertClose(Tensor expected, Tensor actual, double tolerance, string what)
    {
        var e = expected.Expand(actual.Shape.Sizes).ToArray<double>();
        var a = actual.ToArray<double>();
        for (int i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= tolerance, $"{what}: element {i} is {a[i]}, expected {e[i]} (tolerance {tolerance})");
    }

    public static TheoryData<int, int> SvdSizes => new() { { 1, 1 }, { 5, 5 }, { 7, 3 }, { 3, 7 }, { 30, 30 }, { 64, 20 }, { 20, 64 }, { 100, 100 } };

    [Theory]
    [MemberData(nameof(SvdSizes))]
    public void SvdOfRandomMatricesReconstructsAndIsOrthogonal(int m, int n)
    {
        Tensor.ManualSeed((ulong)(m * 1000 + n));
        foreach (var dtype in new[] { DType.Float64, DType.Float32 })
        {
            var a = Tensor.Randn([m, n], dtype);
            var (u, s, vh) = Linalg.Svd(a);
            AssertFactorization(a, u, s, vh, dtype == DType.Float32 ? 1e-5 : 1e-12);
            var (ur, sr, vhr) = Linalg.Svd(a, fullMatrices: false);
            AssertFactorization(a, ur, sr, vhr, dtype == DType.Float32 ? 1e-5 : 1e-12);
            Assert.Equal(s.ToArray<double>(), Linalg.Svdvals(a).ToArray<double>());
        }
    }

    [Fact]
    public void SvdOfRankDeficientAndStructuredMatrices()
    {
        var rank1 = Tensor.Outer(Tensor.From(new double[] { 1, 2, 3, 4 }), Tensor.From(new double[] { 1, -1, 2 }));
        var zeros = Tensor.Zeros([3, 5], DType.Float64);
        var repeated = Tensor.Eye(4, dtype: DType.Float64) * 3;
        var huge = Tensor.From(new double[,] { { 1e300, 2e300 }, { 3e300, 4e300 } });
        var tiny = Tensor.From(new double[,] { { 1e-300, 2e-300 }, { 3e-300, 4e-300 } });
        foreach (var a in new[] { rank1, rank1.T, zeros, repeated, huge, tiny })
        {
            var (u, s, vh) = Linalg.Svd(a);
            var scale = a.Abs().Max().Item<double>();
            AssertFactorization(a / Math.Max(scale, 1e-300), u, s / Math.Max(scale, 1e-300), vh, 1e-13);
        }
        Assert.Equal(Math.Sqrt(180), Linalg.Svdvals(rank1)[0].Item<double>(), 12);
        Assert.Equal(1e300 * 5.464985704219043, Linalg.Svdvals(huge)[0].Item<double>(), 1e287);
    }

    [Fact]
    public void SvdKeepsTinySingularValuesAccurate()
    {
        // A = B·diag(1, 2⁻³⁰, 2⁻⁶⁰) is formed exactly, so Π σ(A) = |det B|·2⁻⁹⁰ exactly. One-sided
        // Jacobi gets the tiny singular values to full relative accuracy, so the product matches.
        Tensor.ManualSeed(21);
        var b = Tensor.Randn([3, 3], DType.Float64);
        var a = b * Tensor.From(new[] { 1.0, Math.ScaleB(1, -30), Math.ScaleB(1, -60) });
        var s = Linalg.Svdvals(a).ToArray<double>();
        double product = s[0] * s[1] * s[2], expected = Math.Abs(Linalg.Det(b).Item<double>()) * Math.ScaleB(1, -90);
        Assert.True(Math.Abs(product / expected - 1) < 1e-12, $"Π σ = {product}, |det| = {expected}");
        Assert.True(s[2] < 1e-17 && s[2] > 0, $"smallest singular value {s[2]}");
    }

    [Fact]
    public void InverseDeterminantAndSolveAgreeOnRandomBatches()
    {
        Tensor.ManualSeed(7);
        var a = Tensor.Randn([4, 6, 6], DType.Float64) + 6 * Tensor.Eye(6, dtype: DType.Float64);
        var b = Tensor.Randn([4, 6, 2], DType.Float64);
        AssertClose(Tensor.Eye(6, dtype: DType.Float64), Tensor.Matmul(a, Linalg.Inv(a)), 1e-12, "A·A⁻¹");
        AssertClose(b, Tensor.Matmul(a, Linalg.Solve(a, b)), 1e-12, "A·solve(A, B)");
        var det = Linalg.Det(a).ToArray<double>();
        var svdProduct = Linalg.Svdvals(a).Prod(-1).ToArray<double>();
        for (int i = 0; i < det.Length; i++) Assert.Equal(svdProduct[i], Math.Abs(det[i]), svdProduct[i] * 1e-12);
    }

    [Fact]
    public void LargeBatchesRunInParallelWithTheSameResults()
    {
        // Enough matrices to be spread over cores: each must equal its own decomposition.
        Tensor.ManualSeed(17);
        var a = Tensor.Randn([48, 12, 12], DType.Float64) + 12 * Tensor.Eye(12, dtype: DType.Float64);
        var inv = Linalg.Inv(a);
        var s = Linalg.Svdvals(a);
        var det = Linalg.Det(a);
        var l = Linalg.Cholesky(Tensor.Matmul(a, a.Transpose(-2, -1)));
        foreach (int i in new[] { 0, 17, 47 })
        {
            Assert.Equal(Linalg.Inv(a[i]).ToArray<double>(), inv[i].ToArray<double>());
            Assert.Equal(Linalg.Svdvals(a[i]).ToArray<double>(), s[i].ToArray<double>());
            Assert.Equal(Linalg.Det(a[i]).Item<double>(), det[i].Item<double>());
            Assert.Equal(Linalg.Cholesky(Tensor.Matmul(a[i], a[i].T)).ToArray<double>(), l[i].ToArray<double>());
        }
    }

    [Fact]
    public void QrAndCholeskyReconstruct()
    {
        Tensor.ManualSeed(3);
        foreach (var (m, n) in new[] { (5, 3), (3, 5), (4, 4) })
        {
            var a = Tensor.Randn([2, m, n], DType.Float64);
            var (q, r) = Linalg.Qr(a);
            AssertClose(a, Tensor.Matmul(q, r), 1e-13, "Q·R");
            AssertClose(Tensor.Eye(q.Shape[-1], dtype: DType.Float64), Tensor.Matmul(q.Transpose(-2, -1), q), 1e-13, "QᵀQ");
            AssertClose(Tensor.Zeros([1], DType.Float64), Tensor.Tril(r, -1), 0, "R below the diagonal");
            var (qc, rc) = Linalg.Qr(a, "complete");
            AssertClose(a, Tensor.Matmul(qc, rc), 1e-13, "complete Q·R");
            AssertClose(Tensor.Eye(m, dtype: DType.Float64), Tensor.Matmul(qc.Transpose(-2, -1), qc), 1e-13, "complete QᵀQ");
        }
        var x = Tensor.Randn([3, 5, 5], DType.Float64);
        var spd = Tensor.Matmul(x, x.Transpose(-2, -1)) + Tensor.Eye(5, dtype: DType.Float64);
        var l = Linalg.Cholesky(spd);
        AssertClose(spd, Tensor.Matmul(l, l.Transpose(-2, -1)), 1e-12, "L·Lᵀ");
        AssertClose(l.Transpose(-2, -1), Linalg.Cholesky(spd, upper: true), 0, "upper = Lᵀ");
    }

    [Fact]
    public void GradientsPassGradCheck()
    {
        Tensor.ManualSeed(11);
        var a = (Tensor.Randn([3, 3], DType.Float64) + 3 * Tensor.Eye(3, dtype: DType.Float64)).Detach();
        a.RequiresGrad = true;
        var b = Tensor.Randn([3, 2], DType.Float64, requiresGrad: true);
        var v = Tensor.Randn([3], DType.Float64, requiresGrad: true);
        var batch = Tensor.Randn([2, 4, 3], DType.Float64, requiresGrad: true);
        var wide = Tensor.Randn([3, 5], DType.Float64, requiresGrad: true);
        Assert.True(Autograd.GradCheck(t => Linalg.Inv(t), a));
        Assert.True(Autograd.GradCheck(t => Linalg.Det(t), a));
        Assert.True(Autograd.GradCheck(t => Linalg.Solve(t[0], t[1]), [a, b]));
        Assert.True(Autograd.GradCheck(t => Linalg.Solve(t[0], t[1]), [a, v]));
        Assert.True(Autograd.GradCheck(t => Linalg.Svdvals(t), batch));
        Assert.True(Autograd.GradCheck(t => Linalg.Svdvals(t), wide));
        Assert.True(Autograd.GradCheck(t => Linalg.Cholesky(Tensor.Matmul(t, t.T) + Tensor.Eye(3, dtype: DType.Float64)), a));
        Assert.True(Autograd.GradCheck(t => Linalg.Cholesky(Tensor.Matmul(t, t.T) + Tensor.Eye(3, dtype: DType.Float64), upper: true), a));
        foreach (var input in new[] { batch, wide, a })
        {
            Assert.True(Autograd.GradCheck(t => { var (q, r) = Linalg.Qr(t); return q; }, input));
            Assert.True(Autograd.GradCheck(t => { var (q, r) = Linalg.Qr(t); return r; }, input));
            // Singular vectors are defined up to sign: check functions that do not depend on it.
            Assert.True(Autograd.GradCheck(t => { var (u, s, vh) = Linalg.Svd(t, fullMatrices: false); return Tensor.Matmul(u, vh); }, input));
            Assert.True(Autograd.GradCheck(t => { var (u, s, vh) = Linalg.Svd(t, fullMatrices: false); return u * u; }, input));
            Assert.True(Autograd.GradCheck(t => { var (u, s, vh) = Linalg.Svd(t); return vh.Narrow(-2, 0, s.Shape[-1]).Abs() + s.Unsqueeze(-1); }, input));
        }
    }

    [Fact]
    public void DeterminantGradientAtASingularMatrixIsTheAdjugate()
    {
        // PyTorch: d det/dA of [[1, 2], [2, 4]] is the cofactor matrix [[4, -2], [-2, 1]].
        var a = Tensor.From(new double[,] { { 1, 2 }, { 2, 4 } });
        a.RequiresGrad = true;
        Linalg.Det(a).Backward();
        AssertClose(Tensor.From(new double[,] { { 4, -2 }, { -2, 1 } }), a.Grad!, 1e-12, "gradient");
        var rank1 = Tensor.From(new double[,] { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } });
        rank1.RequiresGrad = true;
        Linalg.Det(rank1).Backward();
        AssertClose(Tensor.From(new double[,] { { -3, 6, -3 }, { 6, -12, 6 }, { -3, 6, -3 } }), rank1.Grad!, 1e-12, "gradient");
    }

    [Fact]
    public void SecondDerivativesFlowThroughInverseAndDeterminant()
    {
        // d²/dx² det([[x, 1], [1, x]]) = d²(x² - 1) = 2; d²/dx² of the (0, 0) element of the inverse x/(x² - 1).
        var x = Tensor.Scalar(3.0);
        x.RequiresGrad = true;
        var m = Tensor.Stack([Tensor.Stack([x, Tensor.Scalar(1.0)]), Tensor.Stack([Tensor.Scalar(1.0), x])]);
        var first = Autograd.Grad([Linalg.Det(m)], [x], createGraph: true)[0];
        Assert.Equal(6, first.Item<double>(), 12);
        Assert.Equal(2, Autograd.Grad([first], [x])[0].Item<double>(), 10);
        m = Tensor.Stack([Tensor.Stack([x, Tensor.Scalar(1.0)]), Tensor.Stack([Tensor.Scalar(1.0), x])]);  // the first graph was freed
        var inv00 = Linalg.Inv(m)[0, 0];
        var g1 = Autograd.Grad([inv00], [x], createGraph: true)[0];
        Assert.Equal(-(9.0 + 1) / 64, g1.Item<double>(), 12);
        Assert.Equal(2.0 * 3 * (9 + 3) / 512, Autograd.Grad([g1], [x])[0].Item<double>(), 10);
    }

    [Fact]
    public void NonDifferentiableQrModesThrowAtBackward()
    {
        var a = Tensor.Randn([4, 2], DType.Float64, requiresGrad: true);
        var (_, r) = Linalg.Qr(a, "r");
        var ex = Assert.Throws<NotSupportedException>(() => r.Sum().Backward());
        Assert.Contains("linalg.qr", ex.Message);
        var (q, _) = Linalg.Qr(a, "complete");
        Assert.Throws<NotSupportedException>(() => q.Sum().Backward());
    }

    [Fact]
    public void NamesGradFnsAsPyTorch()
    {
        var a = (Tensor.Eye(3, dtype: DType.Float64) * 2).Detach();
        a.RequiresGrad = true;
        Assert.Equal("LinalgInvExBackward0", Linalg.Inv(a).GradFn!.Name);
        Assert.Equal("LinalgDetBackward0", Linalg.Det(a).GradFn!.Name);
        Assert.Equal("LinalgSolveExBackward0", Linalg.Solve(a, a).GradFn!.Name);
        Assert.Equal("LinalgCholeskyExBackward0", Linalg.Cholesky(a).GradFn!.Name);
        Assert.Equal("LinalgQrBackward0", Linalg.Qr(a).Q.GradFn!.Name);
        Assert.Equal("LinalgSvdBackward0", Linalg.Svd(a).U.GradFn!.Name);
        Assert.Equal("LinalgSvdBackward0", Linalg.Svdvals(a).GradFn!.Name);
    }

    [Fact]
    public void SingularMatrixErrorsAreLinAlgExceptions()
    {
        var singular = Tensor.From(new[,] { { 1f, 2 }, { 2, 4 } });
        var ex = Assert.Throws<LinAlgException>(() => Linalg.Inv(singular));
        Assert.Equal("linalg.inv: The diagonal element 2 is zero, the inversion could not be completed because the input matrix is singular.", ex.Message);
        Assert.IsAssignableFrom<ArgumentException>(ex);
        Assert.Equal(0f, Linalg.Det(singular).Item<float>());
    }

    [Fact]
    public void InfinityInSvdGivesNaNLikePyTorch()
    {
        var s = Linalg.Svdvals(Tensor.From(new[,] { { float.PositiveInfinity, 1 }, { 1, 1 } }));
        Assert.All(s.ToArray<float>(), v => Assert.True(float.IsNaN(v)));
    }
}
