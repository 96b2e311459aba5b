using System.Text;

namespace Nabla.Distributions;

/// <summary>
/// The base of every probability distribution (torch.distributions.Distribution). A distribution
/// holds a batch of independent distributions (<see cref="BatchShape"/>, from broadcasting its
/// parameters) over events of <see cref="EventShape"/>; a sample of shape <c>s</c> has shape
/// <c>s + BatchShape + EventShape</c>.
/// </summary>
/// <remarks>
/// <para>Parameters are validated on construction and <see cref="LogProb"/>/<see cref="Cdf"/> check
/// that values lie in the <see cref="Support"/>, as PyTorch's <c>validate_args</c> (on by default;
/// see <see cref="DefaultValidateArgs"/>): invalid input throws <see cref="ArgumentException"/>
/// with PyTorch's message. Operations a distribution lacks throw <see cref="NotSupportedException"/>
/// (PyTorch's NotImplementedError), e.g. <see cref="RSample(ReadOnlySpan{long}, Generator?)"/> of a discrete distribution.</para>
/// <para><see cref="LogProb"/>, <see cref="Entropy"/>, the moments and <see cref="RSample(ReadOnlySpan{long}, Generator?)"/> are
/// written with tensor ops, so gradients flow to parameters that require grad.</para>
/// </remarks>
/// <example>
/// <code>
/// var fair = Tensor.Ones(6) / 6;
/// Distribution d = new Categorical(probs: fair);
/// Tensor lp = d.LogProb(Tensor.From(new long[] { 2 })), mean = d.Mean, variance = d.Variance, h = d.Entropy();
/// </code>
/// </example>
public abstract class Distribution
{
    private static volatile bool defaultValidateArgs = true;

    /// <summary>Creates a distribution with the given shapes; <paramref name="validateArgs"/> null means <see cref="DefaultValidateArgs"/>.</summary>
    protected Distribution(Shape batchShape, Shape eventShape, bool? validateArgs)
    {
        BatchShape = batchShape;
        EventShape = eventShape;
        ValidateArgs = validateArgs ?? defaultValidateArgs;
    }

    /// <summary>Whether new distributions validate their arguments (torch.distributions.Distribution.set_default_validate_args); true by default.</summary>
    public static bool DefaultValidateArgs
    {
        get => defaultValidateArgs;
        set => defaultValidateArgs = value;
    }

    /// <summary>Whether this distribution checks its parameters and the values given to <see cref="LogProb"/> and <see cref="Cdf"/>.</summary>
    /// <example><c>new Normal(0.0, 1.0).ValidateArgs</c></example>
    public bool ValidateArgs { get; }

    /// <summary>The shape of the batch of independent distributions (batch_shape).</summary>
    /// <example><c>new Normal(0.0, 1.0).BatchShape</c></example>
    public Shape BatchShape { get; }

    /// <summary>The shape of one event, e.g. [k] for a k-dimensional multivariate normal (event_shape).</summary>
    /// <example><c>new Normal(0.0, 1.0).EventShape</c></example>
    public Shape EventShape { get; }

    /// <summary>The values the distribution can take (support).</summary>
    /// <example><c>new Normal(0.0, 1.0).Support</c></example>
    public abstract Constraint Support { get; }

    /// <summary>True when <see cref="RSample(ReadOnlySpan{long}, Generator?)"/> is available (has_rsample).</summary>
    /// <example><c>new Normal(0.0, 1.0).HasRSample</c></example>
    public virtual bool HasRSample => false;

    /// <summary>The mean (mean), of shape BatchShape + EventShape.</summary>
    /// <exception cref="NotSupportedException">The distribution does not define it.</exception>
    /// <example><c>new Normal(0.0, 1.0).Mean</c></example>
    public virtual Tensor Mean => throw NotImplemented("mean");

    /// <summary>The mode (mode), of shape BatchShape + EventShape.</summary>
    /// <exception cref="NotSupportedException">The distribution does not define it.</exception>
    /// <example><c>new Normal(0.0, 1.0).Mode</c></example>
    public virtual Tensor Mode => throw NotImplemented("mode");

    /// <summary>The variance (variance), of shape BatchShape + EventShape.</summary>
    /// <exception cref="NotSupportedException">The distribution does not define it.</exception>
    /// <example><c>new Normal(0.0, 1.0).Variance</c></example>
    public virtual Tensor Variance => throw NotImplemented("variance");

    /// <summary>The standard deviation (stddev): the square root of <see cref="Variance"/>.</summary>
    /// <example><c>new Normal(0.0, 1.0).StdDev</c></example>
    public virtual Tensor StdDev => Variance.Sqrt();

    /// <summary>Draws samples of shape <c>sampleShape + BatchShape + EventShape</c> (sample) from the default generator; no gradient.</summary>
    /// <example><c>new Multinomial(10, fair).Sample(500)</c> has shape [500, 6].</example>
    public Tensor Sample(params ReadOnlySpan<long> sampleShape) => Sample(sampleShape, null);

    /// <summary>Draws samples of shape <c>sampleShape + BatchShape + EventShape</c> (sample) from <paramref name="generator"/> (the default one when null); no gradient.</summary>
    /// <example><c>new Normal(0.0, 1.0).Sample([3], new Generator(seed: 7))</c></example>
    public Tensor Sample(ReadOnlySpan<long> sampleShape, Generator? generator)
    {
        var shape = ExtendedShape(sampleShape);
        using (Autograd.NoGrad()) return SampleCore(shape, generator ?? Generator.Default);
    }

    /// <summary>Draws reparameterised samples (rsample): gradients flow from them to the parameters.</summary>
    /// <exception cref="NotSupportedException">The distribution is not reparameterisable (see <see cref="HasRSample"/>).</exception>
    /// <example><c>new Normal(0.0, 1.0).RSample([3])</c></example>
    public Tensor RSample(params ReadOnlySpan<long> sampleShape) => RSample(sampleShape, null);

    /// <summary>Draws reparameterised samples (rsample) from <paramref name="generator"/>: gradients flow from them to the parameters.</summary>
    /// <exception cref="NotSupportedException">The distribution is not reparameterisable (see <see cref="HasRSample"/>).</exception>
    public Tensor RSample(ReadOnlySpan<long> sampleShape, Generator? generator)
    {
        if (!HasRSample) throw NotImplemented("rsample");
        return RSampleCore(ExtendedShape(sampleShape), generator ?? Generator.Default);
    }

    /// <summary>Samples of the full <paramref name="shape"/> (sample + batch + event), run without recording gradients; by default a detached <see cref="RSampleCore"/>.</summary>
    protected virtual Tensor SampleCore(Shape shape, Generator generator) => RSampleCore(shape, generator);

    /// <summary>Reparameterised samples of the full <paramref name="shape"/>; override together with <see cref="HasRSample"/>.</summary>
    protected virtual Tensor RSampleCore(Shape shape, Generator generator) => throw NotImplemented("rsample");

    /// <summary>The log of the probability density or mass at <paramref name="value"/> (log_prob); the value broadcasts against BatchShape + EventShape.</summary>
    /// <exception cref="ArgumentException">Validation is on and the value has the wrong shape or lies outside <see cref="Support"/>.</exception>
    /// <example><c>new Normal(0.0, 1.0).LogProb(Tensor.From(new[] { 0.5f }))</c></example>
    public abstract Tensor LogProb(Tensor value);

    /// <summary>The cumulative distribution function at <paramref name="value"/> (cdf).</summary>
    /// <exception cref="NotSupportedException">PyTorch's distribution has no cdf.</exception>
    /// <example><c>new Normal(0.0, 1.0).Cdf(Tensor.From(new[] { 0.5f }))</c></example>
    public virtual Tensor Cdf(Tensor value) => throw NotImplemented("cdf");

    /// <summary>The inverse cumulative distribution function at probability <paramref name="value"/> (icdf).</summary>
    /// <exception cref="NotSupportedException">PyTorch's distribution has no icdf.</exception>
    /// <example><c>new Normal(0.0, 1.0).Icdf(Tensor.From(new[] { 0.5f }))</c></example>
    public virtual Tensor Icdf(Tensor value) => throw NotImplemented("icdf");

    /// <summary>The entropy in nats, of shape BatchShape (entropy).</summary>
    /// <exception cref="NotSupportedException">PyTorch's distribution has no entropy (Poisson).</exception>
    /// <example><c>new Normal(0.0, 1.0).Entropy()</c></example>
    public virtual Tensor Entropy() => throw NotImplemented("entropy");

    /// <summary>exp(entropy) (perplexity).</summary>
    /// <example><c>new Normal(0.0, 1.0).Perplexity()</c></example>
    public Tensor Perplexity() => Entropy().Exp();

    /// <summary>The values of a discrete distribution with finite support along a new leading dimension (enumerate_support), expanded over the batch unless <paramref name="expand"/> is false.</summary>
    /// <exception cref="NotSupportedException">The support is not finite and discrete.</exception>
    /// <example><c>new Bernoulli(0.3).EnumerateSupport()</c> is <c>[0, 1]</c>.</example>
    public virtual Tensor EnumerateSupport(bool expand = true) => throw NotImplemented("enumerate_support");

    /// <summary>KL(p ‖ q) (torch.distributions.kl_divergence): the same as <see cref="Distributions.KlDivergence"/>, reachable from code in namespaces under <c>Nabla</c>.</summary>
    /// <exception cref="NotSupportedException">No closed form is registered for the pair of types.</exception>
    /// <example><c>Distribution.KlDivergence(new Normal(0.0, 1.0), new Normal(1.0, 2.0))</c></example>
    public static Tensor KlDivergence(Distribution p, Distribution q) => Distributions.KlDivergence(p, q);

    /// <summary><c>sampleShape + BatchShape + EventShape</c> (_extended_shape).</summary>
    /// <example><c>new Normal(0.0, 1.0).ExtendedShape([5])</c></example>
    public Shape ExtendedShape(ReadOnlySpan<long> sampleShape) => new([.. sampleShape, .. BatchShape.Sizes, .. EventShape.Sizes]);

    /// <summary>The parameters shown by <see cref="ToString"/>, in PyTorch's order (those given explicitly, as PyTorch's repr lists).</summary>
    protected abstract IEnumerable<(string Name, Tensor Value)> DisplayedParameters { get; }

    /// <summary>PyTorch's repr: <c>Normal(loc: 0.0, scale: 1.0)</c>, <c>Categorical(probs: torch.Size([6]))</c>.</summary>
    /// <example><c>new Normal(0.0, 1.0).ToString()</c></example>
    public override string ToString()
    {
        var text = new StringBuilder(GetType().Name).Append('(');
        text.AppendJoin(", ", DisplayedParameters.Select(p => $"{p.Name}: {ShowParameter(p.Value)}"));
        return text.Append(')').ToString();
    }

    private static string ShowParameter(Tensor value) =>
        value.Numel == 1 ? Constraints.Show(value) : $"torch.Size({value.Shape})";

    /// <summary>Throws PyTorch's ValueError (as <see cref="ArgumentException"/>) when validation is on and <paramref name="value"/> breaks <paramref name="constraint"/>.</summary>
    protected void CheckParameter(string name, Tensor value, Constraint constraint)
    {
        if (!ValidateArgs) return;
        if (!(bool)constraint.Check(value).All())
            throw new ArgumentException(
                $"Expected parameter {name} (Tensor of shape {PyShape(value.Shape)}) of distribution {this} to satisfy the constraint {constraint}, but found invalid values:\n{Constraints.Show(value)}");
    }

    /// <summary>
    /// PyTorch's _validate_sample: when validation is on, <paramref name="value"/>'s rightmost
    /// dimensions must equal EventShape, the rest broadcast with BatchShape, and every value lie in <see cref="Support"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The shape or a value is invalid.</exception>
    protected void ValidateSample(Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!ValidateArgs) return;
        var actual = value.Shape.Sizes;
        var events = EventShape.Sizes;
        if (actual.Length < events.Length || !actual[^events.Length..].SequenceEqual(events))
            throw new ArgumentException($"The right-most size of value must match event_shape: {TorchSize(value.Shape)} vs {TorchSize(EventShape)}.");
        var expected = ExtendedShape([]).Sizes;
        for (int i = 1; i <= Math.Min(actual.Length, expected.Length); i++)
        {
            long a = actual[^i], e = expected[^i];
            if (a != 1 && e != 1 && a != e)
                throw new ArgumentException($"Value is not broadcastable with batch_shape+event_shape: {TorchSize(value.Shape)} vs {TorchSize(ExtendedShape([]))}.");
        }
        if (!(bool)Support.Check(value).All())
            throw new ArgumentException(
                $"Expected value argument (Tensor of shape {PyShape(value.Shape)}) to be within the support ({Support}) of the distribution {this}, but found invalid values:\n{Constraints.Show(value)}");
    }

    /// <summary>
    /// Broadcasts parameters to one shape (torch.distributions.utils.broadcast_all): C# numbers
    /// (weak scalars) become tensors of the tensors' promoted floating dtype, Float32 when all are
    /// numbers; tensors are expanded (views that keep their gradients).
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
    protected static Tensor[] BroadcastAll(params Tensor[] values)
    {
        foreach (var v in values) ArgumentNullException.ThrowIfNull(v);
        var dtype = DType.Bool;
        bool anyTensor = false;
        foreach (var v in values)
            if (!v.IsWrappedNumber)
            {
                dtype = anyTensor ? DTypes.Promote(dtype, v.DType) : v.DType;
                anyTensor = true;
            }
        if (!dtype.IsFloatingPoint) dtype = DTypes.DefaultFloat;
        var shape = new Shape();
        foreach (var v in values) shape = Layout.Broadcast(shape, v.Shape);
        var result = new Tensor[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            var v = values[i].IsWrappedNumber ? Tensor.Scalar(values[i].Item<double>()).To(dtype) : values[i].To(dtype);
            result[i] = v.Shape == shape ? v : v.Expand(shape.Sizes);
        }
        return result;
    }

    /// <summary>Python's tuple spelling of a shape: <c>()</c>, <c>(3,)</c>, <c>(2, 3)</c>.</summary>
    internal static string PyShape(Shape shape) => shape.Rank == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape.ToArray())})";

    /// <summary>torch.Size([2, 3])</summary>
    internal static string TorchSize(Shape shape) => $"torch.Size({shape})";

    /// <summary>PyTorch's NotImplementedError for an operation this distribution lacks.</summary>
    private protected NotSupportedException NotImplemented(string operation) =>
        new($"{GetType().Name} does not implement {operation} (PyTorch raises NotImplementedError)");
}
