using Nabla.Distributions;

namespace Nabla.Tests;

/// <summary>
/// KL divergences: the "kl" group of tests/golden/distributions.json against PyTorch 1.13 for every
/// registered pair (with broadcasting and infinite cases), KL(p ‖ p) = 0, agreement with a Monte
/// Carlo estimate, gradients, and the errors for unsupported pairs.
/// </summary>
public class KlTests
{
    public static TheoryData<string> KlCases => DistributionGoldenTests.Names("kl");

    [Theory]
    [MemberData(nameof(KlCases))]
    public void MatchesPyTorch(string name)
    {
        var c = Golden.Case("distributions", name);
        var p = DistributionGoldenTests.Build(c.GetProperty("p").GetProperty("dist").GetString()!, c.GetProperty("p").GetProperty("args"));
        var q = DistributionGoldenTests.Build(c.GetProperty("q").GetProperty("dist").GetString()!, c.GetProperty("q").GetProperty("args"));
        DistributionGoldenTests.Check(c, "kl", () => Nabla.Distributions.Distributions.KlDivergence(p, q));
    }

    [Fact]
    public void DivergenceOfADistributionFromItselfIsZero()
    {
        Distribution[] all =
        [
            new Normal(Tensor.From(new[] { 0.5, -1 }), 2.0), new Bernoulli(Tensor.From(new[] { 0.2, 0.7 })),
            new Categorical(Tensor.From(new[] { 0.2, 0.3, 0.5 })), new Uniform(-1.0, 2.0), new Exponential(3.0),
            new Gamma(2.5, 0.5), new Beta(0.5, 3.0), new Dirichlet(Tensor.From(new[] { 0.5, 1, 4 })), new Laplace(1.0, 2.0),
            new Poisson(4.0), new Geometric(0.3), new Binomial(10, probs: 0.4),
            new MultivariateNormal(Tensor.Zeros([2], DType.Float64), Tensor.From(new[,] { { 2.0, 0.5 }, { 0.5, 1.0 } })),
        ];
        foreach (var d in all)
        {
            var kl = Distribution.KlDivergence(d, d).ToArray<double>();
            Assert.All(kl, v => Assert.True(Math.Abs(v) < 1e-5, $"{d}: KL(p, p) = {v}"));
        }
    }

    [Fact]
    public void ClosedFormsAgreeWithMonteCarloEstimates()
    {
        var gen = new Generator(seed: 11);
        (Distribution P, Distribution Q)[] pairs =
        [
            (new Gamma(Tensor.Scalar(2.0), 1.5), new Gamma(Tensor.Scalar(3.0), 1.0)),
            (new Laplace(Tensor.Scalar(0.0), 1.0), new Laplace(Tensor.Scalar(0.5), 2.0)),
            (new Beta(Tensor.Scalar(2.0), 5.0), new Beta(Tensor.Scalar(1.5), 1.5)),
            (new Poisson(Tensor.Scalar(3.0)), new Poisson(Tensor.Scalar(5.0))),
            (new Geometric(Tensor.Scalar(0.3)), new Geometric(Tensor.Scalar(0.5))),
        ];
        foreach (var (p, q) in pairs)
        {
            var x = p.Sample([50_000], gen);
            var terms = p.LogProb(x) - q.LogProb(x);
            double estimate = terms.Mean().Item<double>(), error = terms.Std().Item<double>() / Math.Sqrt(50_000);
            double exact = Distribution.KlDivergence(p, q).Item<double>();
            Assert.True(Math.Abs(estimate - exact) < 5 * error + 1e-6, $"{p} vs {q}: Monte Carlo {estimate} ± {error}, closed form {exact}");
        }
    }

    [Fact]
    public void GradientsFlowToParameters()
    {
        var loc = Tensor.From(new[] { 0.3, -0.2 });
        loc.RequiresGrad = true;
        var scale = Tensor.From(new[] { 1.5, 0.7 });
        scale.RequiresGrad = true;
        Assert.True(Autograd.GradCheck(t => Distribution.KlDivergence(new Normal(t[0], t[1]), new Normal(0.0, 1.0)).Sum(), [loc, scale]));
        var conc = Tensor.From(new[] { 0.8, 2.5, 1.2 });
        conc.RequiresGrad = true;
        Assert.True(Autograd.GradCheck(t => Distribution.KlDivergence(new Dirichlet(t[0]), new Dirichlet(Tensor.Ones([3], DType.Float64))), [conc]));
    }

    [Fact]
    public void UnsupportedPairsThrowLikePyTorch()
    {
        var e = Assert.Throws<NotSupportedException>(() => Nabla.Distributions.Distributions.KlDivergence(new Normal(0.0, 1.0), new Bernoulli(0.3)));
        Assert.Equal("No KL(p || q) is implemented for p type Normal and q type Bernoulli", e.Message);
        var b = Assert.Throws<NotSupportedException>(() => Distribution.KlDivergence(new Binomial(5, probs: 0.3), new Binomial(10, probs: 0.3)));
        Assert.Equal("KL between Binomials where q.total_count > p.total_count is not implemented", b.Message);
        var m = Assert.Throws<ArgumentException>(() => Distribution.KlDivergence(
            new MultivariateNormal(Tensor.Zeros(2), Tensor.Eye(2)), new MultivariateNormal(Tensor.Zeros(3), Tensor.Eye(3))));
        Assert.Contains("different event shapes", m.Message);
    }

    [Fact]
    public void CustomPairsCanBeRegistered()
    {
        Nabla.Distributions.Distributions.RegisterKl<Exponential, Gamma>((p, q) => Tensor.Zeros([]) + 42);
        Assert.Equal(42f, Distribution.KlDivergence(new Exponential(1.0), new Gamma(1.0, 1.0)).Item<float>());
    }
}
