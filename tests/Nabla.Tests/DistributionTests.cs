using Nabla.Distributions;

namespace Nabla.Tests;

/// <summary>
/// Distributions beyond the golden values: API.md's examples, sample shapes, sampling statistics
/// (chi-square, Kolmogorov–Smirnov, moments, fixed seeds), reparameterised gradients (gradcheck,
/// analytic values, the implicit gamma gradient), gradients of log_prob/entropy/cdf, and every
/// validation error with PyTorch's type and message.
/// </summary>
public class DistributionTests
{
    private static Tensor F64(params double[] values) => Tensor.From(values);

    private static Tensor Leaf(params double[] values)
    {
        var t = Tensor.From(values);
        t.RequiresGrad = true;
        return t;
    }

    [Fact]
    public void ApiExamplesWork()
    {
        var fair = Tensor.Ones(6) / 6;
        Tensor one = new Multinomial(1, fair).Sample();
        Assert.Equal([6], one.Shape.ToArray());
        Assert.Equal(1f, one.Sum().Item<float>());
        Assert.All(one.ToArray<float>(), v => Assert.True(v is 0f or 1f));
        Tensor groups = new Multinomial(10, fair).Sample(500);
        Assert.Equal([500, 6], groups.Shape.ToArray());
        Assert.All(groups.Sum(1).ToArray<float>(), s => Assert.Equal(10f, s));
        var gen = new Generator(seed: 7);
        Tensor z = new Normal(0.0, 1.0).Sample([3], gen);
        Assert.Equal(DType.Float32, z.DType);
        Assert.Equal(z.ToArray<float>(), new Normal(0.0, 1.0).Sample([3], new Generator(seed: 7)).ToArray<float>());
        Distribution d = new Categorical(probs: fair);
        Tensor lp = d.LogProb(Tensor.From(new long[] { 2 })), mean = d.Mean, variance = d.Variance, h = d.Entropy();
        Assert.Equal(-Math.Log(6), lp.Item<float>(), 5);
        Assert.True(float.IsNaN(mean.Item<float>()) && float.IsNaN(variance.Item<float>()));
        Assert.Equal(Math.Log(6), h.Item<float>(), 5);
        Tensor rs = new Normal(0.0, 1.0).RSample([3]);
        Assert.Equal([3], rs.Shape.ToArray());
        Assert.Equal(DType.Float32, new Bernoulli(0.3).Probs.DType);
        Assert.Equal(0.5f, new Uniform(0.0, 1.0).Mean.Item<float>());
        // The running estimates of the d2l die experiment converge to 1/6.
        var counts = new Multinomial(10, fair).Sample([500], new Generator(1));
        var cumulative = counts.Cumsum(0);
        var estimates = cumulative / cumulative.Sum(1, keepDim: true);
        Assert.All(estimates[^1].ToArray<float>(), e => Assert.InRange(e, 1 / 6f - 0.03f, 1 / 6f + 0.03f));
    }

    public static TheoryData<string> AllNames => [.. Distributions().Select(d => d.GetType().Name)];

    private static Distribution[] Distributions() =>
    [
        new Normal(F64(0, 1, 2), 1.5), new Uniform(F64(-1, 0), F64(1, 3)), new Exponential(F64(0.5, 2)), new Laplace(F64(0, 1), 2.0),
        new Gamma(F64(0.4, 3), F64(2, 1)), new Beta(F64(0.5, 2), 3.0), new Dirichlet(Tensor.From(new[,] { { 0.5, 1, 2 }, { 3, 3, 3 } })),
        new MultivariateNormal(F64(1, -1), scaleTril: Tensor.From(new[,] { { 1.0, 0 }, { 0.5, 2 } })),
        new Bernoulli(F64(0.2, 0.9)), new Geometric(F64(0.3, 0.8)), new Poisson(F64(3, 40)), new Binomial(F64(10, 50), probs: F64(0.3, 0.6)),
        new Categorical(Tensor.From(new[,] { { 0.2, 0.8 }, { 0.5, 0.5 } })), new Multinomial(7, Tensor.From(new[] { 0.2, 0.3, 0.5 })),
    ];

    [Theory]
    [MemberData(nameof(AllNames))]
    public void SamplesHaveTheExtendedShapeAndStayInTheSupport(string name)
    {
        var d = Distributions().Single(x => x.GetType().Name == name);
        var x = d.Sample([2000, 3], new Generator(3));
        Assert.Equal([2000, 3, .. d.BatchShape.ToArray(), .. d.EventShape.ToArray()], x.Shape.ToArray());
        Assert.False(x.RequiresGrad);
        Assert.True((bool)d.Support.Check(x).All(), $"{d}: a sample left the support {d.Support}");
        Assert.Equal(x.ToArray<double>(), d.Sample([2000, 3], new Generator(3)).ToArray<double>());
        if (d.HasRSample) Assert.Equal(x.Shape, d.RSample([2000, 3], new Generator(3)).Shape);
        else Assert.Contains("does not implement rsample", Assert.Throws<NotSupportedException>(() => d.RSample(2)).Message);
        // Sample means against the distribution's mean (skipping Categorical, whose mean is NaN).
        if (d is Categorical) return;
        var mean = x.Mean([0, 1]).ToArray<double>();
        var expected = d.Mean.ToArray<double>();
        var se = (d.StdDev / Math.Sqrt(6000)).ToArray<double>();
        for (int i = 0; i < mean.Length; i++)
            Assert.True(Math.Abs(mean[i] - expected[i]) < 5 * se[i] + 1e-12, $"{d}: mean {mean[i]}, expected {expected[i]} ± {se[i]}");
    }

    [Fact]
    public void ContinuousSamplesFollowTheirCdf()
    {
        var gen = new Generator(40);
        foreach (double alpha in new[] { 0.2, 1.0, 3.5, 40.0 })
        {
            var g = new Gamma(Tensor.Scalar(alpha), 2.0).Sample([20_000], gen).ToArray<double>();
            Stats.Pass(Stats.KolmogorovSmirnov(g, x => Special.GammaP(alpha, 2 * x)), $"Gamma({alpha}, 2)");
        }
        (Distribution D, int N)[] withCdf =
        [
            (new Normal(Tensor.Scalar(1.0), 3.0), 50_000), (new Uniform(Tensor.Scalar(-2.0), 5.0), 50_000),
            (new Exponential(Tensor.Scalar(0.5)), 50_000), (new Laplace(Tensor.Scalar(1.0), 0.5), 50_000),
        ];
        // The CDF is increasing, so the KS distance of x to F equals that of F(x) to the uniform CDF.
        foreach (var (d, n) in withCdf)
            Stats.Pass(Stats.KolmogorovSmirnov(d.Cdf(d.Sample([n], gen)).ToArray<double>(), u => u), d.ToString());
        // Beta and Dirichlet through their moments.
        foreach (var (a, b) in new[] { (0.5, 0.5), (2.0, 5.0), (0.1, 3.0) })
        {
            var beta = new Beta(Tensor.Scalar(a), b);
            Stats.Pass(Stats.Moments(beta.Sample([50_000], gen).ToArray<double>(), beta.Mean.Item<double>(), beta.Variance.Item<double>()), beta.ToString());
        }
        var dirichlet = new Dirichlet(F64(0.3, 1, 4));
        var samples = dirichlet.Sample([50_000], gen);
        for (int k = 0; k < 3; k++)
            Stats.Pass(Stats.Moments(samples[.., k].ToArray<double>(), dirichlet.Mean[k].Item<double>(), dirichlet.Variance[k].Item<double>()), $"Dirichlet[{k}]");
        // Multivariate normal: the sample covariance approaches LLᵀ.
        var cov = Tensor.From(new[,] { { 2.0, 0.6 }, { 0.6, 1.0 } });
        var mvn = new MultivariateNormal(F64(1, -2), covarianceMatrix: cov);
        var xs = mvn.Sample([100_000], gen) - F64(1, -2);
        var sampleCov = Tensor.Matmul(xs.T, xs) / 100_000;
        Assert.True((bool)((sampleCov - cov).Abs() < 0.03).All(), sampleCov.ToString());
    }

    [Fact]
    public void DiscreteSamplesFollowTheirPmf()
    {
        var gen = new Generator(41);
        Distribution[] all =
        [
            new Poisson(Tensor.Scalar(0.5)), new Poisson(Tensor.Scalar(4.0)), new Poisson(Tensor.Scalar(30.0)), new Poisson(Tensor.Scalar(250.0)),
            new Binomial(Tensor.Scalar(10.0), probs: 0.3), new Binomial(Tensor.Scalar(100.0), probs: 0.3), new Binomial(Tensor.Scalar(100.0), probs: 0.85),
            new Binomial(Tensor.Scalar(2000.0), probs: 0.01), new Binomial(Tensor.Scalar(1000.0), probs: 0.5),
            new Geometric(Tensor.Scalar(0.3)), new Geometric(Tensor.Scalar(0.02)), new Bernoulli(Tensor.Scalar(0.7)),
            new Categorical(F64(0.1, 0.0, 0.6, 0.3)),
        ];
        foreach (var d in all)
        {
            var x = d.Sample([200_000], gen).ToArray<double>();
            int cells = (int)x.Max() + 2;
            var probs = d.LogProb(Tensor.Arange(cells - 1, dtype: DType.Float64)).Exp().ToArray<double>();
            Stats.Pass(Stats.ChiSquare(Stats.Histogram(x, cells), [.. probs, 0]), d.ToString());
        }
        var multinomial = new Multinomial(20, F64(0.1, 0.2, 0.7));
        var counts = multinomial.Sample([50_000], gen);
        for (int k = 0; k < 3; k++)
            Stats.Pass(Stats.Moments(counts[.., k].ToArray<double>(), multinomial.Mean[k].Item<double>(), multinomial.Variance[k].Item<double>()), $"Multinomial[{k}]");
    }

    [Fact]
    public void ReparameterisedSamplesHaveExactGradients()
    {
        // With a fresh generator per call the noise is fixed, so rsample is a smooth function of the parameters.
        Func<Tensor[], Tensor> Sample(Func<Tensor[], Distribution> make) => t => make(t).RSample([4], new Generator(9));
        Assert.True(Autograd.GradCheck(Sample(t => new Normal(t[0], t[1])), [Leaf(0.5, -1), Leaf(1.5, 0.3)]));
        Assert.True(Autograd.GradCheck(Sample(t => new Uniform(t[0], t[1])), [Leaf(0.5, -1), Leaf(1.5, 0.3)]));
        Assert.True(Autograd.GradCheck(Sample(t => new Exponential(t[0])), [Leaf(0.5, 2)]));
        Assert.True(Autograd.GradCheck(Sample(t => new Laplace(t[0], t[1])), [Leaf(0.5, -1), Leaf(1.5, 0.3)]));
        var l = Tensor.From(new[,] { { 1.0, 0 }, { 0.5, 2 } });
        l.RequiresGrad = true;
        Assert.True(Autograd.GradCheck(Sample(t => new MultivariateNormal(t[0], scaleTril: t[1], validateArgs: false)), [Leaf(1, -1), l]));  // gradcheck nudges the upper triangle too
        // Analytic: d(loc + ε·scale)/dscale = ε = (x - loc)/scale.
        var loc = Leaf(2.0);
        var scale = Leaf(3.0);
        var x = new Normal(loc, scale).RSample([5], new Generator(2));
        x.Sum().Backward();
        Assert.Equal(5.0, loc.Grad!.Item<double>(), 12);
        Assert.Equal(((x.Detach() - 2.0) / 3.0).Sum().Item<double>(), scale.Grad!.Item<double>(), 12);
    }

    [Fact]
    public void GammaSamplesHaveImplicitReparameterisationGradients()
    {
        // x(α) keeps its CDF fixed: P(α + h, x + h·dx/dα) = P(α - h, x - h·dx/dα) to second order.
        double[] alphas = [0.05, 0.3, 1.0, 2.5, 9.0, 60.0, 400.0];
        var alpha = Leaf([.. alphas.SelectMany(a => Enumerable.Repeat(a, 30))]);
        var rate = Leaf(1.0);
        var x = new Gamma(alpha, rate).RSample([], new Generator(12));
        var (dAlpha, dRate) = (Autograd.Grad([x.Sum()], [alpha, rate]) is var g ? (g[0].ToArray<double>(), g[1].Item<double>()) : default);
        var values = x.ToArray<double>();
        var a = alpha.ToArray<double>();
        for (int i = 0; i < values.Length; i++)
        {
            double h = 1e-5 * a[i], density = Math.Exp((a[i] - 1) * Math.Log(values[i]) - values[i] - Special.Lgamma(a[i]));
            double drift = (Special.GammaP(a[i] + h, values[i] + h * dAlpha[i]) - Special.GammaP(a[i] - h, values[i] - h * dAlpha[i])) / (2 * h);
            Assert.True(Math.Abs(drift) < 1e-5 * Math.Max(1, density * Math.Abs(dAlpha[i])), $"α = {a[i]}, x = {values[i]}: dx/dα = {dAlpha[i]}, CDF drift {drift}");
        }
        Assert.Equal(-values.Sum(), dRate, 6);  // x = standard gamma / rate
        // Beta and Dirichlet are normalised gammas: E[dX/dα] = d E[X]/dα = β/(α + β)² for Beta(α, β).
        var a1 = Leaf([.. Enumerable.Repeat(2.0, 40_000)]);
        var beta = new Beta(a1, 3.0).RSample([], new Generator(13));
        var grads = Autograd.Grad([beta.Sum()], [a1])[0].ToArray<double>();
        double mean = grads.Average(), se = Math.Sqrt(grads.Sum(v => (v - mean) * (v - mean)) / grads.Length / grads.Length);
        Assert.True(Math.Abs(mean - 3.0 / 25) < 5 * se, $"E[dX/dα] = {mean} ± {se}, expected 0.12");
    }

    [Fact]
    public void LogProbEntropyAndCdfAreDifferentiable()
    {
        var v = F64(0.3, 1.7);
        Assert.True(Autograd.GradCheck(t => new Normal(t[0], t[1]).LogProb(v), [Leaf(0.5, -1), Leaf(1.5, 0.3)]));
        Assert.True(Autograd.GradCheck(t => new Normal(t[0], t[1]).Cdf(v), [Leaf(0.5, -1), Leaf(1.5, 0.7)]));
        Assert.True(Autograd.GradCheck(t => new Normal(0.0, t[0]).Icdf(F64(0.2, 0.9)), [Leaf(1.5, 0.7)]));
        Assert.True(Autograd.GradCheck(t => new Laplace(t[0], t[1]).LogProb(v), [Leaf(0.5, -1), Leaf(1.5, 0.3)]));
        Assert.True(Autograd.GradCheck(t => new Gamma(t[0], t[1]).LogProb(v), [Leaf(0.5, 1.0), Leaf(1.5, 0.3)]));
        Assert.True(Autograd.GradCheck(t => new Gamma(t[0], t[1]).Entropy(), [Leaf(0.5, 3.0), Leaf(1.5, 0.3)]));
        Assert.True(Autograd.GradCheck(t => new Beta(t[0], t[1]).LogProb(F64(0.3, 0.6)), [Leaf(0.5, 2.0), Leaf(1.5, 0.3)]));
        Assert.True(Autograd.GradCheck(t => new Dirichlet(t[0]).LogProb(F64(0.2, 0.3, 0.5)), [Leaf(0.5, 1.0, 4.0)]));
        Assert.True(Autograd.GradCheck(t => new Dirichlet(t[0]).Entropy(), [Leaf(0.5, 1.0, 4.0)]));
        Assert.True(Autograd.GradCheck(t => new Poisson(t[0]).LogProb(F64(0, 3)), [Leaf(0.5, 4.0)]));
        Assert.True(Autograd.GradCheck(t => new Binomial(10, probs: t[0]).LogProb(F64(0, 3)), [Leaf(0.2, 0.6)]));
        Assert.True(Autograd.GradCheck(t => new Bernoulli(logits: t[0]).LogProb(F64(0, 1)), [Leaf(0.2, -1.6)]));
        Assert.True(Autograd.GradCheck(t => new Geometric(t[0]).LogProb(F64(0, 3)), [Leaf(0.2, 0.6)]));
        Assert.True(Autograd.GradCheck(t => new Categorical(logits: t[0]).LogProb(Tensor.From(new long[] { 2, 0 })), [Leaf(0.2, -1.6, 0.4)]));
        Assert.True(Autograd.GradCheck(t => new Categorical(logits: t[0]).Entropy(), [Leaf(0.2, -1.6, 0.4)]));
        Assert.True(Autograd.GradCheck(t => new Multinomial(5, t[0]).LogProb(F64(1, 0, 4)), [Leaf(0.2, 0.3, 0.5)]));
        var cov = Tensor.From(new[,] { { 2.0, 0.5 }, { 0.5, 1.0 } });
        cov.RequiresGrad = true;
        Assert.True(Autograd.GradCheck(t => new MultivariateNormal(t[0], covarianceMatrix: t[1]).LogProb(F64(0.3, -0.4)), [Leaf(1, -1), cov]));
        Assert.True(Autograd.GradCheck(t => new MultivariateNormal(F64(0, 0), precisionMatrix: t[0]).Entropy(), [cov]));
    }

    [Fact]
    public void ParametersAndSupportBehaveAsPyTorch()
    {
        Assert.Equal(new[] { 0.5 / 1.1, 0.6 / 1.1 }, new Categorical(F64(0.5, 0.6)).Probs.ToArray<double>());
        var logits = new Categorical(logits: F64(1, 2, 3)).Logits;
        Assert.Equal(1.0, logits.Exp().Sum().Item<double>(), 12);
        Assert.Equal(0.5, new Bernoulli(logits: 0.0).Probs.Item<float>());
        Assert.Equal(DType.Float64, new Normal(Tensor.Scalar(0.0), 1.0).Scale.DType);
        Assert.Equal([2, 3], new Normal(Tensor.Zeros(3), Tensor.Ones(2, 1)).BatchShape.ToArray());
        Assert.Equal(1L, new Categorical(F64(0.2, 0.5, 0.3)).Mode.Item<long>());
        Assert.Equal([0.0, 1.0], new Bernoulli(0.5).EnumerateSupport().ToArray<double>());
        Assert.Equal([6, 2], new Binomial(5, probs: F64(0.1, 0.2)).EnumerateSupport().Shape.ToArray());
        Assert.Equal([3, 1], new Categorical(Tensor.Ones(2, 3)).EnumerateSupport(expand: false).Shape.ToArray());
        Assert.Equal(6, new Categorical(Tensor.Ones(6)).Perplexity().Item<float>(), 4);
        Assert.Equal("real", new Normal(0.0, 1.0).Support.Name);
        Assert.Equal("simplex", new Dirichlet(F64(1, 1)).Support.Name);
        Assert.True(new Poisson(1.0).Support.IsDiscrete);
        Assert.Equal(1, Constraints.Simplex.EventDim);
        Assert.Equal([true, false, false], Constraints.Positive.Check(F64(1, 0, double.NaN)).ToArray<bool>());
        Assert.Equal([true, false], Constraints.IntegerInterval(0L, 5L).Check(F64(3, 3.5)).ToArray<bool>());
        Assert.Throws<NotSupportedException>(() => new Poisson(1.0).Entropy());
        Assert.Throws<NotSupportedException>(() => new Poisson(1.0).Cdf(F64(1)));
        Assert.Throws<NotSupportedException>(() => new Categorical(Tensor.Ones(3)).Icdf(F64(0.5)));
        Assert.Equal("Inhomogeneous total count not supported by `entropy`.",
            Assert.Throws<NotSupportedException>(() => new Binomial(F64(3, 4), probs: 0.5).Entropy()).Message);
        Assert.Equal(0.0, new Normal(0.0, -1.0, validateArgs: false).Loc.Item<float>());
        Assert.True(float.IsNaN(new Normal(0.0, 1.0, validateArgs: false).LogProb(float.NaN).Item<float>()));
    }

    public static TheoryData<string, string> ValidationCases => new()
    {
        { "Normal(0., -1.)", "Expected parameter scale (Tensor of shape ()) of distribution Normal(loc: 0.0, scale: -1.0) to satisfy the constraint GreaterThan(lower_bound=0.0), but found invalid values:\n-1.0" },
        { "Normal vector", "Expected parameter scale (Tensor of shape (2,)) of distribution Normal(loc: torch.Size([2]), scale: torch.Size([2])) to satisfy the constraint GreaterThan(lower_bound=0.0), but found invalid values:\ntensor([ 1., -1.])" },
        { "Normal.log_prob(nan)", "Expected value argument (Tensor of shape ()) to be within the support (Real()) of the distribution Normal(loc: 0.0, scale: 1.0), but found invalid values:\nnan" },
        { "Normal.log_prob shape", "Value is not broadcastable with batch_shape+event_shape: torch.Size([3]) vs torch.Size([2])." },
        { "Uniform(1., 0.)", "Uniform is not defined when low>= high" },
        { "Uniform.log_prob(1.5)", "Expected value argument (Tensor of shape ()) to be within the support (Interval(lower_bound=0.0, upper_bound=1.0)) of the distribution Uniform(low: 0.0, high: 1.0), but found invalid values:\n1.5" },
        { "Bernoulli(1.5)", "Expected parameter probs (Tensor of shape ()) of distribution Bernoulli(probs: 1.5) to satisfy the constraint Interval(lower_bound=0.0, upper_bound=1.0), but found invalid values:\n1.5" },
        { "Bernoulli(0.3, 0.2)", "Either `probs` or `logits` must be specified, but not both." },
        { "Bernoulli()", "Either `probs` or `logits` must be specified, but not both." },
        { "Bernoulli.log_prob(2.)", "Expected value argument (Tensor of shape ()) to be within the support (Boolean()) of the distribution Bernoulli(probs: 0.30000001192092896), but found invalid values:\n2.0" },
        { "Categorical negative", "Expected parameter probs (Tensor of shape (3,)) of distribution Categorical(probs: torch.Size([3])) to satisfy the constraint Simplex(), but found invalid values:\ntensor([ 0.5556, -0.6667,  1.1111])" },
        { "Categorical zero sum", "Expected parameter probs (Tensor of shape (3,)) of distribution Categorical(probs: torch.Size([3])) to satisfy the constraint Simplex(), but found invalid values:\ntensor([nan, nan, nan])" },
        { "Categorical 0-d probs", "`probs` parameter must be at least one-dimensional." },
        { "Categorical 0-d logits", "`logits` parameter must be at least one-dimensional." },
        { "Categorical.log_prob([7])", "Expected value argument (Tensor of shape (1,)) to be within the support (IntegerInterval(lower_bound=0, upper_bound=5)) of the distribution Categorical(probs: torch.Size([6])), but found invalid values:\ntensor([7])" },
        { "Categorical.log_prob([2.5])", "Expected value argument (Tensor of shape (1,)) to be within the support (IntegerInterval(lower_bound=0, upper_bound=5)) of the distribution Categorical(probs: torch.Size([6])), but found invalid values:\ntensor([2.5000])" },
        { "Multinomial.log_prob", "Expected value argument (Tensor of shape (6,)) to be within the support (Multinomial()) of the distribution Multinomial(), but found invalid values:\ntensor([1., 1., 1., 1., 1., 6.])" },
        { "Multinomial(-1)", "Expected parameter total_count (Tensor of shape (6,)) of distribution Binomial(total_count: torch.Size([6]), probs: torch.Size([6])) to satisfy the constraint IntegerGreaterThan(lower_bound=0), but found invalid values:\ntensor([-1., -1., -1., -1., -1., -1.])" },
        { "Exponential(-1.)", "Expected parameter rate (Tensor of shape ()) of distribution Exponential(rate: -1.0) to satisfy the constraint GreaterThan(lower_bound=0.0), but found invalid values:\n-1.0" },
        { "Exponential.log_prob(-1.)", "Expected value argument (Tensor of shape ()) to be within the support (GreaterThanEq(lower_bound=0.0)) of the distribution Exponential(rate: 1.0), but found invalid values:\n-1.0" },
        { "Gamma(1., 0.)", "Expected parameter rate (Tensor of shape ()) of distribution Gamma(concentration: 1.0, rate: 0.0) to satisfy the constraint GreaterThan(lower_bound=0.0), but found invalid values:\n0.0" },
        { "Beta(0., 1.)", "Expected parameter concentration (Tensor of shape (2,)) of distribution Dirichlet(concentration: torch.Size([2])) to satisfy the constraint IndependentConstraint(GreaterThan(lower_bound=0.0), 1), but found invalid values:\ntensor([0., 1.])" },
        { "Beta.log_prob(1.5)", "Expected value argument (Tensor of shape ()) to be within the support (Interval(lower_bound=0.0, upper_bound=1.0)) of the distribution Beta(), but found invalid values:\n1.5" },
        { "Dirichlet 0-d", "`concentration` parameter must be at least one-dimensional." },
        { "Dirichlet.log_prob", "Expected value argument (Tensor of shape (2,)) to be within the support (Simplex()) of the distribution Dirichlet(concentration: torch.Size([2])), but found invalid values:\ntensor([0.5000, 0.6000])" },
        { "Poisson(-1.)", "Expected parameter rate (Tensor of shape ()) of distribution Poisson(rate: -1.0) to satisfy the constraint GreaterThanEq(lower_bound=0.0), but found invalid values:\n-1.0" },
        { "Poisson.log_prob(1.5)", "Expected value argument (Tensor of shape ()) to be within the support (IntegerGreaterThan(lower_bound=0)) of the distribution Poisson(rate: 1.0), but found invalid values:\n1.5" },
        { "Geometric(0.)", "Expected parameter probs (Tensor of shape ()) of distribution Geometric(probs: 0.0) to be positive but found invalid values:\ntensor([0.])" },
        { "Geometric(1.5)", "Expected parameter probs (Tensor of shape ()) of distribution Geometric(probs: 1.5) to satisfy the constraint Interval(lower_bound=0.0, upper_bound=1.0), but found invalid values:\n1.5" },
        { "Laplace(0., 0.)", "Expected parameter scale (Tensor of shape ()) of distribution Laplace(loc: 0.0, scale: 0.0) to satisfy the constraint GreaterThan(lower_bound=0.0), but found invalid values:\n0.0" },
        { "Binomial(10, 1.5)", "Expected parameter probs (Tensor of shape ()) of distribution Binomial(total_count: 10.0, probs: 1.5) to satisfy the constraint Interval(lower_bound=0.0, upper_bound=1.0), but found invalid values:\n1.5" },
        { "Binomial(2.5, .5)", "Expected parameter total_count (Tensor of shape ()) of distribution Binomial(total_count: 2.5, probs: 0.5) to satisfy the constraint IntegerGreaterThan(lower_bound=0), but found invalid values:\n2.5" },
        { "Binomial.log_prob(11.)", "Expected value argument (Tensor of shape ()) to be within the support (IntegerInterval(lower_bound=0, upper_bound=10.0)) of the distribution Binomial(total_count: 10.0, probs: 0.5), but found invalid values:\n11.0" },
        { "MVN not PD", "Expected parameter covariance_matrix (Tensor of shape (2, 2)) of distribution MultivariateNormal(loc: torch.Size([2]), covariance_matrix: torch.Size([2, 2])) to satisfy the constraint PositiveDefinite(), but found invalid values:\ntensor([[1., 2.],\n        [2., 1.]])" },
        { "MVN not symmetric", "Expected parameter covariance_matrix (Tensor of shape (2, 2)) of distribution MultivariateNormal(loc: torch.Size([2]), covariance_matrix: torch.Size([2, 2])) to satisfy the constraint PositiveDefinite(), but found invalid values:\ntensor([[1., 2.],\n        [0., 1.]])" },
        { "MVN scale_tril upper", "Expected parameter scale_tril (Tensor of shape (2, 2)) of distribution MultivariateNormal(loc: torch.Size([2]), scale_tril: torch.Size([2, 2])) to satisfy the constraint LowerCholesky(), but found invalid values:\ntensor([[1., 2.],\n        [0., 1.]])" },
        { "MVN no matrix", "Exactly one of covariance_matrix or precision_matrix or scale_tril may be specified." },
        { "MVN 0-d loc", "loc must be at least one-dimensional." },
        { "MVN 1-D covariance", "covariance_matrix must be at least two-dimensional, with optional leading batch dimensions" },
        { "MVN.log_prob event", "The right-most size of value must match event_shape: torch.Size([3]) vs torch.Size([2])." },
    };

    [Theory]
    [MemberData(nameof(ValidationCases))]
    public void InvalidArgumentsThrowPyTorchsMessages(string what, string message)
    {
        var fair = Tensor.Ones(6) / 6;
        var mvn = new MultivariateNormal(Tensor.Zeros(2), Tensor.Eye(2));
        Action action = what switch
        {
            "Normal(0., -1.)" => () => _ = new Normal(0.0, -1.0),
            "Normal vector" => () => _ = new Normal(Tensor.Zeros(2), Tensor.From(new[] { 1f, -1f })),
            "Normal.log_prob(nan)" => () => new Normal(0.0, 1.0).LogProb(Tensor.Scalar(float.NaN)),
            "Normal.log_prob shape" => () => new Normal(Tensor.Zeros(2), 1.0).LogProb(Tensor.Ones(3)),
            "Uniform(1., 0.)" => () => _ = new Uniform(1.0, 0.0),
            "Uniform.log_prob(1.5)" => () => new Uniform(0.0, 1.0).LogProb(Tensor.Scalar(1.5f)),
            "Bernoulli(1.5)" => () => _ = new Bernoulli(1.5),
            "Bernoulli(0.3, 0.2)" => () => _ = new Bernoulli(0.3, 0.2),
            "Bernoulli()" => () => _ = new Bernoulli(),
            "Bernoulli.log_prob(2.)" => () => new Bernoulli(0.3).LogProb(Tensor.Scalar(2f)),
            "Categorical negative" => () => _ = new Categorical(Tensor.From(new[] { 0.5f, -0.6f, 1.0f })),
            "Categorical zero sum" => () => _ = new Categorical(Tensor.Zeros(3)),
            "Categorical 0-d probs" => () => _ = new Categorical(Tensor.Scalar(0.5f)),
            "Categorical 0-d logits" => () => _ = new Categorical(logits: Tensor.Scalar(0.5f)),
            "Categorical.log_prob([7])" => () => new Categorical(fair).LogProb(Tensor.From(new long[] { 7 })),
            "Categorical.log_prob([2.5])" => () => new Categorical(fair).LogProb(Tensor.From(new[] { 2.5f })),
            "Multinomial.log_prob" => () => new Multinomial(10, fair).LogProb(Tensor.From(new[] { 1f, 1, 1, 1, 1, 6 })),
            "Multinomial(-1)" => () => _ = new Multinomial(-1, fair),
            "Exponential(-1.)" => () => _ = new Exponential(-1.0),
            "Exponential.log_prob(-1.)" => () => new Exponential(1.0).LogProb(Tensor.Scalar(-1f)),
            "Gamma(1., 0.)" => () => _ = new Gamma(1.0, 0.0),
            "Beta(0., 1.)" => () => _ = new Beta(0.0, 1.0),
            "Beta.log_prob(1.5)" => () => new Beta(1.0, 1.0).LogProb(Tensor.Scalar(1.5f)),
            "Dirichlet 0-d" => () => _ = new Dirichlet(Tensor.Scalar(1f)),
            "Dirichlet.log_prob" => () => new Dirichlet(Tensor.From(new[] { 0.5f, 0.5f })).LogProb(Tensor.From(new[] { 0.5f, 0.6f })),
            "Poisson(-1.)" => () => _ = new Poisson(-1.0),
            "Poisson.log_prob(1.5)" => () => new Poisson(1.0).LogProb(Tensor.Scalar(1.5f)),
            "Geometric(0.)" => () => _ = new Geometric(0.0),
            "Geometric(1.5)" => () => _ = new Geometric(1.5),
            "Laplace(0., 0.)" => () => _ = new Laplace(0.0, 0.0),
            "Binomial(10, 1.5)" => () => _ = new Binomial(10, probs: Tensor.Scalar(1.5f)),
            "Binomial(2.5, .5)" => () => _ = new Binomial(2.5, probs: Tensor.Scalar(0.5f)),
            "Binomial.log_prob(11.)" => () => new Binomial(10, probs: Tensor.Scalar(0.5f)).LogProb(Tensor.Scalar(11f)),
            "MVN not PD" => () => _ = new MultivariateNormal(Tensor.Zeros(2), Tensor.From(new[,] { { 1f, 2 }, { 2, 1 } })),
            "MVN not symmetric" => () => _ = new MultivariateNormal(Tensor.Zeros(2), Tensor.From(new[,] { { 1f, 2 }, { 0, 1 } })),
            "MVN scale_tril upper" => () => _ = new MultivariateNormal(Tensor.Zeros(2), scaleTril: Tensor.From(new[,] { { 1f, 2 }, { 0, 1 } })),
            "MVN no matrix" => () => _ = new MultivariateNormal(Tensor.Zeros(2)),
            "MVN 0-d loc" => () => _ = new MultivariateNormal(Tensor.Scalar(0f), Tensor.Eye(2)),
            "MVN 1-D covariance" => () => _ = new MultivariateNormal(Tensor.Zeros(2), Tensor.Ones(2)),
            "MVN.log_prob event" => () => mvn.LogProb(Tensor.Ones(3)),
            _ => throw new ArgumentException(what),
        };
        Assert.Equal(message, Assert.Throws<ArgumentException>(action).Message);
    }
}

/// <summary>Distribution.DefaultValidateArgs is process-wide, so this runs alone.</summary>
[Collection(ProcessWideCounters.Name)]
public class DistributionValidationSwitchTests
{
    [Fact]
    public void DefaultValidateArgsTurnsValidationOff()
    {
        Assert.True(Distribution.DefaultValidateArgs);
        Distribution.DefaultValidateArgs = false;
        try
        {
            var d = new Normal(0.0, -1.0);
            Assert.False(d.ValidateArgs);
            Assert.True(new Normal(0.0, 1.0, validateArgs: true).ValidateArgs);
        }
        finally { Distribution.DefaultValidateArgs = true; }
        Assert.Throws<ArgumentException>(() => new Normal(0.0, -1.0));
    }
}
