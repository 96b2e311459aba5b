namespace Nabla.Distributions;

/// <summary>
/// The multivariate normal distribution (torch.distributions.MultivariateNormal) with mean vector
/// <see cref="Loc"/> and a covariance given as a covariance matrix Σ, a precision matrix Σ⁻¹, or a
/// lower-triangular factor L with Σ = LLᵀ (exactly one). Events are vectors (EventShape [n]);
/// leading dimensions of loc and the matrix broadcast into the batch. Reparameterisable: <c>loc + Lε</c>.
/// </summary>
/// <remarks>Everything is computed from L, obtained by a Cholesky factorisation written with tensor
/// ops (so gradients reach the covariance); it costs O(n) tensor ops, fine for the small n of most uses.</remarks>
/// <example>
/// <code>
/// var mvn = new MultivariateNormal(Tensor.Zeros(2), covarianceMatrix: Tensor.From(new[,] { { 2f, 1f }, { 1f, 2f } }));
/// Tensor x = mvn.Sample(100);          // [100, 2]
/// Tensor lp = mvn.LogProb(x);          // [100]
/// </code>
/// </example>
public sealed class MultivariateNormal : Distribution
{
    private readonly string given;
    private readonly Tensor givenMatrix;
    private readonly Tensor unbroadcastedScaleTril;

    /// <summary>A multivariate normal from <paramref name="loc"/> and one of <paramref name="covarianceMatrix"/>, <paramref name="precisionMatrix"/>, <paramref name="scaleTril"/>.</summary>
    /// <exception cref="ArgumentException">loc is 0-d; not exactly one matrix is given; the matrix is not at least 2-D or does not match loc's size;
    /// with validation on, a NaN in loc, a matrix that is not symmetric positive definite, or a scale_tril that is not lower triangular with a positive diagonal.</exception>
    /// <example><c>new MultivariateNormal(Tensor.Zeros(2), covarianceMatrix: Tensor.Eye(2))</c></example>
    public MultivariateNormal(Tensor loc, Tensor? covarianceMatrix = null, Tensor? precisionMatrix = null, Tensor? scaleTril = null, bool? validateArgs = null)
        : this(Prepare(loc, covarianceMatrix, precisionMatrix, scaleTril), validateArgs) { }

    private MultivariateNormal((Tensor Loc, Tensor Matrix, string Name, Tensor Raw, Shape Batch) p, bool? validateArgs)
        : base(p.Batch, [p.Loc.Shape[-1]], validateArgs)
    {
        Loc = p.Loc;
        given = p.Name;
        givenMatrix = p.Matrix;
        CheckParameter("loc", Loc, Constraints.RealVector);
        CheckParameter(given, givenMatrix, given == "scale_tril" ? Constraints.LowerCholesky : Constraints.PositiveDefinite);
        unbroadcastedScaleTril = given switch
        {
            "scale_tril" => p.Raw,
            "covariance_matrix" => MatrixFunctions.Cholesky(p.Raw),
            _ => MatrixFunctions.PrecisionToScaleTril(p.Raw),
        };
    }

    private static (Tensor, Tensor, string, Tensor, Shape) Prepare(Tensor loc, Tensor? covariance, Tensor? precision, Tensor? scaleTril)
    {
        ArgumentNullException.ThrowIfNull(loc);
        if (loc.Rank < 1) throw new ArgumentException("loc must be at least one-dimensional.");
        if ((covariance is not null ? 1 : 0) + (precision is not null ? 1 : 0) + (scaleTril is not null ? 1 : 0) != 1)
            throw new ArgumentException("Exactly one of covariance_matrix or precision_matrix or scale_tril may be specified.");
        var (name, matrix) = scaleTril is not null ? ("scale_tril", scaleTril) : covariance is not null ? ("covariance_matrix", covariance) : ("precision_matrix", precision!);
        if (matrix.Rank < 2)
            throw new ArgumentException($"{(name == "scale_tril" ? "scale_tril matrix" : name)} must be at least two-dimensional, with optional leading batch dimensions");
        long n = loc.Shape[-1];
        if (matrix.Shape[-1] != n || matrix.Shape[-2] != n)
            throw new ArgumentException($"{name} of shape {matrix.Shape} does not match loc of shape {loc.Shape}: expected [..., {n}, {n}]");
        var dtype = DTypes.Promote(loc.DType, matrix.DType);
        if (!dtype.IsFloatingPoint) dtype = DTypes.DefaultFloat;
        (loc, matrix) = (loc.To(dtype), matrix.To(dtype));
        var batch = Layout.Broadcast(new Shape(matrix.Shape.Sizes[..^2]), new Shape(loc.Shape.Sizes[..^1]));
        var expandedMatrix = matrix.Expand([.. batch.Sizes, n, n]);
        var expandedLoc = loc.Expand([.. batch.Sizes, n]);
        return (expandedLoc, expandedMatrix, name, matrix, batch);
    }

    /// <summary>The mean vector, shape BatchShape + [n] (loc).</summary>
    /// <example><c>new MultivariateNormal(Tensor.Zeros(2), covarianceMatrix: Tensor.Eye(2)).Loc</c></example>
    public Tensor Loc { get; }

    /// <summary>The lower Cholesky factor L of the covariance, shape BatchShape + [n, n] (scale_tril).</summary>
    /// <example><c>new MultivariateNormal(Tensor.Zeros(2), covarianceMatrix: Tensor.Eye(2)).ScaleTril</c></example>
    public Tensor ScaleTril => given == "scale_tril" ? givenMatrix : unbroadcastedScaleTril.Expand(Full);

    /// <summary>The covariance Σ = LLᵀ, shape BatchShape + [n, n] (covariance_matrix).</summary>
    /// <example><c>new MultivariateNormal(Tensor.Zeros(2), covarianceMatrix: Tensor.Eye(2)).CovarianceMatrix</c></example>
    public Tensor CovarianceMatrix => given == "covariance_matrix" ? givenMatrix :
        Tensor.Matmul(unbroadcastedScaleTril, unbroadcastedScaleTril.Transpose(-2, -1)).Expand(Full);

    /// <summary>The precision Σ⁻¹, shape BatchShape + [n, n] (precision_matrix).</summary>
    /// <example><c>new MultivariateNormal(Tensor.Zeros(2), covarianceMatrix: Tensor.Eye(2)).PrecisionMatrix</c></example>
    public Tensor PrecisionMatrix => given == "precision_matrix" ? givenMatrix : MatrixFunctions.CholeskyInverse(unbroadcastedScaleTril).Expand(Full);

    private long[] Full => [.. BatchShape.Sizes, EventShape[0], EventShape[0]];

    /// <inheritdoc/>
    public override Constraint Support => Constraints.RealVector;

    /// <inheritdoc/>
    public override bool HasRSample => true;

    /// <summary>loc</summary>
    /// <example><c>new MultivariateNormal(Tensor.Zeros(2), covarianceMatrix: Tensor.Eye(2)).Mean</c></example>
    public override Tensor Mean => Loc;

    /// <summary>loc</summary>
    /// <example><c>new MultivariateNormal(Tensor.Zeros(2), covarianceMatrix: Tensor.Eye(2)).Mode</c></example>
    public override Tensor Mode => Loc;

    /// <summary>The diagonal of Σ: the row sums of L².</summary>
    /// <example><c>new MultivariateNormal(Tensor.Zeros(2), covarianceMatrix: Tensor.Eye(2)).Variance</c></example>
    public override Tensor Variance => unbroadcastedScaleTril.Pow(2L).Sum(-1).Expand([.. BatchShape.Sizes, EventShape[0]]);

    /// <inheritdoc/>
    protected override Tensor RSampleCore(Shape shape, Generator generator)
    {
        var eps = Tensor.Randn(shape.Sizes, Loc.DType, generator: generator);
        return Loc + Tensor.Matmul(unbroadcastedScaleTril, eps.Unsqueeze(-1))[TensorIndex.Ellipsis, 0];
    }

    /// <summary>-½(n log 2π + (x - μ)ᵀΣ⁻¹(x - μ)) - log det L</summary>
    /// <example><c>new MultivariateNormal(Tensor.Zeros(2), covarianceMatrix: Tensor.Eye(2)).LogProb(Tensor.From(new[] { 0.5f, -1f }))</c></example>
    public override Tensor LogProb(Tensor value)
    {
        ValidateSample(value);
        var diff = value - Loc;
        var m = MatrixFunctions.Mahalanobis(unbroadcastedScaleTril, diff);
        return -0.5 * (EventShape[0] * Math.Log(2 * Math.PI) + m) - HalfLogDet(unbroadcastedScaleTril);
    }

    /// <summary>½n(1 + log 2π) + log det L, expanded to the batch.</summary>
    /// <example><c>new MultivariateNormal(Tensor.Zeros(2), covarianceMatrix: Tensor.Eye(2)).Entropy()</c></example>
    public override Tensor Entropy()
    {
        var h = 0.5 * EventShape[0] * (1.0 + Math.Log(2 * Math.PI)) + HalfLogDet(unbroadcastedScaleTril);
        return BatchShape.Rank == 0 ? h : h.Expand(BatchShape.Sizes);
    }

    /// <summary>Σ log Lᵢᵢ = ½ log det Σ.</summary>
    internal static Tensor HalfLogDet(Tensor scaleTril) => scaleTril.Diagonal(0, -2, -1).Log().Sum(-1);

    /// <summary>L before broadcasting to the batch (for KL divergence).</summary>
    internal Tensor UnbroadcastedScaleTril => unbroadcastedScaleTril;

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor Value)> DisplayedParameters => [("loc", Loc), (given, givenMatrix)];
}
