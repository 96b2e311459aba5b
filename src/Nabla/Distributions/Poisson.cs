namespace Nabla.Distributions;

/// <summary>
/// The Poisson distribution with rate λ (torch.distributions.Poisson): P(k) = λᵏe^(-λ)/k! on
/// {0, 1, 2, …}. Samples have the rate's floating dtype. PyTorch defines no entropy or cdf for it.
/// </summary>
/// <example><c>var p = new Poisson(4.0); Tensor lp = p.LogProb(Tensor.From(new[] { 2f }));</c></example>
public sealed class Poisson : Distribution
{
    /// <summary>A Poisson distribution (torch.distributions.Poisson(rate)).</summary>
    /// <exception cref="ArgumentException">With validation on, a negative rate.</exception>
    /// <example><c>new Poisson(4.0)</c></example>
    public Poisson(Tensor rate, bool? validateArgs = null) : this(BroadcastAll(rate), validateArgs) { }

    private Poisson(Tensor[] p, bool? validateArgs) : base(p[0].Shape, [], validateArgs)
    {
        Rate = p[0];
        CheckParameter("rate", Rate, Constraints.NonNegative);
    }

    /// <summary>The rate λ (rate).</summary>
    /// <example><c>new Poisson(4.0).Rate</c></example>
    public Tensor Rate { get; }

    /// <inheritdoc/>
    public override Constraint Support => Constraints.NonNegativeInteger;

    /// <summary>λ</summary>
    /// <example><c>new Poisson(4.0).Mean</c></example>
    public override Tensor Mean => Rate;

    /// <summary>floor(λ)</summary>
    /// <example><c>new Poisson(4.0).Mode</c></example>
    public override Tensor Mode => Rate.Floor();

    /// <summary>λ</summary>
    /// <example><c>new Poisson(4.0).Variance</c></example>
    public override Tensor Variance => Rate;

    /// <summary>Products of uniforms below rate 10, Hörmann's PTRS above (as torch.poisson).</summary>
    protected override Tensor SampleCore(Shape shape, Generator generator) => Tensor.Poisson(Rate.Expand(shape.Sizes), generator);

    /// <summary>k·log λ - λ - log k!</summary>
    /// <example><c>new Poisson(4.0).LogProb(Tensor.From(new[] { 2f }))</c></example>
    public override Tensor LogProb(Tensor value)
    {
        ValidateSample(value);
        var b = BroadcastAll(Rate, value);
        return Functions.Xlogy(b[1], b[0]) - b[0] - Functions.Lgamma(b[1] + 1L);
    }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor Value)> DisplayedParameters => [("rate", Rate)];
}
