namespace Nabla.Distributions;

/// <summary>
/// Functions over distributions (torch.distributions.kl): the Kullback–Leibler divergence and its
/// registry of closed forms.
/// </summary>
/// <remarks>
/// Code inside a namespace under <c>Nabla</c> sees <c>Nabla.Distributions</c> as a namespace first;
/// there write <see cref="Distribution.KlDivergence"/> (the same function) or <c>Nabla.Distributions.Distributions.KlDivergence</c>.
/// </remarks>
/// <example><c>Tensor kl = Distributions.KlDivergence(new Normal(0.0, 1.0), new Normal(1.0, 2.0));</c></example>
public static class Distributions
{
    private static readonly Dictionary<(Type P, Type Q), Func<Distribution, Distribution, Tensor>> Registry = new();
    private static readonly Lock Gate = new();

    static Distributions()
    {
        Register<Normal, Normal>(NormalNormal);
        Register<Bernoulli, Bernoulli>(BernoulliBernoulli);
        Register<Categorical, Categorical>(CategoricalCategorical);
        Register<Uniform, Uniform>(UniformUniform);
        Register<Exponential, Exponential>((p, q) => { var r = q.Rate / p.Rate; return -r.Log() + r - 1L; });
        Register<Gamma, Gamma>(GammaGamma);
        Register<Beta, Beta>(BetaBeta);
        Register<Dirichlet, Dirichlet>(DirichletDirichlet);
        Register<Laplace, Laplace>(LaplaceLaplace);
        Register<Poisson, Poisson>((p, q) => p.Rate * (p.Rate.Log() - q.Rate.Log()) - (p.Rate - q.Rate));
        Register<MultivariateNormal, MultivariateNormal>(MvnMvn);
        Register<Geometric, Geometric>((p, q) => -p.Entropy() - Tensor.Log1p(-q.Probs) / p.Probs - q.Logits);
        Register<Binomial, Binomial>(BinomialBinomial);
    }

    /// <summary>KL(p ‖ q) = E_p[log p(x) - log q(x)], of the broadcast batch shape (torch.distributions.kl_divergence).</summary>
    /// <exception cref="NotSupportedException">No closed form is registered for the pair of types (PyTorch's NotImplementedError), or the pair is not supported (binomials with q's count above p's).</exception>
    /// <exception cref="ArgumentException">Multivariate normals with different event shapes.</exception>
    /// <example><c>Distributions.KlDivergence(new Bernoulli(0.3), new Bernoulli(0.5))</c></example>
    public static Tensor KlDivergence(Distribution p, Distribution q)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        Func<Distribution, Distribution, Tensor>? function = null;
        lock (Gate)
            for (var tp = p.GetType(); tp is not null && function is null; tp = tp.BaseType)
                for (var tq = q.GetType(); tq is not null && function is null; tq = tq.BaseType)
                    Registry.TryGetValue((tp, tq), out function);
        if (function is null)
            throw new NotSupportedException($"No KL(p || q) is implemented for p type {p.GetType().Name} and q type {q.GetType().Name}");
        return function(p, q);
    }

    /// <summary>Registers (or replaces) the closed form of KL(p ‖ q) for distributions of types <typeparamref name="TP"/> and <typeparamref name="TQ"/> (torch.distributions.kl.register_kl); the most derived registered pair wins.</summary>
    /// <example><c>Distributions.RegisterKl&lt;MyDist, Normal&gt;((p, q) => ...);</c></example>
    public static void RegisterKl<TP, TQ>(Func<TP, TQ, Tensor> function) where TP : Distribution where TQ : Distribution
    {
        ArgumentNullException.ThrowIfNull(function);
        Register(function);
    }

    private static void Register<TP, TQ>(Func<TP, TQ, Tensor> function) where TP : Distribution where TQ : Distribution
    {
        lock (Gate) Registry[(typeof(TP), typeof(TQ))] = (p, q) => function((TP)p, (TQ)q);
    }

    private static Tensor NormalNormal(Normal p, Normal q)
    {
        var varRatio = (p.Scale / q.Scale).Pow(2L);
        var t1 = ((p.Loc - q.Loc) / q.Scale).Pow(2L);
        return 0.5 * (varRatio + t1 - 1L - varRatio.Log());
    }

    private static Tensor BernoulliBernoulli(Bernoulli p, Bernoulli q)
    {
        var t1 = p.Probs * (Functions.Softplus(-q.Logits) - Functions.Softplus(-p.Logits));
        t1 = Tensor.Where(p.Probs == 0L, 0L, Tensor.Where(q.Probs == 0L, double.PositiveInfinity, t1));
        var t2 = (1L - p.Probs) * (Functions.Softplus(q.Logits) - Functions.Softplus(p.Logits));
        t2 = Tensor.Where(p.Probs == 1L, 0L, Tensor.Where(q.Probs == 1L, double.PositiveInfinity, t2));
        return t1 + t2;
    }

    private static Tensor CategoricalCategorical(Categorical p, Categorical q)
    {
        var t = p.Probs * (p.Logits - q.Logits);
        t = Tensor.Where(p.Probs == 0L, 0L, Tensor.Where(q.Probs == 0L, double.PositiveInfinity, t));
        return t.Sum(-1);
    }

    private static Tensor UniformUniform(Uniform p, Uniform q)
    {
        var result = ((q.High - q.Low) / (p.High - p.Low)).Log();
        return Tensor.Where((q.Low > p.Low) | (q.High < p.High), double.PositiveInfinity, result);
    }

    private static Tensor GammaGamma(Gamma p, Gamma q)
    {
        var t1 = q.Concentration * (p.Rate / q.Rate).Log();
        var t2 = Functions.Lgamma(q.Concentration) - Functions.Lgamma(p.Concentration);
        var t3 = (p.Concentration - q.Concentration) * Functions.Digamma(p.Concentration);
        var t4 = (q.Rate - p.Rate) * (p.Concentration / p.Rate);
        return t1 + t2 + t3 + t4;
    }

    private static Tensor BetaBeta(Beta p, Beta q)
    {
        var sumP = p.Concentration1 + p.Concentration0;
        var sumQ = q.Concentration1 + q.Concentration0;
        var t1 = Functions.Lgamma(q.Concentration1) + Functions.Lgamma(q.Concentration0) + Functions.Lgamma(sumP);
        var t2 = Functions.Lgamma(p.Concentration1) + Functions.Lgamma(p.Concentration0) + Functions.Lgamma(sumQ);
        var t3 = (p.Concentration1 - q.Concentration1) * Functions.Digamma(p.Concentration1);
        var t4 = (p.Concentration0 - q.Concentration0) * Functions.Digamma(p.Concentration0);
        var t5 = (sumQ - sumP) * Functions.Digamma(sumP);
        return t1 - t2 + t3 + t4 + t5;
    }

    private static Tensor DirichletDirichlet(Dirichlet p, Dirichlet q)
    {
        var sumP = p.Concentration.Sum(-1);
        var sumQ = q.Concentration.Sum(-1);
        var t1 = Functions.Lgamma(sumP) - Functions.Lgamma(sumQ);
        var t2 = (Functions.Lgamma(p.Concentration) - Functions.Lgamma(q.Concentration)).Sum(-1);
        var t3 = p.Concentration - q.Concentration;
        var t4 = Functions.Digamma(p.Concentration) - Functions.Digamma(sumP).Unsqueeze(-1);
        return t1 - t2 + (t3 * t4).Sum(-1);
    }

    private static Tensor LaplaceLaplace(Laplace p, Laplace q)
    {
        var scaleRatio = p.Scale / q.Scale;
        var locAbsDiff = (p.Loc - q.Loc).Abs();
        return -scaleRatio.Log() + locAbsDiff / q.Scale + scaleRatio * Tensor.Exp(-locAbsDiff / p.Scale) - 1L;
    }

    private static Tensor MvnMvn(MultivariateNormal p, MultivariateNormal q)
    {
        if (p.EventShape != q.EventShape)
            throw new ArgumentException("KL-divergence between two Multivariate Normals with different event shapes cannot be computed");
        var (lp, lq) = (p.UnbroadcastedScaleTril, q.UnbroadcastedScaleTril);
        var halfTerm1 = MultivariateNormal.HalfLogDet(lq) - MultivariateNormal.HalfLogDet(lp);
        long n = p.EventShape[0];
        var batch = Layout.Broadcast(new Shape(lq.Shape.Sizes[..^2]), new Shape(lp.Shape.Sizes[..^2]));
        var solved = MatrixFunctions.SolveLower(lq.Expand([.. batch.Sizes, n, n]), lp.Expand([.. batch.Sizes, n, n]));
        var term2 = solved.Pow(2L).Sum([-2, -1]);
        var term3 = MatrixFunctions.Mahalanobis(lq, q.Loc - p.Loc);
        return halfTerm1 + 0.5 * (term2 + term3 - n);
    }

    private static Tensor BinomialBinomial(Binomial p, Binomial q)
    {
        if ((bool)(p.TotalCount < q.TotalCount).Any())
            throw new NotSupportedException("KL between Binomials where q.total_count > p.total_count is not implemented");
        var kl = p.TotalCount * (p.Probs * (p.Logits - q.Logits) + Tensor.Log1p(-p.Probs) - Tensor.Log1p(-q.Probs));
        return Tensor.Where(p.TotalCount > q.TotalCount, double.PositiveInfinity, kl);
    }
}
