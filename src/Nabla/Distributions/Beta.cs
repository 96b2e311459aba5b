namespace Nabla.Distributions;

/// <summary>
/// The beta distribution on [0, 1] (torch.distributions.Beta) with concentrations α
/// (<see cref="Concentration1"/>) and β (<see cref="Concentration0"/>): a two-category
/// <see cref="Dirichlet"/> read at its first coordinate. Reparameterisable.
/// </summary>
/// <example><c>new Beta(2.0, 2.0).Mean</c> is 0.5.</example>
public sealed class Beta : Distribution
{
    private readonly Dirichlet dirichlet;

    /// <summary>A beta distribution (torch.distributions.Beta(concentration1, concentration0)); the parameters broadcast.</summary>
    /// <exception cref="ArgumentException">With validation on, a concentration that is not positive (reported by the inner Dirichlet, as PyTorch).</exception>
    /// <example><c>new Beta(2.0, 3.0)</c></example>
    public Beta(Tensor concentration1, Tensor concentration0, bool? validateArgs = null)
        : this(new Dirichlet(Tensor.Stack(BroadcastAll(concentration1, concentration0), -1), validateArgs), validateArgs) { }

    private Beta(Dirichlet dirichlet, bool? validateArgs) : base(dirichlet.BatchShape, [], validateArgs) => this.dirichlet = dirichlet;

    /// <summary>α, the concentration of 1 (concentration1).</summary>
    /// <example><c>new Beta(2.0, 3.0).Concentration1</c></example>
    public Tensor Concentration1 => dirichlet.Concentration[TensorIndex.Ellipsis, 0];

    /// <summary>β, the concentration of 0 (concentration0).</summary>
    /// <example><c>new Beta(2.0, 3.0).Concentration0</c></example>
    public Tensor Concentration0 => dirichlet.Concentration[TensorIndex.Ellipsis, 1];

    /// <inheritdoc/>
    public override Constraint Support => Constraints.UnitInterval;

    /// <inheritdoc/>
    public override bool HasRSample => true;

    /// <summary>α / (α + β)</summary>
    /// <example><c>new Beta(2.0, 3.0).Mean</c></example>
    public override Tensor Mean => Concentration1 / (Concentration1 + Concentration0);

    /// <summary>The Dirichlet mode's first coordinate.</summary>
    /// <example><c>new Beta(2.0, 3.0).Mode</c></example>
    public override Tensor Mode => dirichlet.Mode[TensorIndex.Ellipsis, 0];

    /// <summary>αβ / ((α + β)²(α + β + 1))</summary>
    public override Tensor Variance
    {
        get
        {
            var total = Concentration1 + Concentration0;
            return Concentration1 * Concentration0 / (total.Pow(2L) * (total + 1L));
        }
    }

    /// <inheritdoc/>
    protected override Tensor RSampleCore(Shape shape, Generator generator) =>
        dirichlet.RSample(shape.Sizes[..(shape.Rank - BatchShape.Rank)], generator)[TensorIndex.Ellipsis, 0];

    /// <summary>The Dirichlet log-density of (x, 1 - x).</summary>
    /// <example><c>new Beta(2.0, 3.0).LogProb(Tensor.From(new[] { 0.4f }))</c></example>
    public override Tensor LogProb(Tensor value)
    {
        ValidateSample(value);
        var headsTails = Tensor.Stack([value, 1.0 - value], -1);
        return dirichlet.LogProb(headsTails);
    }

    /// <inheritdoc/>
    public override Tensor Entropy() => dirichlet.Entropy();

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor Value)> DisplayedParameters => [];
}
