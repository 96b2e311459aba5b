namespace Nabla.Distributions;

/// <summary>
/// The Laplace distribution with location μ and scale b (torch.distributions.Laplace): density
/// e^(-|x - μ|/b) / 2b. Reparameterisable.
/// </summary>
/// <example><c>new Laplace(0.0, 1.0).Variance</c> is 2.</example>
public sealed class Laplace : Distribution
{
    /// <summary>A Laplace distribution (torch.distributions.Laplace(loc, scale)); the parameters broadcast.</summary>
    /// <exception cref="ArgumentException"><paramref name="scale"/> is not positive (with validation on), or the shapes do not broadcast.</exception>
    /// <example><c>new Laplace(0.0, 1.0)</c></example>
    public Laplace(Tensor loc, Tensor scale, bool? validateArgs = null) : this(BroadcastAll(loc, scale), validateArgs) { }

    private Laplace(Tensor[] p, bool? validateArgs) : base(p[0].Shape, [], validateArgs)
    {
        (Loc, Scale) = (p[0], p[1]);
        CheckParameter("loc", Loc, Constraints.Real);
        CheckParameter("scale", Scale, Constraints.Positive);
    }

    /// <summary>The location μ, also the mean and median (loc).</summary>
    /// <example><c>new Laplace(0.0, 1.0).Loc</c></example>
    public Tensor Loc { get; }

    /// <summary>The scale b (scale).</summary>
    /// <example><c>new Laplace(0.0, 1.0).Scale</c></example>
    public Tensor Scale { get; }

    /// <inheritdoc/>
    public override Constraint Support => Constraints.Real;

    /// <inheritdoc/>
    public override bool HasRSample => true;

    /// <summary>μ</summary>
    /// <example><c>new Laplace(0.0, 1.0).Mean</c></example>
    public override Tensor Mean => Loc;

    /// <summary>μ</summary>
    /// <example><c>new Laplace(0.0, 1.0).Mode</c></example>
    public override Tensor Mode => Loc;

    /// <summary>2b²</summary>
    /// <example><c>new Laplace(0.0, 1.0).Variance</c></example>
    public override Tensor Variance => 2L * Scale.Pow(2L);

    /// <summary>√2·b</summary>
    /// <example><c>new Laplace(0.0, 1.0).StdDev</c></example>
    public override Tensor StdDev => Math.Sqrt(2) * Scale;

    /// <summary>μ - b·sign(u)·log(1 - |u|) with u uniform in (eps - 1, 1), as PyTorch.</summary>
    protected override Tensor RSampleCore(Shape shape, Generator generator)
    {
        double eps = Functions.Eps(Loc.DType);
        var u = Tensor.Empty(shape.Sizes, Loc.DType);
        using (Autograd.NoGrad()) u.FillUniform(eps - 1, 1, generator);
        return Loc - Scale * u.Sign() * Tensor.Log1p(-u.Abs());
    }

    /// <summary>-log(2b) - |x - μ|/b</summary>
    /// <example><c>new Laplace(0.0, 1.0).LogProb(Tensor.From(new[] { 0.5f }))</c></example>
    public override Tensor LogProb(Tensor value)
    {
        ValidateSample(value);
        return -Tensor.Log(2L * Scale) - Tensor.Abs(value - Loc) / Scale;
    }

    /// <summary>½ - ½·sign(x - μ)·expm1(-|x - μ|/b)</summary>
    /// <example><c>new Laplace(0.0, 1.0).Cdf(Tensor.From(new[] { 0.5f }))</c></example>
    public override Tensor Cdf(Tensor value)
    {
        ValidateSample(value);
        var d = value - Loc;
        return 0.5 - 0.5 * d.Sign() * Tensor.Expm1(-d.Abs() / Scale);
    }

    /// <summary>μ - b·sign(p - ½)·log(1 - 2|p - ½|)</summary>
    /// <example><c>new Laplace(0.0, 1.0).Icdf(Tensor.From(new[] { 0.9f }))</c></example>
    public override Tensor Icdf(Tensor value)
    {
        var term = value - 0.5;
        return Loc - Scale * term.Sign() * Tensor.Log1p(-2L * term.Abs());
    }

    /// <summary>1 + log(2b)</summary>
    /// <example><c>new Laplace(0.0, 1.0).Entropy()</c></example>
    public override Tensor Entropy() => 1L + Tensor.Log(2L * Scale);

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor Value)> DisplayedParameters => [("loc", Loc), ("scale", Scale)];
}
