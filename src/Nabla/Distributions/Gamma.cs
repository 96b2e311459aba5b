namespace Nabla.Distributions;

/// <summary>
/// The gamma distribution with shape α (<see cref="Concentration"/>) and rate β
/// (torch.distributions.Gamma): density βᵅxᵅ⁻¹e^(-βx)/Γ(α). Reparameterisable: samples are
/// differentiable in α (implicit reparameterisation) and β.
/// </summary>
/// <example><c>var g = new Gamma(2.0, 1.0); Tensor x = g.RSample(100); Tensor h = g.Entropy();</c></example>
public sealed class Gamma : Distribution
{
    /// <summary>A gamma distribution (torch.distributions.Gamma(concentration, rate)); the parameters broadcast.</summary>
    /// <exception cref="ArgumentException">With validation on, a parameter that is not positive; shapes that do not broadcast.</exception>
    /// <example><c>new Gamma(2.0, 1.0)</c></example>
    public Gamma(Tensor concentration, Tensor rate, bool? validateArgs = null) : this(BroadcastAll(concentration, rate), validateArgs) { }

    private Gamma(Tensor[] p, bool? validateArgs) : base(p[0].Shape, [], validateArgs)
    {
        (Concentration, Rate) = (p[0], p[1]);
        CheckParameter("concentration", Concentration, Constraints.Positive);
        CheckParameter("rate", Rate, Constraints.Positive);
    }

    /// <summary>The shape α (concentration).</summary>
    /// <example><c>new Gamma(2.0, 1.0).Concentration</c></example>
    public Tensor Concentration { get; }

    /// <summary>The rate β = 1 / scale (rate).</summary>
    /// <example><c>new Gamma(2.0, 1.0).Rate</c></example>
    public Tensor Rate { get; }

    /// <inheritdoc/>
    public override Constraint Support => Constraints.NonNegative;

    /// <inheritdoc/>
    public override bool HasRSample => true;

    /// <summary>α/β</summary>
    /// <example><c>new Gamma(2.0, 1.0).Mean</c></example>
    public override Tensor Mean => Concentration / Rate;

    /// <summary>max((α - 1)/β, 0)</summary>
    /// <example><c>new Gamma(2.0, 1.0).Mode</c></example>
    public override Tensor Mode => ((Concentration - 1L) / Rate).Clamp(min: 0L);

    /// <summary>α/β²</summary>
    /// <example><c>new Gamma(2.0, 1.0).Variance</c></example>
    public override Tensor Variance => Concentration / Rate.Pow(2L);

    /// <summary>Gamma(α, 1) samples (Marsaglia–Tsang) divided by β, at least finfo.tiny.</summary>
    protected override Tensor RSampleCore(Shape shape, Generator generator)
    {
        var value = Functions.StandardGamma(Concentration.Expand(shape.Sizes), generator) / Rate.Expand(shape.Sizes);
        using (Autograd.NoGrad()) Tensor.Clamp(value.Detach(), min: Functions.Tiny(value.DType), destination: value.Detach());
        return value;
    }

    /// <summary>α log β + (α - 1) log x - βx - log Γ(α)</summary>
    /// <example><c>new Gamma(2.0, 1.0).LogProb(Tensor.From(new[] { 1.5f }))</c></example>
    public override Tensor LogProb(Tensor value)
    {
        ValidateSample(value);
        return Functions.Xlogy(Concentration, Rate) + Functions.Xlogy(Concentration - 1L, value) - Rate * value - Functions.Lgamma(Concentration);
    }

    /// <summary>α - log β + log Γ(α) + (1 - α)ψ(α)</summary>
    /// <example><c>new Gamma(2.0, 1.0).Entropy()</c></example>
    public override Tensor Entropy() =>
        Concentration - Tensor.Log(Rate) + Functions.Lgamma(Concentration) + (1.0 - Concentration) * Functions.Digamma(Concentration);

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor Value)> DisplayedParameters => [("concentration", Concentration), ("rate", Rate)];
}
