namespace Nabla.Distributions;

/// <summary>
/// The Dirichlet distribution over the probability simplex (torch.distributions.Dirichlet), with
/// concentration α along the last dimension (EventShape [K]). Reparameterisable: normalised gamma
/// samples, differentiable in α.
/// </summary>
/// <example><c>var d = new Dirichlet(Tensor.From(new[] { 1f, 2f, 3f })); Tensor p = d.RSample();</c> (sums to 1)</example>
public sealed class Dirichlet : Distribution
{
    /// <summary>A Dirichlet distribution (torch.distributions.Dirichlet(concentration)); at least 1-D, the leading dimensions are the batch.</summary>
    /// <exception cref="ArgumentException">The concentration is 0-d; with validation on, an entry that is not positive.</exception>
    /// <example><c>new Dirichlet(Tensor.From(new[] { 1f, 2f, 3f }))</c></example>
    public Dirichlet(Tensor concentration, bool? validateArgs = null)
        : base(BatchOf(concentration), [concentration.Shape[-1]], validateArgs)
    {
        Concentration = concentration.IsWrappedNumber || !concentration.DType.IsFloatingPoint ? concentration.To(DTypes.DefaultFloat) : concentration;
        CheckParameter("concentration", Concentration, Constraints.Independent(Constraints.Positive, 1));
    }

    private static Shape BatchOf(Tensor concentration)
    {
        ArgumentNullException.ThrowIfNull(concentration);
        if (concentration.Rank < 1) throw new ArgumentException("`concentration` parameter must be at least one-dimensional.");
        return new Shape(concentration.Shape.Sizes[..^1]);
    }

    /// <summary>The concentration α, shape BatchShape + [K] (concentration).</summary>
    /// <example><c>new Dirichlet(Tensor.From(new[] { 1f, 2f, 3f })).Concentration</c></example>
    public Tensor Concentration { get; }

    /// <inheritdoc/>
    public override Constraint Support => Constraints.Simplex;

    /// <inheritdoc/>
    public override bool HasRSample => true;

    /// <summary>α / Σα</summary>
    /// <example><c>new Dirichlet(Tensor.From(new[] { 1f, 2f, 3f })).Mean</c></example>
    public override Tensor Mean => Concentration / Concentration.Sum(-1, keepDim: true);

    /// <summary>(α - 1)₊ normalised; where every αᵢ &lt; 1, the one-hot vector of the largest.</summary>
    public override Tensor Mode
    {
        get
        {
            var shifted = (Concentration - 1L).Clamp(min: 0L);
            var mode = shifted / shifted.Sum(-1, keepDim: true);
            var allBelowOne = (Concentration < 1L).All(-1).Unsqueeze(-1);
            var oneHot = (Tensor.Arange(Concentration.Shape[-1]) == mode.ArgMax(-1).Unsqueeze(-1)).To(mode.DType);
            return Tensor.Where(allBelowOne, oneHot, mode);
        }
    }

    /// <summary>αᵢ(α₀ - αᵢ) / (α₀²(α₀ + 1)) with α₀ = Σα.</summary>
    public override Tensor Variance
    {
        get
        {
            var total = Concentration.Sum(-1, keepDim: true);
            return Concentration * (total - Concentration) / (total.Pow(2L) * (total + 1L));
        }
    }

    /// <summary>Gamma(αᵢ, 1) samples normalised to sum to 1.</summary>
    protected override Tensor RSampleCore(Shape shape, Generator generator)
    {
        var gammas = Functions.StandardGamma(Concentration.Expand(shape.Sizes), generator);
        return gammas / gammas.Sum(-1, keepDim: true);
    }

    /// <summary>Σ(αᵢ - 1) log xᵢ + log Γ(Σα) - Σ log Γ(αᵢ)</summary>
    /// <example><c>new Dirichlet(Tensor.From(new[] { 1f, 2f, 3f })).LogProb(Tensor.From(new[] { 0.2f, 0.3f, 0.5f }))</c></example>
    public override Tensor LogProb(Tensor value)
    {
        ValidateSample(value);
        return (Tensor.Log(value) * (Concentration - 1.0)).Sum(-1) + Functions.Lgamma(Concentration.Sum(-1)) - Functions.Lgamma(Concentration).Sum(-1);
    }

    /// <summary>Σ log Γ(αᵢ) - log Γ(α₀) - (K - α₀)ψ(α₀) - Σ(αᵢ - 1)ψ(αᵢ)</summary>
    /// <example><c>new Dirichlet(Tensor.From(new[] { 1f, 2f, 3f })).Entropy()</c></example>
    public override Tensor Entropy()
    {
        long k = Concentration.Shape[-1];
        var a0 = Concentration.Sum(-1);
        return Functions.Lgamma(Concentration).Sum(-1) - Functions.Lgamma(a0) - (k - a0) * Functions.Digamma(a0)
               - ((Concentration - 1.0) * Functions.Digamma(Concentration)).Sum(-1);
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor Value)> DisplayedParameters => [("concentration", Concentration)];
}
