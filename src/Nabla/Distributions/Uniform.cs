namespace Nabla.Distributions;

/// <summary>
/// The continuous uniform distribution on the half-open interval [<see cref="Low"/>, <see cref="High"/>)
/// (torch.distributions.Uniform). Reparameterisable: <c>low + u·(high - low)</c>.
/// </summary>
/// <example><c>var u = new Uniform(0.0, 1.0); Tensor x = u.Sample(5); Tensor lp = u.LogProb(Tensor.From(new[] { 0.25f }));</c></example>
public sealed class Uniform : Distribution
{
    /// <summary>A uniform distribution (torch.distributions.Uniform(low, high)); the bounds broadcast.</summary>
    /// <exception cref="ArgumentException">Some low ≥ high (with validation on: "Uniform is not defined when low>= high"), or the shapes do not broadcast.</exception>
    /// <example><c>new Uniform(0.0, 4.0)</c></example>
    public Uniform(Tensor low, Tensor high, bool? validateArgs = null) : this(BroadcastAll(low, high), validateArgs) { }

    private Uniform(Tensor[] p, bool? validateArgs) : base(p[0].Shape, [], validateArgs)
    {
        (Low, High) = (p[0], p[1]);
        if (ValidateArgs && !(bool)(Low < High).All()) throw new ArgumentException("Uniform is not defined when low>= high");
    }

    /// <summary>The lower bound, included (low).</summary>
    /// <example><c>new Uniform(0.0, 4.0).Low</c></example>
    public Tensor Low { get; }

    /// <summary>The upper bound, excluded (high).</summary>
    /// <example><c>new Uniform(0.0, 4.0).High</c></example>
    public Tensor High { get; }

    /// <summary>[low, high]: PyTorch checks values against the closed interval (the density is 0 at high).</summary>
    /// <example><c>new Uniform(0.0, 4.0).Support</c></example>
    public override Constraint Support => Constraints.Interval(Low, High);

    /// <inheritdoc/>
    public override bool HasRSample => true;

    /// <summary>(low + high) / 2</summary>
    /// <example><c>new Uniform(0.0, 4.0).Mean</c></example>
    public override Tensor Mean => (High + Low) / 2L;

    /// <summary>NaN: every point is a mode.</summary>
    /// <example><c>new Uniform(0.0, 4.0).Mode</c></example>
    public override Tensor Mode => double.NaN * High;

    /// <summary>(high - low) / √12</summary>
    /// <example><c>new Uniform(0.0, 4.0).StdDev</c></example>
    public override Tensor StdDev => (High - Low) / Math.Sqrt(12);

    /// <summary>(high - low)² / 12</summary>
    /// <example><c>new Uniform(0.0, 4.0).Variance</c></example>
    public override Tensor Variance => (High - Low).Pow(2L) / 12L;

    /// <inheritdoc/>
    protected override Tensor RSampleCore(Shape shape, Generator generator) =>
        Low + Tensor.Rand(shape.Sizes, Low.DType, generator: generator) * (High - Low);

    /// <summary>-log(high - low) inside [low, high), -∞ at high.</summary>
    /// <example><c>new Uniform(0.0, 4.0).LogProb(Tensor.From(new[] { 1f }))</c></example>
    public override Tensor LogProb(Tensor value)
    {
        ValidateSample(value);
        var lower = (Low <= value).To(Low.DType);
        var upper = (High > value).To(Low.DType);
        return Tensor.Log(lower * upper) - Tensor.Log(High - Low);
    }

    /// <summary>(x - low) / (high - low), clamped to [0, 1].</summary>
    /// <example><c>new Uniform(0.0, 4.0).Cdf(Tensor.From(new[] { 1f }))</c></example>
    public override Tensor Cdf(Tensor value)
    {
        ValidateSample(value);
        return ((value - Low) / (High - Low)).Clamp(min: 0L, max: 1L);
    }

    /// <summary>low + p·(high - low)</summary>
    /// <example><c>new Uniform(0.0, 4.0).Icdf(Tensor.From(new[] { 0.25f }))</c></example>
    public override Tensor Icdf(Tensor value) => value * (High - Low) + Low;

    /// <summary>log(high - low)</summary>
    /// <example><c>new Uniform(0.0, 4.0).Entropy()</c></example>
    public override Tensor Entropy() => Tensor.Log(High - Low);

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor Value)> DisplayedParameters => [("low", Low), ("high", High)];
}
