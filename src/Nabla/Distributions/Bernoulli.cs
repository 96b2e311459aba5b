namespace Nabla.Distributions;

/// <summary>
/// The Bernoulli distribution over {0, 1}, parameterised by the probability of 1 or by its
/// log-odds (torch.distributions.Bernoulli). Samples have the parameter's floating dtype.
/// </summary>
/// <example><c>var coin = new Bernoulli(0.3); Tensor flips = coin.Sample(10); Tensor h = coin.Entropy();</c></example>
public sealed class Bernoulli : Distribution
{
    private readonly bool fromProbs;
    private Tensor? probs, logits;

    /// <summary>A Bernoulli distribution from <paramref name="probs"/> or <paramref name="logits"/> (exactly one).</summary>
    /// <exception cref="ArgumentException">Both or neither are given; with validation on, a probability outside [0, 1] or a NaN logit.</exception>
    /// <example><c>new Bernoulli(0.3)</c></example>
    public Bernoulli(Tensor? probs = null, Tensor? logits = null, bool? validateArgs = null)
        : base(ParameterShape(probs, logits), [], validateArgs)
    {
        fromProbs = probs is not null;
        if (probs is not null)
        {
            this.probs = BroadcastAll(probs)[0];
            CheckParameter("probs", this.probs, Constraints.UnitInterval);
        }
        else
        {
            this.logits = BroadcastAll(logits!)[0];
            CheckParameter("logits", this.logits, Constraints.Real);
        }
    }

    /// <summary>The shape of the one given parameter, after checking that exactly one is given.</summary>
    internal static Shape ParameterShape(Tensor? probs, Tensor? logits)
    {
        if ((probs is null) == (logits is null)) throw new ArgumentException("Either `probs` or `logits` must be specified, but not both.");
        return (probs ?? logits)!.Shape;
    }

    /// <summary>The probability of 1 (probs); the sigmoid of <see cref="Logits"/> when constructed from logits.</summary>
    /// <example><c>new Bernoulli(0.3).Probs</c></example>
    public Tensor Probs => probs ??= Functions.LogitsToProbs(logits!, binary: true);

    /// <summary>The log-odds log(p / (1 - p)) (logits), computed from clamped probabilities when constructed from probs.</summary>
    /// <example><c>new Bernoulli(0.3).Logits</c></example>
    public Tensor Logits => logits ??= Functions.ProbsToLogits(probs!, binary: true);

    /// <inheritdoc/>
    public override Constraint Support => Constraints.Boolean;

    /// <summary>p</summary>
    /// <example><c>new Bernoulli(0.3).Mean</c></example>
    public override Tensor Mean => Probs;

    /// <summary>1 where p &gt; ½, 0 where p &lt; ½, NaN at ½.</summary>
    /// <example><c>new Bernoulli(0.3).Mode</c></example>
    public override Tensor Mode => Tensor.Where(Probs == 0.5, double.NaN, (Probs >= 0.5).To(Probs.DType));

    /// <summary>p(1 - p)</summary>
    /// <example><c>new Bernoulli(0.3).Variance</c></example>
    public override Tensor Variance => Probs * (1L - Probs);

    /// <inheritdoc/>
    protected override Tensor SampleCore(Shape shape, Generator generator) => Tensor.Bernoulli(Probs.Expand(shape.Sizes), generator);

    /// <summary>-BCEWithLogits(logits, x): x·log p + (1 - x)·log(1 - p), computed stably from logits.</summary>
    /// <example><c>new Bernoulli(0.3).LogProb(Tensor.From(new[] { 1f }))</c></example>
    public override Tensor LogProb(Tensor value)
    {
        ValidateSample(value);
        var p = BroadcastAll(Logits, value);
        return -Functions.BinaryCrossEntropyWithLogits(p[0], p[1]);
    }

    /// <summary>BCEWithLogits(logits, p)</summary>
    /// <example><c>new Bernoulli(0.3).Entropy()</c></example>
    public override Tensor Entropy() => Functions.BinaryCrossEntropyWithLogits(Logits, Probs);

    /// <summary>[0, 1] along a new leading dimension.</summary>
    /// <example><c>new Bernoulli(0.3).EnumerateSupport()</c></example>
    public override Tensor EnumerateSupport(bool expand = true) => Enumerate(2, (probs ?? logits)!.DType, BatchShape, expand);

    /// <summary>arange(count) shaped [count, 1, …] (one 1 per batch dim), expanded over the batch when asked.</summary>
    internal static Tensor Enumerate(long count, DType dtype, Shape batch, bool expand)
    {
        var values = Tensor.Arange(count, dtype: dtype).Reshape([count, .. Enumerable.Repeat(1L, batch.Rank)]);
        return expand ? values.Expand([count, .. batch.Sizes]) : values;
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor Value)> DisplayedParameters => [fromProbs ? ("probs", Probs) : ("logits", Logits)];
}
