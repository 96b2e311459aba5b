namespace Nabla.Distributions;

/// <summary>
/// The normal (Gaussian) distribution with mean <see cref="Loc"/> and standard deviation
/// <see cref="Scale"/> (torch.distributions.Normal). Reparameterisable: <c>loc + scale·ε</c>.
/// </summary>
/// <example>
/// <code>
/// var normal = new Normal(0.0, 1.0);                 // Float32 parameters, batch shape []
/// Tensor z = normal.Sample([3], new Generator(seed: 7));
/// Tensor rs = normal.RSample([3]);                    // differentiable in loc and scale
/// Tensor lp = normal.LogProb(Tensor.From(new[] { 0.5f }));
/// </code>
/// </example>
public sealed class Normal : Distribution
{
    /// <summary>A normal distribution (torch.distributions.Normal(loc, scale)); the parameters broadcast, C# numbers become Float32 unless a tensor sets the dtype.</summary>
    /// <exception cref="ArgumentException"><paramref name="scale"/> is not positive (with validation on), or the shapes do not broadcast.</exception>
    /// <example><c>new Normal(0.0, 2.0)</c></example>
    public Normal(Tensor loc, Tensor scale, bool? validateArgs = null) : this(BroadcastAll(loc, scale), validateArgs) { }

    private Normal(Tensor[] p, bool? validateArgs) : base(p[0].Shape, [], validateArgs)
    {
        (Loc, Scale) = (p[0], p[1]);
        CheckParameter("loc", Loc, Constraints.Real);
        CheckParameter("scale", Scale, Constraints.Positive);
    }

    /// <summary>The mean μ (loc).</summary>
    /// <example><c>new Normal(0.0, 2.0).Loc</c></example>
    public Tensor Loc { get; }

    /// <summary>The standard deviation σ (scale).</summary>
    /// <example><c>new Normal(0.0, 2.0).Scale</c></example>
    public Tensor Scale { get; }

    /// <inheritdoc/>
    public override Constraint Support => Constraints.Real;

    /// <inheritdoc/>
    public override bool HasRSample => true;

    /// <summary>μ</summary>
    /// <example><c>new Normal(0.0, 2.0).Mean</c></example>
    public override Tensor Mean => Loc;

    /// <summary>μ</summary>
    /// <example><c>new Normal(0.0, 2.0).Mode</c></example>
    public override Tensor Mode => Loc;

    /// <summary>σ</summary>
    /// <example><c>new Normal(0.0, 2.0).StdDev</c></example>
    public override Tensor StdDev => Scale;

    /// <summary>σ²</summary>
    /// <example><c>new Normal(0.0, 2.0).Variance</c></example>
    public override Tensor Variance => Scale.Pow(2L);

    /// <inheritdoc/>
    protected override Tensor RSampleCore(Shape shape, Generator generator) =>
        Loc + Tensor.Randn(shape.Sizes, Loc.DType, generator: generator) * Scale;

    /// <summary>-(x - μ)²/(2σ²) - log σ - log √(2π)</summary>
    /// <example><c>new Normal(0.0, 2.0).LogProb(Tensor.From(new[] { 0.5f }))</c></example>
    public override Tensor LogProb(Tensor value)
    {
        ValidateSample(value);
        var variance = Scale.Pow(2L);
        return -(value - Loc).Pow(2L) / (2L * variance) - Scale.Log() - Math.Log(Math.Sqrt(2 * Math.PI));
    }

    /// <summary>½(1 + erf((x - μ)/(σ√2)))</summary>
    /// <example><c>new Normal(0.0, 2.0).Cdf(Tensor.From(new[] { 0.5f }))</c></example>
    public override Tensor Cdf(Tensor value)
    {
        ValidateSample(value);
        return 0.5 * (1L + Functions.Erf((value - Loc) * Scale.Reciprocal() / Math.Sqrt(2)));
    }

    /// <summary>μ + σ√2·erfinv(2p - 1); NaN outside [0, 1], as PyTorch (no validation).</summary>
    /// <example><c>new Normal(0.0, 2.0).Icdf(Tensor.From(new[] { 0.975f }))</c></example>
    public override Tensor Icdf(Tensor value) => Loc + Scale * Functions.Erfinv(2L * value - 1L) * Math.Sqrt(2);

    /// <summary>½ + ½ log 2π + log σ</summary>
    /// <example><c>new Normal(0.0, 2.0).Entropy()</c></example>
    public override Tensor Entropy() => 0.5 + 0.5 * Math.Log(2 * Math.PI) + Scale.Log();

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor Value)> DisplayedParameters => [("loc", Loc), ("scale", Scale)];
}
