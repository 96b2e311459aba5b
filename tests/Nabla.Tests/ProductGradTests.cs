namespace Nabla.Tests;

/// <summary>
/// Gradients of the products: <see cref="Autograd.GradCheck(Func{Tensor[], Tensor}, Tensor[], double, double, double, bool)"/>
/// against central finite differences in Float64 for every product (broadcast batched matmul and
/// einsum included), and the "grad" cases of tests/golden/products.json: gradients with respect to
/// (possibly viewed) inputs compared with those PyTorch computed.
/// </summary>
public class ProductGradTests
{
    // ------------------------------------------------------------------ PyTorch's gradients

    public static TheoryData<string> Cases => ProductGolden.Names("grad");

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorchGradients(string name)
    {
        var c = ProductGolden.Case(name);
        var inputs = c.GetProperty("inputs").EnumerateArray().ToArray();
        var bases = inputs.Select(ProductGolden.Base).ToArray();
        foreach (var b in bases.Where(b => b.DType.IsFloatingPoint)) b.RequiresGrad = true;
        var operands = inputs.Select((e, i) => ProductGolden.Operand(e, bases[i])).ToArray();
        var output = ProductGolden.Run(c, operands);
        var gradOutput = Golden.Tensor(c.GetProperty("grad_output"));
        var wanted = bases.Where(b => b.RequiresGrad).ToArray();
        var grads = Autograd.Grad([output], wanted, [gradOutput], allowUnused: true);
        var expected = c.GetProperty("grads").EnumerateArray().Where(g => g.ValueKind != System.Text.Json.JsonValueKind.Null).ToArray();
        Assert.Equal(expected.Length, grads.Length);
        for (int i = 0; i < grads.Length; i++)
            Golden.AssertEqual(expected[i], grads[i], rtol: 1e-12, atol: 1e-12, context: $"{name}: gradient of input {i}");
        // The ops with a backward of their own carry PyTorch's grad_fn name (matmul, tensordot and
        // einsum end in whichever view or product their decomposition ends in, in PyTorch as in Nabla).
        string op = c.GetProperty("op").GetString()!;
        if (op is "mm" or "bmm" or "mv" or "dot" or "outer" or "diagonal" or "trace" or "tril" or "triu")
            Assert.Equal(c.GetProperty("grad_fn").GetString(), output.GradFn!.Name);
    }

    // ------------------------------------------------------------------ finite differences

    [ThreadStatic] private static Random? rng;

    /// <summary>Restarts the values that <see cref="Values"/> gives on this thread (each test calls it first, so its inputs are fixed).</summary>
    private static void Seed(string test) => rng = new Random(test.Aggregate(17, (h, c) => unchecked(h * 31 + c)));

    /// <summary>Deterministic random Float64 values in (-1.5, 1.5), not requiring grad.</summary>
    private static Tensor Values(params long[] shape)
    {
        rng ??= new Random(4);
        var values = new double[shape.Aggregate(1L, (p, s) => p * s)];
        for (int i = 0; i < values.Length; i++) values[i] = rng.NextDouble() * 3 - 1.5;
        return Tensor.From<double>(values, shape);
    }

    /// <summary>An input for GradCheck: random Float64 values that require grad.</summary>
    private static Tensor R(params long[] shape)
    {
        var t = Values(shape);
        t.RequiresGrad = true;
        return t;
    }

    /// <summary>Named products over fresh random Float64 inputs: every public product and helper.</summary>
    private static readonly Dictionary<string, (Func<Tensor[], Tensor> F, long[][] Shapes)> Checks = new()
    {
        ["matmul 1d@1d"] = (x => Tensor.Matmul(x[0], x[1]), [[4], [4]]),
        ["matmul 1d@2d"] = (x => Tensor.Matmul(x[0], x[1]), [[3], [3, 2]]),
        ["matmul 2d@1d"] = (x => Tensor.Matmul(x[0], x[1]), [[2, 3], [3]]),
        ["matmul 2d@2d"] = (x => Tensor.Matmul(x[0], x[1]), [[2, 3], [3, 4]]),
        ["matmul 1d@3d"] = (x => Tensor.Matmul(x[0], x[1]), [[3], [2, 3, 2]]),
        ["matmul 3d@1d"] = (x => Tensor.Matmul(x[0], x[1]), [[2, 2, 3], [3]]),
        ["matmul 3d@2d"] = (x => Tensor.Matmul(x[0], x[1]), [[2, 2, 3], [3, 2]]),
        ["matmul 2d@3d"] = (x => Tensor.Matmul(x[0], x[1]), [[2, 3], [2, 3, 2]]),
        ["matmul 3d@3d"] = (x => Tensor.Matmul(x[0], x[1]), [[2, 2, 3], [2, 3, 2]]),
        ["matmul 3d@3d broadcast"] = (x => Tensor.Matmul(x[0], x[1]), [[1, 2, 3], [3, 3, 2]]),
        ["matmul 4d@3d broadcast"] = (x => Tensor.Matmul(x[0], x[1]), [[2, 1, 2, 3], [3, 3, 2]]),
        ["matmul 4d@4d broadcast"] = (x => Tensor.Matmul(x[0], x[1]), [[2, 1, 2, 3], [1, 2, 3, 2]]),
        ["matmul 1d@4d"] = (x => x[0].Matmul(x[1]), [[3], [2, 1, 3, 2]]),
        ["matmul transposed"] = (x => Tensor.Matmul(x[0].T, x[1].Transpose(0, 1)), [[3, 2], [2, 3]]),
        ["matmul step-sliced"] = (x => Tensor.Matmul(x[0][.., TensorIndex.Slice(step: 2)], x[1][TensorIndex.Slice(step: 2)]), [[2, 6], [6, 2]]),
        ["matmul expanded"] = (x => Tensor.Matmul(x[0].Expand(3, 2, 4), x[1]), [[1, 2, 4], [3, 4, 2]]),
        ["matmul empty k"] = (x => Tensor.Matmul(x[0], x[1]), [[2, 0], [0, 3]]),
        ["mm"] = (x => Tensor.Mm(x[0], x[1]), [[3, 4], [4, 2]]),
        ["mm self"] = (x => Tensor.Mm(x[0], x[0].T), [[3, 2]]),
        ["bmm"] = (x => Tensor.Bmm(x[0], x[1]), [[2, 2, 3], [2, 3, 2]]),
        ["mv"] = (x => Tensor.Mv(x[0], x[1]), [[3, 4], [4]]),
        ["mv transposed"] = (x => Tensor.Mv(x[0].T, x[1]), [[4, 3], [4]]),
        ["dot"] = (x => Tensor.Dot(x[0], x[1]), [[5], [5]]),
        ["dot self"] = (x => Tensor.Dot(x[0], x[0]), [[4]]),
        ["outer"] = (x => Tensor.Outer(x[0], x[1]), [[3], [2]]),
        ["tensordot int"] = (x => Tensor.Tensordot(x[0], x[1], 2), [[2, 3, 2], [3, 2, 2]]),
        ["tensordot lists"] = (x => Tensor.Tensordot(x[0], x[1], [0, 2], [1, 0]), [[2, 3, 2], [2, 2, 3]]),
        ["einsum ij,jk->ik"] = (x => Tensor.Einsum("ij,jk->ik", x), [[2, 3], [3, 2]]),
        ["einsum bij,bjk->bik"] = (x => Tensor.Einsum("bij,bjk->bik", x), [[2, 2, 3], [2, 3, 2]]),
        ["einsum i,i->"] = (x => Tensor.Einsum("i,i->", x), [[4], [4]]),
        ["einsum ij->ji"] = (x => Tensor.Einsum("ij->ji", x), [[2, 3]]),
        ["einsum ii->i"] = (x => Tensor.Einsum("ii->i", x), [[3, 3]]),
        ["einsum ij->"] = (x => Tensor.Einsum("ij->", x), [[2, 3]]),
        ["einsum ij"] = (x => Tensor.Einsum("ij", x), [[2, 3]]),
        ["einsum i,j->ij"] = (x => Tensor.Einsum("i,j->ij", x), [[2], [3]]),
        ["einsum bi,bi->b"] = (x => Tensor.Einsum("bi,bi->b", x), [[3, 2], [3, 2]]),
        ["einsum ijk,ikl->ijl"] = (x => Tensor.Einsum("ijk,ikl->ijl", x), [[2, 2, 3], [2, 3, 2]]),
        ["einsum three operands"] = (x => Tensor.Einsum("ij,jk,kl->il", x), [[2, 3], [3, 2], [2, 2]]),
        ["einsum iij->j"] = (x => Tensor.Einsum("iij->j", x), [[3, 3, 2]]),
        ["einsum ij,ij->ij"] = (x => Tensor.Einsum("ij,ij->ij", x), [[2, 3], [2, 3]]),
        ["einsum broadcast size-1"] = (x => Tensor.Einsum("bij,bjk->bik", x), [[1, 2, 1], [3, 2, 2]]),
        ["diagonal"] = (x => x[0].Diagonal(1), [[3, 4]]),
        ["diagonal dims"] = (x => x[0].Diagonal(-1, 2, 0), [[3, 2, 4]]),
        ["diag of vector"] = (x => Tensor.Diag(x[0], 1), [[3]]),
        ["diag of matrix"] = (x => Tensor.Diag(x[0], -1), [[4, 3]]),
        ["trace"] = (x => Tensor.Trace(x[0]), [[3, 4]]),
        ["trace tall strided"] = (x => Tensor.Trace(x[0][TensorIndex.Slice(step: 2)]), [[8, 3]]),
        ["triu batched"] = (x => Tensor.Triu(x[0], 2), [[2, 3, 4]]),
        ["tril"] = (x => Tensor.Tril(x[0], 1), [[2, 3, 4]]),
        ["triu"] = (x => Tensor.Triu(x[0], -1), [[3, 4]]),
    };

    public static TheoryData<string> CheckNames => [.. Checks.Keys];

    [Theory]
    [MemberData(nameof(CheckNames))]
    public void GradCheckPasses(string name)
    {
        Seed(name);
        var (f, shapes) = Checks[name];
        var inputs = shapes.Select(s => R(s)).ToArray();
        Assert.True(Autograd.GradCheck(f, inputs));
    }

    [Fact]
    public void GradCheckWithOneInputNotRequiringGrad()
    {
        Seed(nameof(GradCheckWithOneInputNotRequiringGrad));
        var a = R(2, 3, 4);
        var b = Values(4, 2);
        Assert.True(Autograd.GradCheck(x => Tensor.Matmul(x[0], x[1]), [a, b]));
    }

    /// <summary>
    /// The gradient of a scalar function, itself differentiable (createGraph). GradCheck evaluates
    /// its function under NoGrad for the finite differences, so the inner gradient turns grad mode on.
    /// </summary>
    private static Tensor GradOf(Tensor x, Func<Tensor, Tensor> f)
    {
        using (Autograd.EnableGrad()) return Autograd.Grad([f(x)], [x], createGraph: true)[0];
    }

    [Fact]
    public void SecondOrderGradientsOfProducts()
    {
        Seed(nameof(SecondOrderGradientsOfProducts));
        var w = Values(3, 3);
        var w3 = Values(2, 3, 3);
        // The backward formulas are recorded ops, so their own gradients check out (gradgradcheck).
        Assert.True(Autograd.GradCheck(x => GradOf(x, t => (Tensor.Mm(t, t.T) * w).Sum()), R(3, 2)));
        Assert.True(Autograd.GradCheck(x => GradOf(x, t => Tensor.Dot(t, t) * Tensor.Dot(t, t)), R(3)));
        Assert.True(Autograd.GradCheck(x => GradOf(x, t => (Tensor.Matmul(t, t) * w3).Sum()), R(2, 3, 3)));
        Assert.True(Autograd.GradCheck(x => GradOf(x, t => Tensor.Mv(t, t[0]).Sum()), R(3, 3)));
        Assert.True(Autograd.GradCheck(x => GradOf(x, t => Tensor.Einsum("ij,ji->", t, t)), R(2, 2)));
        Assert.True(Autograd.GradCheck(x => GradOf(x, t => (Tensor.Diag(Tensor.Diag(t)) * t).Sum() * Tensor.Trace(t)), R(3, 3)));
        Assert.True(Autograd.GradCheck(x => GradOf(x, t => (Tensor.Tril(t) * Tensor.Triu(t, -1) * w).Sum() * Tensor.Trace(t * t)), R(3, 3)));
        Assert.True(Autograd.GradCheck(x => GradOf(x, t => Tensor.Trace(Tensor.Mm(t, t.T))), R(3, 4)));
    }

    [Fact]
    public void BroadcastBatchGradientsSumOverTheBroadcastDims()
    {
        // [1, 2, 3] @ [4, 3, 2]: the left operand is used by all 4 batches, so its gradient is their sum.
        var a = Tensor.Ones([1, 2, 3], DType.Float64, requiresGrad: true);
        var b = Tensor.Ones([4, 3, 2], DType.Float64, requiresGrad: true);
        Tensor.Matmul(a, b).Sum().Backward();
        Assert.Equal([1L, 2, 3], a.Grad!.Shape.ToArray());
        Assert.All(a.Grad.ToArray<double>(), v => Assert.Equal(8.0, v));   // 4 batches × 2 columns
        Assert.All(b.Grad!.ToArray<double>(), v => Assert.Equal(2.0, v));  // 2 rows
    }

    [Fact]
    public void GradFnNamesOfTheProducts()
    {
        Seed(nameof(GradFnNamesOfTheProducts));
        var a = R(2, 3);
        Assert.Equal("MmBackward0", Tensor.Mm(a, R(3, 2)).GradFn!.Name);
        Assert.Equal("BmmBackward0", Tensor.Bmm(R(2, 2, 3), R(2, 3, 2)).GradFn!.Name);
        Assert.Equal("MvBackward0", Tensor.Mv(a, R(3)).GradFn!.Name);
        Assert.Equal("DotBackward0", Tensor.Dot(R(3), R(3)).GradFn!.Name);
        Assert.Equal("DiagonalBackward0", a.Diagonal().GradFn!.Name);
        Assert.Equal("TraceBackward0", Tensor.Trace(a).GradFn!.Name);
        Assert.Equal("TrilBackward0", Tensor.Tril(a).GradFn!.Name);
        Assert.Equal("TriuBackward0", Tensor.Triu(a, 1).GradFn!.Name);
        Assert.Equal("MmBackward0", Tensor.Matmul(a, R(3, 2)).GradFn!.Name);
        Assert.Equal("DotBackward0", Tensor.Matmul(R(3), R(3)).GradFn!.Name);
        Assert.Equal("MvBackward0", Tensor.Matmul(a, R(3)).GradFn!.Name);
    }

    [Fact]
    public void IntegerProductsDoNotRecord()
    {
        Seed(nameof(IntegerProductsDoNotRecord));
        var a = Tensor.Ones([2, 2], DType.Int64);
        Assert.Null(Tensor.Matmul(a, a).GradFn);
        using (Autograd.NoGrad()) Assert.Null(Tensor.Mm(R(2, 2), R(2, 2)).GradFn);
    }
}
