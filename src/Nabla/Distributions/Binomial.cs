namespace Nabla.Distributions;

/// <summary>
/// The binomial distribution (torch.distributions.Binomial): the number of successes in
/// <see cref="TotalCount"/> independent trials with success probability p. The count is stored
/// in the parameter's floating dtype and may differ across the batch.
/// </summary>
/// <example><c>var b = new Binomial(10, probs: 0.5); Tensor lp = b.LogProb(Tensor.From(new[] { 5f }));</c></example>
public sealed class Binomial : Distribution
{
    private readonly bool fromProbs;
    private Tensor? probs, logits;

    /// <summary>A binomial distribution of <paramref name="totalCount"/> trials with <paramref name="probs"/> or <paramref name="logits"/> (exactly one); the count broadcasts with the parameter.</summary>
    /// <exception cref="ArgumentException">Both or neither of probs and logits are given; with validation on, a count that is not a non-negative integer or a probability outside [0, 1].</exception>
    /// <example><c>new Binomial(10, probs: 0.5)</c></example>
    public Binomial(Tensor? totalCount = null, Tensor? probs = null, Tensor? logits = null, bool? validateArgs = null)
        : this(Split(totalCount ?? 1L, probs, logits), probs is not null, validateArgs) { }

    private Binomial(Tensor[] p, bool fromProbs, bool? validateArgs) : base(p[1].Shape, [], validateArgs)
    {
        this.fromProbs = fromProbs;
        TotalCount = p[0];
        if (fromProbs) probs = p[1];
        else logits = p[1];
        CheckParameter("total_count", TotalCount, Constraints.NonNegativeInteger);
        if (fromProbs) CheckParameter("probs", probs!, Constraints.UnitInterval);
        else CheckParameter("logits", logits!, Constraints.Real);
    }

    private static Tensor[] Split(Tensor totalCount, Tensor? probs, Tensor? logits)
    {
        Bernoulli.ParameterShape(probs, logits);
        return BroadcastAll(totalCount, (probs ?? logits)!);
    }

    /// <summary>The number of trials n (total_count), in the parameter's dtype.</summary>
    /// <example><c>new Binomial(10, probs: 0.5).TotalCount</c></example>
    public Tensor TotalCount { get; }

    /// <summary>The success probability p (probs).</summary>
    /// <example><c>new Binomial(10, probs: 0.5).Probs</c></example>
    public Tensor Probs => probs ??= Functions.LogitsToProbs(logits!, binary: true);

    /// <summary>The log-odds of success (logits).</summary>
    /// <example><c>new Binomial(10, probs: 0.5).Logits</c></example>
    public Tensor Logits => logits ??= Functions.ProbsToLogits(probs!, binary: true);

    /// <summary>The integers 0..n (integer_interval(0, total_count)).</summary>
    /// <example><c>new Binomial(10, probs: 0.5).Support</c></example>
    public override Constraint Support => Constraints.IntegerInterval(0L, TotalCount);

    /// <summary>np</summary>
    /// <example><c>new Binomial(10, probs: 0.5).Mean</c></example>
    public override Tensor Mean => TotalCount * Probs;

    /// <summary>floor((n + 1)p), at most n.</summary>
    /// <example><c>new Binomial(10, probs: 0.5).Mode</c></example>
    public override Tensor Mode => ((TotalCount + 1L) * Probs).Floor().Clamp(max: TotalCount);

    /// <summary>np(1 - p)</summary>
    /// <example><c>new Binomial(10, probs: 0.5).Variance</c></example>
    public override Tensor Variance => TotalCount * Probs * (1L - Probs);

    /// <summary>Inversion for small means, Hörmann's BTRS otherwise (as torch.binomial).</summary>
    protected override Tensor SampleCore(Shape shape, Generator generator)
    {
        var counts = TotalCount.Expand(shape.Sizes).ToArray<double>();
        var p = Probs.Expand(shape.Sizes).ToArray<double>();
        return Tensor.From<double>(Samplers.Binomial(counts, p, generator), shape.Sizes).To(Probs.DType);
    }

    /// <summary>log C(n, k) + k·logit - n·log(1 + e^logit), computed from logits as PyTorch.</summary>
    /// <example><c>new Binomial(10, probs: 0.5).LogProb(Tensor.From(new[] { 5f }))</c></example>
    public override Tensor LogProb(Tensor value)
    {
        ValidateSample(value);
        var n = TotalCount;
        var logFactorialN = Functions.Lgamma(n + 1L);
        var logFactorialK = Functions.Lgamma(value + 1L);
        var logFactorialNmk = Functions.Lgamma(n - value + 1L);
        var normalize = n * Functions.ClampByZero(Logits) + n * Tensor.Log1p(Tensor.Exp(-Tensor.Abs(Logits))) - logFactorialN;
        return value * Logits - logFactorialK - logFactorialNmk - normalize;
    }

    /// <summary>-Σₖ P(k) log P(k) over 0..n.</summary>
    /// <exception cref="NotSupportedException">The total count differs across the batch.</exception>
    /// <example><c>new Binomial(10, probs: 0.5).Entropy()</c></example>
    public override Tensor Entropy()
    {
        HomogeneousCount("entropy");
        var logProb = LogProb(EnumerateSupport(expand: false));
        return -(Tensor.Exp(logProb) * logProb).Sum(0);
    }

    /// <summary>0, 1, …, n along a new leading dimension.</summary>
    /// <exception cref="NotSupportedException">The total count differs across the batch ("Inhomogeneous total count not supported").</exception>
    /// <example><c>new Binomial(10, probs: 0.5).EnumerateSupport()</c></example>
    public override Tensor EnumerateSupport(bool expand = true)
    {
        long n = HomogeneousCount("enumerate_support");
        return Bernoulli.Enumerate(n + 1, TotalCount.DType, BatchShape, expand);
    }

    /// <summary>The one total count of the batch.</summary>
    internal long HomogeneousCount(string operation)
    {
        long max = (long)TotalCount.Max().Item<double>();
        if (TotalCount.Min().Item<double>() != max)
            throw new NotSupportedException($"Inhomogeneous total count not supported by `{operation}`.");
        return max;
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor Value)> DisplayedParameters => [("total_count", TotalCount), fromProbs ? ("probs", Probs) : ("logits", Logits)];
}
