namespace Nabla.Distributions;

/// <summary>
/// The exponential distribution with rate λ (torch.distributions.Exponential): density λe^(-λx)
/// on [0, ∞). Reparameterisable: <c>-log(1 - u)/λ</c>.
/// </summary>
/// <example><c>var e = new Exponential(2.0); Tensor mean = e.Mean;</c> is 0.5.</example>
public sealed class Exponential : Distribution
{
    /// <summary>An exponential distribution (torch.distributions.Exponential(rate)).</summary>
    /// <exception cref="ArgumentException"><paramref name="rate"/> is not positive (with validation on).</exception>
    /// <example><c>new Exponential(2.0)</c></example>
    public Exponential(Tensor rate, bool? validateArgs = null) : this(BroadcastAll(rate), validateArgs) { }

    private Exponential(Tensor[] p, bool? validateArgs) : base(p[0].Shape, [], validateArgs)
    {
        Rate = p[0];
        CheckParameter("rate", Rate, Constraints.Positive);
    }

    /// <summary>The rate λ = 1 / scale (rate).</summary>
    /// <example><c>new Exponential(2.0).Rate</c></example>
    public Tensor Rate { get; }

    /// <inheritdoc/>
    public override Constraint Support => Constraints.NonNegative;

    /// <inheritdoc/>
    public override bool HasRSample => true;

    /// <summary>1/λ</summary>
    /// <example><c>new Exponential(2.0).Mean</c></example>
    public override Tensor Mean => Rate.Reciprocal();

    /// <summary>0</summary>
    /// <example><c>new Exponential(2.0).Mode</c></example>
    public override Tensor Mode => Tensor.ZerosLike(Rate);

    /// <summary>1/λ</summary>
    /// <example><c>new Exponential(2.0).StdDev</c></example>
    public override Tensor StdDev => Rate.Reciprocal();

    /// <summary>1/λ²</summary>
    /// <example><c>new Exponential(2.0).Variance</c></example>
    public override Tensor Variance => Rate.Pow(-2L);

    /// <inheritdoc/>
    protected override Tensor RSampleCore(Shape shape, Generator generator)
    {
        var u = Tensor.Rand(shape.Sizes, Rate.DType, generator: generator);
        return -Tensor.Log1p(-u) / Rate;
    }

    /// <summary>log λ - λx</summary>
    /// <example><c>new Exponential(2.0).LogProb(Tensor.From(new[] { 0.5f }))</c></example>
    public override Tensor LogProb(Tensor value)
    {
        ValidateSample(value);
        return Rate.Log() - Rate * value;
    }

    /// <summary>1 - e^(-λx)</summary>
    /// <example><c>new Exponential(2.0).Cdf(Tensor.From(new[] { 0.5f }))</c></example>
    public override Tensor Cdf(Tensor value)
    {
        ValidateSample(value);
        return 1L - Tensor.Exp(-Rate * value);
    }

    /// <summary>-log(1 - p)/λ</summary>
    /// <example><c>new Exponential(2.0).Icdf(Tensor.From(new[] { 0.5f }))</c></example>
    public override Tensor Icdf(Tensor value) => -Tensor.Log(1L - value) / Rate;

    /// <summary>1 - log λ</summary>
    /// <example><c>new Exponential(2.0).Entropy()</c></example>
    public override Tensor Entropy() => 1.0 - Tensor.Log(Rate);

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor Value)> DisplayedParameters => [("rate", Rate)];
}
