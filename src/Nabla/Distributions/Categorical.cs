namespace Nabla.Distributions;

/// <summary>
/// The categorical distribution over {0, …, K-1} (torch.distributions.Categorical), from
/// probabilities or logits along the last dimension, which are normalised: probs are divided by
/// their sum, logits shifted by their log-sum-exp. The other dimensions are the batch.
/// </summary>
/// <example>
/// <code>
/// var fair = Tensor.Ones(6) / 6;
/// Distribution d = new Categorical(probs: fair);
/// Tensor lp = d.LogProb(Tensor.From(new long[] { 2 }));   // [-1.7918]
/// Tensor rolls = d.Sample(10);                            // Int64, shape [10]
/// </code>
/// </example>
public sealed class Categorical : Distribution
{
    private readonly bool fromProbs;
    private Tensor? probs, logits;

    /// <summary>A categorical distribution from <paramref name="probs"/> (non-negative, any positive sum) or <paramref name="logits"/> (unnormalised log-probabilities), exactly one, at least 1-D.</summary>
    /// <exception cref="ArgumentException">Both or neither are given, the parameter is 0-d; with validation on, a negative or non-finite probability (after normalisation) or a NaN logit.</exception>
    /// <example><c>new Categorical(probs: Tensor.Ones(6) / 6)</c></example>
    public Categorical(Tensor? probs = null, Tensor? logits = null, bool? validateArgs = null)
        : base(BatchOf(probs, logits), [], validateArgs)
    {
        fromProbs = probs is not null;
        if (probs is not null)
        {
            this.probs = probs / probs.Sum(-1, keepDim: true);
            CheckParameter("probs", this.probs, Constraints.Simplex);
        }
        else
        {
            this.logits = logits! - logits!.LogSumExp(-1, keepDim: true);
            CheckParameter("logits", this.logits, Constraints.RealVector);
        }
        NumEvents = (probs ?? logits)!.Shape[-1];
    }

    private static Shape BatchOf(Tensor? probs, Tensor? logits)
    {
        var shape = Bernoulli.ParameterShape(probs, logits);
        if (shape.Rank < 1) throw new ArgumentException($"`{(probs is not null ? "probs" : "logits")}` parameter must be at least one-dimensional.");
        return new Shape(shape.Sizes[..^1]);
    }

    /// <summary>The number of categories K.</summary>
    /// <example><c>new Categorical(probs: Tensor.Ones(6) / 6).NumEvents</c></example>
    public long NumEvents { get; }

    /// <summary>The normalised probabilities (probs), shape BatchShape + [K].</summary>
    /// <example><c>new Categorical(probs: Tensor.Ones(6) / 6).Probs</c></example>
    public Tensor Probs => probs ??= Functions.LogitsToProbs(logits!, binary: false);

    /// <summary>The normalised log-probabilities (logits), shape BatchShape + [K]; from probs, log of the clamped probabilities.</summary>
    /// <example><c>new Categorical(probs: Tensor.Ones(6) / 6).Logits</c></example>
    public Tensor Logits => logits ??= Functions.ProbsToLogits(probs!, binary: false);

    /// <summary>The integers 0..K-1.</summary>
    /// <example><c>new Categorical(probs: Tensor.Ones(6) / 6).Support</c></example>
    public override Constraint Support => Constraints.IntegerInterval(0L, NumEvents - 1);

    /// <summary>NaN (a category index has no meaningful mean), as PyTorch.</summary>
    /// <example><c>new Categorical(probs: Tensor.Ones(6) / 6).Mean</c></example>
    public override Tensor Mean => Tensor.Full(BatchShape.Sizes, double.NaN, Probs.DType);

    /// <summary>The most probable category.</summary>
    /// <example><c>new Categorical(probs: Tensor.Ones(6) / 6).Mode</c></example>
    public override Tensor Mode => Probs.ArgMax(-1);

    /// <summary>NaN, as PyTorch.</summary>
    /// <example><c>new Categorical(probs: Tensor.Ones(6) / 6).Variance</c></example>
    public override Tensor Variance => Tensor.Full(BatchShape.Sizes, double.NaN, Probs.DType);

    /// <summary>Int64 category indices by inverse-CDF sampling of each batch row.</summary>
    protected override Tensor SampleCore(Shape shape, Generator generator)
    {
        long samples = shape.Numel / Math.Max(1, BatchShape.Numel);
        if (shape.Numel == 0) return Tensor.Zeros(shape.Sizes, DType.Int64);
        var rows = Probs.Reshape(-1, NumEvents);
        var drawn = Tensor.Multinomial(rows, samples, replacement: true, generator);  // [rows, samples]
        return drawn.T.Contiguous().Reshape(shape.Sizes);
    }

    /// <summary>The normalised logit of each category in <paramref name="value"/>; value broadcasts with the batch.</summary>
    /// <example><c>new Categorical(probs: Tensor.Ones(6) / 6).LogProb(Tensor.From(new long[] { 2 }))</c></example>
    public override Tensor LogProb(Tensor value)
    {
        ValidateSample(value);
        var index = value.To(DType.Int64).Unsqueeze(-1);
        var hit = index == Tensor.Arange(NumEvents);
        return Tensor.Where(hit, Logits, 0L).Sum(-1);
    }

    /// <summary>-Σ p log p, with -∞ logits clamped to the dtype's most negative number.</summary>
    /// <example><c>new Categorical(probs: Tensor.Ones(6) / 6).Entropy()</c></example>
    public override Tensor Entropy()
    {
        var clamped = Logits.Clamp(min: Functions.MinValue(Logits.DType));
        return -(clamped * Probs).Sum(-1);
    }

    /// <summary>0..K-1 (Int64) along a new leading dimension.</summary>
    /// <example><c>new Categorical(probs: Tensor.Ones(6) / 6).EnumerateSupport()</c></example>
    public override Tensor EnumerateSupport(bool expand = true) => Bernoulli.Enumerate(NumEvents, DType.Int64, BatchShape, expand);

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor Value)> DisplayedParameters => [fromProbs ? ("probs", Probs) : ("logits", Logits)];
}
