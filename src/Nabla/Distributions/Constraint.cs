using System.Globalization;

namespace Nabla.Distributions;

/// <summary>
/// A set of valid values (torch.distributions.constraints.Constraint): a distribution's
/// <see cref="Distribution.Support"/>, or the domain of one of its parameters. <see cref="Check"/>
/// tests values elementwise (per event when <see cref="EventDim"/> &gt; 0).
/// </summary>
/// <example><c>new Normal(0.0, 1.0).Support.Name == "real"</c>; <c>Constraints.Positive.Check(Tensor.From(new[] { 1f, -1f }))</c> is <c>[true, false]</c>.</example>
public sealed class Constraint
{
    private readonly Func<Tensor, Tensor> check;
    private readonly string repr;

    /// <summary>A constraint named <paramref name="name"/> that <paramref name="check"/> tests, printed as <paramref name="repr"/> (PyTorch's repr, e.g. <c>GreaterThan(lower_bound=0.0)</c>).</summary>
    /// <param name="name">The short name, as in torch.distributions.constraints (<c>"positive"</c>).</param>
    /// <param name="repr">How the constraint prints.</param>
    /// <param name="check">Maps values to a Bool tensor: true where valid, one entry per event.</param>
    /// <param name="isDiscrete">True for integer-valued sets.</param>
    /// <param name="eventDim">How many rightmost dimensions form one event (1 for simplex and real vectors).</param>
    /// <example><c>new Constraint("odd", "Odd()", v => v % 2L == 1L, isDiscrete: true)</c></example>
    public Constraint(string name, string repr, Func<Tensor, Tensor> check, bool isDiscrete = false, int eventDim = 0)
    {
        Name = name;
        this.repr = repr;
        this.check = check;
        IsDiscrete = isDiscrete;
        EventDim = eventDim;
    }

    /// <summary>The short name, as in torch.distributions.constraints: <c>"real"</c>, <c>"positive"</c>, <c>"interval"</c>, <c>"simplex"</c>, …</summary>
    /// <example><c>Constraints.Positive.Name == "greater_than"</c></example>
    public string Name { get; }

    /// <summary>True for sets of integers (constraint.is_discrete).</summary>
    /// <example><c>Constraints.NonNegativeInteger.IsDiscrete</c> is true.</example>
    public bool IsDiscrete { get; }

    /// <summary>How many rightmost dimensions make up one event (constraint.event_dim).</summary>
    /// <example><c>Constraints.Simplex.EventDim == 1</c></example>
    public int EventDim { get; }

    /// <summary>A Bool tensor, true where <paramref name="value"/> is in the set (constraint.check); events count as one entry.</summary>
    /// <example><c>Constraints.UnitInterval.Check(Tensor.From(new[] { 0.5f, 2f }))</c> is <c>[true, false]</c>.</example>
    public Tensor Check(Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        using (Autograd.NoGrad()) return check(value);
    }

    /// <summary>PyTorch's repr of the constraint, e.g. <c>Interval(lower_bound=0.0, upper_bound=1.0)</c>.</summary>
    /// <example><c>Constraints.UnitInterval.ToString() == "Interval(lower_bound=0.0, upper_bound=1.0)"</c></example>
    public override string ToString() => repr;
}

/// <summary>The constraints of torch.distributions.constraints, as <see cref="Constraint"/> objects.</summary>
public static class Constraints
{
    /// <summary>The extended real line (constraints.real): anything but NaN.</summary>
    /// <example><c>Constraints.Real.Check(Tensor.From(new[] { 1f, float.NaN }))</c> is <c>[true, false]</c>.</example>
    public static Constraint Real { get; } = new("real", "Real()", v => Tensor.Eq(v, v));

    /// <summary>Real vectors (constraints.real_vector): no NaN in the last dimension.</summary>
    /// <example><c>Constraints.RealVector.Check(Tensor.Zeros(4, 3))</c> has shape [4].</example>
    public static Constraint RealVector { get; } = Independent(Real, 1);

    /// <summary>(0, ∞] (constraints.positive).</summary>
    /// <example><c>Constraints.Positive.Check(Tensor.From(new[] { 1f, 0f }))</c> is <c>[true, false]</c>.</example>
    public static Constraint Positive { get; } = GreaterThan(0.0);

    /// <summary>[0, ∞] (constraints.nonnegative).</summary>
    /// <example><c>Constraints.NonNegative.Check(Tensor.From(new[] { 1f, 0f }))</c> is <c>[true, true]</c>.</example>
    public static Constraint NonNegative { get; } = GreaterThanEq(0.0);

    /// <summary>[0, 1] (constraints.unit_interval).</summary>
    /// <example><c>Constraints.UnitInterval.Check(Tensor.From(new[] { 0.5f }))</c></example>
    public static Constraint UnitInterval { get; } = Interval(0.0, 1.0);

    /// <summary>{0, 1} (constraints.boolean).</summary>
    /// <example><c>Constraints.Boolean.Check(Tensor.From(new[] { 0f, 1f, 2f }))</c> is <c>[true, true, false]</c>.</example>
    public static Constraint Boolean { get; } = new("boolean", "Boolean()", v => (v == 0L) | (v == 1L), isDiscrete: true);

    /// <summary>0, 1, 2, … (constraints.nonnegative_integer).</summary>
    /// <example><c>Constraints.NonNegativeInteger.Check(Tensor.From(new[] { 3f, 2.5f }))</c> is <c>[true, false]</c>.</example>
    public static Constraint NonNegativeInteger { get; } = new("nonnegative_integer", "IntegerGreaterThan(lower_bound=0)",
        v => IsInteger(v) & (v >= 0L), isDiscrete: true);

    /// <summary>Vectors of non-negative entries summing to 1 within 1e-6 over the last dimension (constraints.simplex).</summary>
    /// <example><c>Constraints.Simplex.Check(Tensor.From(new[] { 0.2f, 0.8f }))</c> is <c>true</c>.</example>
    public static Constraint Simplex { get; } = new("simplex", "Simplex()",
        v => (v >= 0L).All(-1) & ((v.Sum(-1) - 1L).Abs() < 1e-6), eventDim: 1);

    /// <summary>Lower-triangular square matrices with a positive diagonal (constraints.lower_cholesky).</summary>
    /// <example><c>Constraints.LowerCholesky.Check(Tensor.Eye(3))</c> is <c>true</c>.</example>
    public static Constraint LowerCholesky { get; } = new("lower_cholesky", "LowerCholesky()", v =>
    {
        var lower = (Tensor.Tril(v) == v).Flatten(-2).All(-1);
        return lower & (v.Diagonal(0, -2, -1) > 0L).All(-1);
    }, eventDim: 2);

    /// <summary>Symmetric positive-definite matrices (constraints.positive_definite): symmetric within 1e-6 and with a Cholesky factor.</summary>
    /// <example><c>Constraints.PositiveDefinite.Check(Tensor.Eye(3))</c> is <c>true</c>.</example>
    public static Constraint PositiveDefinite { get; } = new("positive_definite", "PositiveDefinite()", MatrixFunctions.IsPositiveDefinite, eventDim: 2);

    /// <summary>(lower, ∞] (constraints.greater_than).</summary>
    /// <example><c>Constraints.GreaterThan(1.0).Check(Tensor.From(new[] { 2f }))</c></example>
    public static Constraint GreaterThan(Tensor lowerBound) =>
        new("greater_than", $"GreaterThan(lower_bound={Show(lowerBound)})", v => v > lowerBound);

    /// <summary>[lower, ∞] (constraints.greater_than_eq).</summary>
    /// <example><c>Constraints.GreaterThanEq(1.0).Check(Tensor.From(new[] { 1f }))</c></example>
    public static Constraint GreaterThanEq(Tensor lowerBound) =>
        new("greater_than_eq", $"GreaterThanEq(lower_bound={Show(lowerBound)})", v => v >= lowerBound);

    /// <summary>[lower, upper] (constraints.interval).</summary>
    /// <example><c>Constraints.Interval(-1.0, 1.0).Check(Tensor.From(new[] { 1f }))</c> is <c>[true]</c>.</example>
    public static Constraint Interval(Tensor lowerBound, Tensor upperBound) =>
        new("interval", $"Interval(lower_bound={Show(lowerBound)}, upper_bound={Show(upperBound)})", v => (v >= lowerBound) & (v <= upperBound));

    /// <summary>[lower, upper) (constraints.half_open_interval).</summary>
    /// <example><c>Constraints.HalfOpenInterval(0.0, 1.0).Check(Tensor.From(new[] { 1f }))</c> is <c>[false]</c>.</example>
    public static Constraint HalfOpenInterval(Tensor lowerBound, Tensor upperBound) =>
        new("half_open_interval", $"HalfOpenInterval(lower_bound={Show(lowerBound)}, upper_bound={Show(upperBound)})", v => (v >= lowerBound) & (v < upperBound));

    /// <summary>The integers in [lower, upper] (constraints.integer_interval).</summary>
    /// <example><c>Constraints.IntegerInterval(0L, 5L).Check(Tensor.From(new long[] { 5, 6 }))</c> is <c>[true, false]</c>.</example>
    public static Constraint IntegerInterval(Tensor lowerBound, Tensor upperBound) =>
        new("integer_interval", $"IntegerInterval(lower_bound={Show(lowerBound)}, upper_bound={Show(upperBound)})",
            v => IsInteger(v) & (v >= lowerBound) & (v <= upperBound), isDiscrete: true);

    /// <summary>Vectors of non-negative counts summing to at most <paramref name="upperBound"/> (constraints.multinomial; PyTorch checks ≤, not =).</summary>
    /// <example><c>Constraints.Multinomial(10).Check(Tensor.From(new[] { 3f, 7f }))</c> is <c>true</c>.</example>
    public static Constraint Multinomial(long upperBound) =>
        new("multinomial", "Multinomial()", v => (v >= 0L).All(-1) & (v.Sum(-1) <= upperBound), isDiscrete: true, eventDim: 1);

    /// <summary><paramref name="baseConstraint"/> with its <paramref name="reinterpretedBatchDims"/> rightmost dimensions read as one event (constraints.independent).</summary>
    /// <example><c>Constraints.Independent(Constraints.Positive, 1).Check(Tensor.Ones(4, 3))</c> has shape [4].</example>
    public static Constraint Independent(Constraint baseConstraint, int reinterpretedBatchDims) =>
        new(baseConstraint.Name, $"IndependentConstraint({baseConstraint}, {reinterpretedBatchDims})", v =>
        {
            var result = baseConstraint.Check(v);
            for (int i = 0; i < reinterpretedBatchDims; i++) result = result.All(-1);
            return result;
        }, baseConstraint.IsDiscrete, baseConstraint.EventDim + reinterpretedBatchDims);

    private static Tensor IsInteger(Tensor v) => v.DType.IsFloatingPoint ? v == v.Floor() : Tensor.Full(v.Shape.Sizes, true);

    /// <summary>A bound as PyTorch prints it: a Python number for a 0-d tensor or C# number, else the tensor's repr.</summary>
    internal static string Show(Tensor value) => value.Rank == 0 ? PyNumber(value) : value.ToString();

    /// <summary>A one-element tensor formatted as Python prints the number: <c>1.0</c>, <c>0.30000001192092896</c>, <c>5</c>.</summary>
    internal static string PyNumber(Tensor value)
    {
        if (!value.DType.IsFloatingPoint) return value.DType == DType.Bool ? (value.Item<bool>() ? "True" : "False") : value.Item<long>().ToString(CultureInfo.InvariantCulture);
        double v = value.Item<double>();
        if (double.IsNaN(v)) return "nan";
        if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
        if (v == Math.Floor(v) && Math.Abs(v) < 1e16) return v.ToString("0.0", CultureInfo.InvariantCulture);
        string text = v.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('E') ? text.Replace("E", "e") : text;
    }
}
