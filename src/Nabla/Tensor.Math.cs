namespace Nabla;

// Elementwise functions of one tensor, and clamp/where (https://pytorch.org/docs/stable/torch.html#pointwise-ops).
// Each takes an optional `destination` (torch's out=) and declares its gradient beside it.
public sealed partial class Tensor
{
    /// <summary>Elementwise <c>-x</c> (torch.neg).</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is Bool (use <c>!</c>).</exception>
    public static Tensor Neg(Tensor x, Tensor? destination = null)
    {
        if (x is { DType: DType.Bool })
            throw new ArgumentException("Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `!` operator (logical_not) instead.");
        return Pointwise.Unary<NegateOp>("neg", x, destination, derivative: NegGrad);
    }

    private static readonly Derivative NegGrad = new("NegBackward0", (g, x, r) => [-g], Saves.Nothing);

    /// <summary>Absolute value (torch.abs).</summary>
    public static Tensor Abs(Tensor x, Tensor? destination = null) => Pointwise.Unary<AbsOp>("abs_cpu", x, destination, allowBool: false, derivative: AbsGrad);

    private static readonly Derivative AbsGrad = new("AbsBackward0", (g, x, r) => [g * Sign(x[0])]);

    /// <summary>-1, 0 or 1 by the sign of each element (torch.sign).</summary>
    public static Tensor Sign(Tensor x, Tensor? destination = null) => Pointwise.Unary<SignOp>("sign", x, destination, derivative: SignGrad);

    private static readonly Derivative SignGrad = new("SignBackward0", (g, x, r) => [ZerosLike(g)], Saves.Nothing);

    /// <summary>e to the power x (torch.exp); integer input gives Float32.</summary>
    public static Tensor Exp(Tensor x, Tensor? destination = null) => Pointwise.Unary<ExpOp>("exp", x, destination, ResultRule.Floating, derivative: ExpGrad);

    private static readonly Derivative ExpGrad = new("ExpBackward0", (g, x, r) => [g * r], Saves.Result);

    /// <summary>e^x - 1, accurate near 0 (torch.expm1).</summary>
    public static Tensor Expm1(Tensor x, Tensor? destination = null) => Pointwise.Unary<Expm1Op>("expm1", x, destination, ResultRule.Floating, derivative: Expm1Grad);

    private static readonly Derivative Expm1Grad = new("Expm1Backward0", (g, x, r) => [g * (r + 1L)], Saves.Result);

    /// <summary>Natural logarithm (torch.log); log of a negative number is NaN, of 0 is -inf.</summary>
    public static Tensor Log(Tensor x, Tensor? destination = null) => Pointwise.Unary<LogOp>("log", x, destination, ResultRule.Floating, derivative: LogGrad);

    private static readonly Derivative LogGrad = new("LogBackward0", (g, x, r) => [g / x[0]]);

    /// <summary>log(1 + x), accurate near 0 (torch.log1p).</summary>
    public static Tensor Log1p(Tensor x, Tensor? destination = null) => Pointwise.Unary<Log1pOp>("log1p", x, destination, ResultRule.Floating, derivative: Log1pGrad);

    private static readonly Derivative Log1pGrad = new("Log1PBackward0", (g, x, r) => [g / (x[0] + 1L)]);

    /// <summary>Square root (torch.sqrt); NaN for negative input.</summary>
    public static Tensor Sqrt(Tensor x, Tensor? destination = null) => Pointwise.Unary<SqrtOp>("sqrt", x, destination, ResultRule.Floating, derivative: SqrtGrad);

    private static readonly Derivative SqrtGrad = new("SqrtBackward0", (g, x, r) => [g / (2L * r)], Saves.Result);

    /// <summary>1 / sqrt(x) (torch.rsqrt).</summary>
    public static Tensor Rsqrt(Tensor x, Tensor? destination = null) => Pointwise.Unary<RsqrtOp>("rsqrt", x, destination, ResultRule.Floating, derivative: RsqrtGrad);

    private static readonly Derivative RsqrtGrad = new("RsqrtBackward0", (g, x, r) => [-0.5 * g * r * r * r], Saves.Result);

    /// <summary>Sine, in radians (torch.sin).</summary>
    public static Tensor Sin(Tensor x, Tensor? destination = null) => Pointwise.Unary<SinOp>("sin", x, destination, ResultRule.Floating, derivative: SinGrad);

    private static readonly Derivative SinGrad = new("SinBackward0", (g, x, r) => [g * Cos(x[0])]);

    /// <summary>Cosine, in radians (torch.cos).</summary>
    public static Tensor Cos(Tensor x, Tensor? destination = null) => Pointwise.Unary<CosOp>("cos", x, destination, ResultRule.Floating, derivative: CosGrad);

    private static readonly Derivative CosGrad = new("CosBackward0", (g, x, r) => [-g * Sin(x[0])]);

    /// <summary>Tangent, in radians (torch.tan).</summary>
    public static Tensor Tan(Tensor x, Tensor? destination = null) => Pointwise.Unary<TanOp>("tan", x, destination, ResultRule.Floating, derivative: TanGrad);

    private static readonly Derivative TanGrad = new("TanBackward0", (g, x, r) => [g * (1L + r * r)], Saves.Result);

    /// <summary>Hyperbolic tangent (torch.tanh).</summary>
    public static Tensor Tanh(Tensor x, Tensor? destination = null) => Pointwise.Unary<TanhOp>("tanh", x, destination, ResultRule.Floating, derivative: TanhGrad);

    private static readonly Derivative TanhGrad = new("TanhBackward0", (g, x, r) => [g * (1L - r * r)], Saves.Result);

    /// <summary>The logistic function 1 / (1 + e^-x) (torch.sigmoid), stable for large |x|.</summary>
    public static Tensor Sigmoid(Tensor x, Tensor? destination = null) => Pointwise.Unary<SigmoidOp>("sigmoid", x, destination, ResultRule.Floating, derivative: SigmoidGrad);

    private static readonly Derivative SigmoidGrad = new("SigmoidBackward0", (g, x, r) => [g * r * (1L - r)], Saves.Result);

    /// <summary>max(x, 0) (torch.relu); keeps integer dtypes.</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is Bool.</exception>
    public static Tensor Relu(Tensor x, Tensor? destination = null)
    {
        if (x is { DType: DType.Bool }) throw new ArgumentException("Boolean inputs not supported for relu");
        return Pointwise.Unary<ReluOp>("relu", x, destination, derivative: ReluGrad);
    }

    private static readonly Derivative ReluGrad = new("ReluBackward0", (g, x, r) => [ReluBackward(g, r)], Saves.Result);

    /// <summary>g where the relu result is positive, else 0 (threshold_backward); differentiable in g for double backward.</summary>
    private static Tensor ReluBackward(Tensor gradient, Tensor result) =>
        Pointwise.Binary<ReluBackwardOp>("threshold_backward", gradient, result, null, derivative: ReluBackwardGrad);

    private static readonly Derivative ReluBackwardGrad = new("ThresholdBackwardBackward0", (g, x, r) => [ReluBackward(g, x[1]), null], Uses: [[1], []]);

    /// <summary>Rounds down (torch.floor); integers are returned unchanged.</summary>
    public static Tensor Floor(Tensor x, Tensor? destination = null) => Pointwise.Unary<FloorOp>("floor", x, destination, allowBool: false, derivative: FloorGrad);

    private static readonly Derivative FloorGrad = new("FloorBackward0", (g, x, r) => [ZerosLike(g)], Saves.Nothing);

    /// <summary>Rounds up (torch.ceil); integers are returned unchanged.</summary>
    public static Tensor Ceil(Tensor x, Tensor? destination = null) => Pointwise.Unary<CeilOp>("ceil", x, destination, allowBool: false, derivative: CeilGrad);

    private static readonly Derivative CeilGrad = new("CeilBackward0", (g, x, r) => [ZerosLike(g)], Saves.Nothing);

    /// <summary>Rounds to the nearest integer, halves to even (torch.round).</summary>
    public static Tensor Round(Tensor x, Tensor? destination = null) => Pointwise.Unary<RoundOp>("round", x, destination, allowBool: false, derivative: RoundGrad);

    private static readonly Derivative RoundGrad = new("RoundBackward0", (g, x, r) => [ZerosLike(g)], Saves.Nothing);

    /// <summary>1 / x (torch.reciprocal); integer input gives Float32.</summary>
    public static Tensor Reciprocal(Tensor x, Tensor? destination = null) => Pointwise.Unary<ReciprocalOp>("reciprocal", x, destination, ResultRule.Floating, derivative: ReciprocalGrad);

    private static readonly Derivative ReciprocalGrad = new("ReciprocalBackward0", (g, x, r) => [-g * r * r], Saves.Result);

    /// <summary>x * x (torch.square); Bool input gives Int64.</summary>
    public static Tensor Square(Tensor x, Tensor? destination = null) =>
        Pointwise.Unary<SquareOp>("square", x is { DType: DType.Bool } ? x.To(DType.Int64) : x, destination, derivative: SquareGrad);

    private static readonly Derivative SquareGrad = new("PowBackward0", (g, x, r) => [2L * x[0] * g]);

    /// <summary>Logical not: a Bool tensor that is true where x is zero (torch.logical_not; the <c>!</c> operator).</summary>
    public static Tensor LogicalNot(Tensor x, Tensor? destination = null) => Eq(x, 0L, destination);

    /// <summary>Bitwise not of integers, logical not of Bool (torch.bitwise_not; the <c>~</c> operator).</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is floating-point.</exception>
    public static Tensor BitwiseNot(Tensor x, Tensor? destination = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        Pointwise.Require("bitwise_not_cpu", x.DType, allowBool: true, allowFloat: false);
        return x.DType == DType.Bool ? LogicalNot(x, destination) : Pointwise.Unary<BitwiseNotOp>("bitwise_not_cpu", x, destination);
    }

    /// <summary>A Bool tensor, true where x is NaN (torch.isnan).</summary>
    public static Tensor IsNan(Tensor x, Tensor? destination = null) => Pointwise.Test<IsNanOp>(x, destination);

    /// <summary>A Bool tensor, true where x is ±infinity (torch.isinf).</summary>
    public static Tensor IsInf(Tensor x, Tensor? destination = null) => Pointwise.Test<IsInfOp>(x, destination);

    /// <summary>A Bool tensor, true where x is neither NaN nor infinite (torch.isfinite).</summary>
    public static Tensor IsFinite(Tensor x, Tensor? destination = null) => Pointwise.Test<IsFiniteOp>(x, destination);

    /// <summary>
    /// Limits each element to [min, max] (torch.clamp); either bound may be omitted or be a
    /// tensor that broadcasts. A floating bound on an integer tensor gives a floating result.
    /// </summary>
    /// <exception cref="ArgumentException">Both bounds are omitted, or the result would be Bool.</exception>
    /// <example><c>x.Clamp(min: 0)</c></example>
    public static Tensor Clamp(Tensor x, Tensor? min = null, Tensor? max = null, Tensor? destination = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (min is null && max is null) throw new ArgumentException("torch.clamp: At least one of 'min' or 'max' must not be None");
        var dtype = ResultType([x, .. new[] { min, max }.OfType<Tensor>()]);
        Pointwise.Require("clamp_cpu", dtype, allowBool: false, allowFloat: true);
        if (dtype.IsFloatingPoint)
        {
            // A missing bound is an infinite one, so the gradient formula sees three operands.
            min ??= double.NegativeInfinity;
            max ??= double.PositiveInfinity;
        }
        bool tensorBounds = min is { IsWrappedNumber: false } || max is { IsWrappedNumber: false };
        var recording = Recording.Begin("clamp", tensorBounds ? ClampTensorGrad : ClampGrad, dtype, destination, x, min, max);
        Tensor result;
        using (GradMode.Set(false))
        {
            result = x.Converted(dtype);
            if (min is not null) result = Maximum(result, min.Converted(dtype), max is null ? destination : null);
            if (max is not null) result = Minimum(result, max.Converted(dtype), destination);
        }
        return recording.End(result);
    }

    // The gradient passes where min <= x <= max (boundaries included, unlike maximum/minimum's halving), else to the bound
    // that was hit; when min > max the result is max everywhere, and so is the gradient (clamp_backward_min_max in PyTorch).
    // PyTorch names the node by overload: clamp(Tensor, Tensor?, Tensor?) is 0, clamp(Tensor, Scalar?, Scalar?) is 1.
    private static readonly Derivative ClampGrad = new("ClampBackward1", ClampFormula);
    private static readonly Derivative ClampTensorGrad = new("ClampBackward0", ClampFormula);

    private static Tensor?[] ClampFormula(Tensor g, Tensor[] x, Tensor r) =>
        [Where((x[0] >= x[1]) & (x[0] <= x[2]), g, 0L), Where((x[0] < x[1]) & (x[1] < x[2]), g, 0L), Where((x[0] > x[2]) | (x[2] < x[1]), g, 0L)];

    /// <summary>
    /// <paramref name="x"/> where <paramref name="condition"/> is true, else <paramref name="y"/>
    /// (torch.where); the three broadcast together and x, y promote as in arithmetic.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="condition"/> is not Bool, or the shapes do not broadcast.</exception>
    /// <example><c>Tensor.Where(x &gt; 0, x, y)</c></example>
    public static Tensor Where(Tensor condition, Tensor x, Tensor y, Tensor? destination = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (condition.DType != DType.Bool)
            throw new ArgumentException($"where expected condition to be a boolean tensor, but got a tensor with dtype {condition.DType.ScalarTypeName()}");
        var dtype = ResultType(x, y);
        var shape = Layout.Broadcast(Layout.Broadcast(condition.Shape, x.Shape), y.Shape);
        var recording = Recording.Begin("where", WhereGrad, dtype, destination, condition, x, y);
        var output = Pointwise.Output(shape, dtype, destination);
        var target = Pointwise.ComputeTarget(output, dtype);
        var xs = Pointwise.Input(x, dtype, target);
        if (ReferenceEquals(xs.Storage, target.Storage)) xs = xs.CloneData();  // y is written into target first
        var conditions = Pointwise.Input(condition, DType.Bool, target);
        target.Assign(y.Converted(dtype));
        Elementwise.Select(conditions, xs, target);
        return recording.End(Pointwise.Finish(output, target));
    }

    private static readonly Derivative WhereGrad = new("WhereBackward0", (g, x, r) => [null, Where(x[0], g, 0L), Where(x[0], 0L, g)], Uses: [[], [0], [0]]);

    /// <summary>Replaces NaN with <paramref name="nan"/> and ±infinity with the given values, by default the dtype's largest and smallest finite values (torch.nan_to_num).</summary>
    public static Tensor NanToNum(Tensor x, double nan = 0, double? posInf = null, double? negInf = null, Tensor? destination = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!x.DType.IsFloatingPoint) return destination is null ? x.Clone() : destination.CopyFrom(x);
        double max = x.DType == DType.Float32 ? float.MaxValue : double.MaxValue;
        var result = Where(IsNan(x), Scalar(nan).To(x.DType), x, destination);
        result = Where(Eq(result, double.PositiveInfinity), Scalar(posInf ?? max).To(x.DType), result, result);
        return Where(Eq(result, double.NegativeInfinity), Scalar(negInf ?? -max).To(x.DType), result, result);
    }

    /// <summary>Elementwise e^x (torch.Tensor.exp).</summary>
    public Tensor Exp() => Exp(this);

    /// <summary>Elementwise e^x - 1 (torch.Tensor.expm1).</summary>
    public Tensor Expm1() => Expm1(this);

    /// <summary>Elementwise natural log (torch.Tensor.log).</summary>
    public Tensor Log() => Log(this);

    /// <summary>Elementwise log(1 + x) (torch.Tensor.log1p).</summary>
    public Tensor Log1p() => Log1p(this);

    /// <summary>Elementwise square root (torch.Tensor.sqrt).</summary>
    public Tensor Sqrt() => Sqrt(this);

    /// <summary>Elementwise 1 / sqrt(x) (torch.Tensor.rsqrt).</summary>
    public Tensor Rsqrt() => Rsqrt(this);

    /// <summary>Elementwise sine (torch.Tensor.sin).</summary>
    public Tensor Sin() => Sin(this);

    /// <summary>Elementwise cosine (torch.Tensor.cos).</summary>
    public Tensor Cos() => Cos(this);

    /// <summary>Elementwise tangent (torch.Tensor.tan).</summary>
    public Tensor Tan() => Tan(this);

    /// <summary>Elementwise hyperbolic tangent (torch.Tensor.tanh).</summary>
    public Tensor Tanh() => Tanh(this);

    /// <summary>Elementwise logistic function (torch.Tensor.sigmoid).</summary>
    public Tensor Sigmoid() => Sigmoid(this);

    /// <summary>Elementwise max(x, 0) (torch.Tensor.relu).</summary>
    public Tensor Relu() => Relu(this);

    /// <summary>Elementwise absolute value (torch.Tensor.abs).</summary>
    public Tensor Abs() => Abs(this);

    /// <summary>Elementwise sign (torch.Tensor.sign).</summary>
    public Tensor Sign() => Sign(this);

    /// <summary>Elementwise negation (torch.Tensor.neg).</summary>
    public Tensor Neg() => Neg(this);

    /// <summary>Elementwise floor (torch.Tensor.floor).</summary>
    public Tensor Floor() => Floor(this);

    /// <summary>Elementwise ceiling (torch.Tensor.ceil).</summary>
    public Tensor Ceil() => Ceil(this);

    /// <summary>Elementwise rounding, halves to even (torch.Tensor.round).</summary>
    public Tensor Round() => Round(this);

    /// <summary>Elementwise 1 / x (torch.Tensor.reciprocal).</summary>
    public Tensor Reciprocal() => Reciprocal(this);

    /// <summary>Elementwise x * x (torch.Tensor.square).</summary>
    public Tensor Square() => Square(this);

    /// <summary>Elementwise power (torch.Tensor.pow).</summary>
    /// <example><c>x.Pow(2)</c></example>
    public Tensor Pow(Tensor exponent) => Pow(this, exponent);

    /// <summary>Limits each element to [min, max] (torch.Tensor.clamp).</summary>
    public Tensor Clamp(Tensor? min = null, Tensor? max = null) => Clamp(this, min, max);

    /// <summary>Elementwise equality as Bool (torch.Tensor.eq).</summary>
    public Tensor Eq(Tensor other) => Eq(this, other);

    /// <summary>Elementwise inequality as Bool (torch.Tensor.ne).</summary>
    public Tensor Ne(Tensor other) => Ne(this, other);

    /// <summary>Bool tensor of NaN positions (torch.Tensor.isnan).</summary>
    public Tensor IsNan() => IsNan(this);

    /// <summary>Bool tensor of infinite positions (torch.Tensor.isinf).</summary>
    public Tensor IsInf() => IsInf(this);
}
