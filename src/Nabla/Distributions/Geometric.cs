namespace Nabla.Distributions;

/// <summary>
/// The geometric distribution (torch.distributions.Geometric): the number of failures before the
/// first success in Bernoulli trials with success probability p, on {0, 1, 2, …}.
/// </summary>
/// <example><c>new Geometric(0.25).Mean</c> is 3.</example>
public sealed class Geometric : Distribution
{
    private readonly bool fromProbs;
    private Tensor? probs, logits;

    /// <summary>A geometric distribution from <paramref name="probs"/> (in (0, 1]) or <paramref name="logits"/> (exactly one).</summary>
    /// <exception cref="ArgumentException">Both or neither are given; with validation on, a probability outside (0, 1] or a NaN logit.</exception>
    /// <example><c>new Geometric(0.25)</c></example>
    public Geometric(Tensor? probs = null, Tensor? logits = null, bool? validateArgs = null)
        : base(Bernoulli.ParameterShape(probs, logits), [], validateArgs)
    {
        fromProbs = probs is not null;
        if (probs is not null)
        {
            this.probs = BroadcastAll(probs)[0];
            CheckParameter("probs", this.probs, Constraints.UnitInterval);
            if (ValidateArgs && !(bool)(this.probs > 0L).All())
                throw new ArgumentException(
                    $"Expected parameter probs (Tensor of shape {PyShape(this.probs.Shape)}) of distribution {this} to be positive but found invalid values:\n{this.probs.Detach()[this.probs <= 0L]}");
        }
        else
        {
            this.logits = BroadcastAll(logits!)[0];
            CheckParameter("logits", this.logits, Constraints.Real);
        }
    }

    /// <summary>The success probability p (probs).</summary>
    /// <example><c>new Geometric(0.25).Probs</c></example>
    public Tensor Probs => probs ??= Functions.LogitsToProbs(logits!, binary: true);

    /// <summary>The log-odds of success (logits).</summary>
    /// <example><c>new Geometric(0.25).Logits</c></example>
    public Tensor Logits => logits ??= Functions.ProbsToLogits(probs!, binary: true);

    /// <inheritdoc/>
    public override Constraint Support => Constraints.NonNegativeInteger;

    /// <summary>1/p - 1</summary>
    /// <example><c>new Geometric(0.25).Mean</c></example>
    public override Tensor Mean => 1.0 / Probs - 1.0;

    /// <summary>0</summary>
    /// <example><c>new Geometric(0.25).Mode</c></example>
    public override Tensor Mode => Tensor.ZerosLike(Probs);

    /// <summary>(1/p - 1)/p</summary>
    /// <example><c>new Geometric(0.25).Variance</c></example>
    public override Tensor Variance => (1.0 / Probs - 1.0) / Probs;

    /// <summary>floor(log u / log(1 - p)) with u uniform in [tiny, 1), as PyTorch.</summary>
    protected override Tensor SampleCore(Shape shape, Generator generator)
    {
        var u = Tensor.Empty(shape.Sizes, Probs.DType).FillUniform(Functions.Tiny(Probs.DType), 1, generator);
        return (u.Log() / Tensor.Log1p(-Probs)).Floor();
    }

    /// <summary>k·log(1 - p) + log p (0 at k = 0 when p = 1).</summary>
    /// <example><c>new Geometric(0.25).LogProb(Tensor.From(new[] { 3f }))</c></example>
    public override Tensor LogProb(Tensor value)
    {
        ValidateSample(value);
        var b = BroadcastAll(value, Probs);
        var p = Tensor.Where((b[1] == 1L) & (b[0] == 0L), 0L, b[1]);
        return b[0] * Tensor.Log1p(-p) + Probs.Log();
    }

    /// <summary>BCEWithLogits(logits, p) / p</summary>
    /// <example><c>new Geometric(0.25).Entropy()</c></example>
    public override Tensor Entropy() => Functions.BinaryCrossEntropyWithLogits(Logits, Probs) / Probs;

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor Value)> DisplayedParameters => [fromProbs ? ("probs", Probs) : ("logits", Logits)];
}
