namespace Nabla.Distributions;

/// <summary>
/// The multinomial distribution (torch.distributions.Multinomial): counts of each of K categories
/// in <see cref="TotalCount"/> independent categorical draws. Events are vectors of K counts
/// (EventShape [K]) in the parameter's floating dtype.
/// </summary>
/// <example>
/// <code>
/// var fair = Tensor.Ones(6) / 6;
/// Tensor one = new Multinomial(1, fair).Sample();          // one-hot, shape [6]
/// Tensor groups = new Multinomial(10, fair).Sample(500);   // shape [500, 6], rows sum to 10
/// </code>
/// </example>
public sealed class Multinomial : Distribution
{
    private readonly Categorical categorical;

    /// <summary>A multinomial distribution of <paramref name="totalCount"/> draws from <paramref name="probs"/> or <paramref name="logits"/> (exactly one, normalised as <see cref="Categorical"/>'s).</summary>
    /// <exception cref="ArgumentException">Both or neither of probs and logits are given, a negative count; with validation on, invalid probabilities.</exception>
    /// <example><c>new Multinomial(10, Tensor.Ones(6) / 6)</c></example>
    public Multinomial(long totalCount = 1, Tensor? probs = null, Tensor? logits = null, bool? validateArgs = null)
        : this(totalCount, new Categorical(probs, logits, validateArgs), validateArgs) { }

    private Multinomial(long totalCount, Categorical categorical, bool? validateArgs)
        : base(categorical.BatchShape, [categorical.NumEvents], validateArgs)
    {
        // PyTorch builds a Binomial(total_count, probs) here, whose validation rejects a negative count.
        if (totalCount < 0) _ = new Binomial(totalCount, probs: categorical.Probs, validateArgs: true);
        TotalCount = totalCount;
        this.categorical = categorical;
    }

    /// <summary>The number of draws n (total_count).</summary>
    /// <example><c>new Multinomial(10, Tensor.Ones(6) / 6).TotalCount</c></example>
    public long TotalCount { get; }

    /// <summary>The normalised category probabilities (probs).</summary>
    /// <example><c>new Multinomial(10, Tensor.Ones(6) / 6).Probs</c></example>
    public Tensor Probs => categorical.Probs;

    /// <summary>The normalised log-probabilities (logits).</summary>
    /// <example><c>new Multinomial(10, Tensor.Ones(6) / 6).Logits</c></example>
    public Tensor Logits => categorical.Logits;

    /// <summary>Count vectors summing to at most n (PyTorch checks ≤).</summary>
    /// <example><c>new Multinomial(10, Tensor.Ones(6) / 6).Support</c></example>
    public override Constraint Support => Constraints.Multinomial(TotalCount);

    /// <summary>n·p</summary>
    /// <example><c>new Multinomial(10, Tensor.Ones(6) / 6).Mean</c></example>
    public override Tensor Mean => Probs * TotalCount;

    /// <summary>n·p(1 - p)</summary>
    /// <example><c>new Multinomial(10, Tensor.Ones(6) / 6).Variance</c></example>
    public override Tensor Variance => TotalCount * Probs * (1L - Probs);

    /// <summary>n categorical draws per sample and batch element, counted per category.</summary>
    protected override Tensor SampleCore(Shape shape, Generator generator)
    {
        long k = categorical.NumEvents, rows = shape.Numel / Math.Max(1, k);
        if (shape.Numel == 0 || TotalCount == 0) return Tensor.Zeros(shape.Sizes, Probs.DType);
        // Batch rows repeat across samples: row r of the result uses probability row r % batch.
        long batch = Math.Max(1, BatchShape.Numel);
        var p = Probs.Reshape(batch, k).Expand(rows / batch, batch, k).Reshape(rows, k);
        var draws = Tensor.Multinomial(p, TotalCount, replacement: true, generator).ToArray<long>();
        var counts = new double[rows * k];
        for (long r = 0; r < rows; r++)
            for (long j = 0; j < TotalCount; j++)
                counts[r * k + draws[r * TotalCount + j]]++;
        return Tensor.From<double>(counts, shape.Sizes).To(Probs.DType);
    }

    /// <summary>log n! - Σ log xᵢ! + Σ xᵢ·log pᵢ (0·log 0 taken as 0).</summary>
    /// <example><c>new Multinomial(10, Tensor.Ones(6) / 6).LogProb(Tensor.From(new[] { 1f, 1f, 2f, 2f, 2f, 2f }))</c></example>
    public override Tensor LogProb(Tensor value)
    {
        ValidateSample(value);
        var b = BroadcastAll(Logits, value);
        var (logits, x) = (b[0], b[1]);
        var logFactorialN = Functions.Lgamma(x.Sum(-1) + 1L);
        var logFactorialXs = Functions.Lgamma(x + 1L).Sum(-1);
        logits = Tensor.Where((x == 0L) & (logits == double.NegativeInfinity), 0L, logits);
        return logFactorialN - logFactorialXs + (logits * x).Sum(-1);
    }

    /// <summary>n·H(categorical) - log n! + Σₖ E[log xₖ!] with xₖ binomial(n, pₖ), as PyTorch.</summary>
    /// <example><c>new Multinomial(10, Tensor.Ones(6) / 6).Entropy()</c></example>
    public override Tensor Entropy()
    {
        var binomial = new Binomial(TotalCount, probs: Probs, validateArgs: false);
        var n = Tensor.Scalar(TotalCount).To(Probs.DType);
        var term1 = n * categorical.Entropy() - Functions.Lgamma(n + 1L);
        var support = binomial.EnumerateSupport(expand: false)[1..];
        var binomialProbs = Tensor.Exp(binomial.LogProb(support));
        var weights = Functions.Lgamma(support + 1L);
        return term1 + (binomialProbs * weights).Sum([0, -1]);
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor Value)> DisplayedParameters => [];
}
