namespace Nabla;

// Elementwise math (https://pytorch.org/docs/stable/torch.html#pointwise-ops). Every op
// broadcasts its operands, promotes dtypes as torch.result_type, and takes an optional
// `destination` that receives the result in place (torch's out=): it must have the result's shape
// and a dtype the result can be cast to. C# numbers convert implicitly to weak scalar tensors.
public sealed partial class Tensor
{
    /// <summary>Elementwise sum <c>a + b</c> (torch.add); on Bool it is logical or.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast, or <paramref name="destination"/> does not fit.</exception>
    /// <example><c>Tensor.Add(X, Y, destination: Z)</c></example>
    public static Tensor Add(Tensor a, Tensor b, Tensor? destination = null) =>
        BothBool(a, b) ? Pointwise.Binary<BitwiseOrOp>("add", a, b, destination) : Pointwise.Binary<AddOp>("add", a, b, destination);

    /// <summary>Elementwise difference <c>a - b</c> (torch.sub).</summary>
    /// <exception cref="ArgumentException">An operand is Bool (a C# bool included), the shapes do not broadcast, or <paramref name="destination"/> does not fit.</exception>
    public static Tensor Sub(Tensor a, Tensor b, Tensor? destination = null)
    {
        if (BothBool(a, b))
            throw new ArgumentException("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` operator (logical_xor) instead.");
        if (a is { DType: DType.Bool } || b is { DType: DType.Bool })
            throw new ArgumentException("Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `!` operator (logical_not) instead.");
        return Pointwise.Binary<SubtractOp>("sub", a, b, destination);
    }

    /// <summary>Elementwise product <c>a * b</c> (torch.mul); on Bool it is logical and.</summary>
    public static Tensor Mul(Tensor a, Tensor b, Tensor? destination = null) =>
        BothBool(a, b) ? Pointwise.Binary<BitwiseAndOp>("mul", a, b, destination) : Pointwise.Binary<MultiplyOp>("mul", a, b, destination);

    /// <summary>True division <c>a / b</c> (torch.div): integer operands give the default float dtype.</summary>
    public static Tensor Div(Tensor a, Tensor b, Tensor? destination = null) =>
        Pointwise.Binary<DivideOp>("div", a, b, destination, ResultRule.Floating);

    /// <summary>Python's <c>a // b</c> (torch.floor_divide): the quotient rounded toward negative infinity.</summary>
    /// <exception cref="DivideByZeroException">An integer divisor is zero.</exception>
    public static Tensor FloorDivide(Tensor a, Tensor b, Tensor? destination = null) =>
        Pointwise.Binary<FloorDivideOp>("div_floor", a, b, destination, allowBool: false);

    /// <summary>Python's <c>a % b</c> (torch.remainder): the remainder has the sign of the divisor.</summary>
    /// <exception cref="DivideByZeroException">An integer divisor is zero.</exception>
    public static Tensor Remainder(Tensor a, Tensor b, Tensor? destination = null) =>
        Pointwise.Binary<RemainderOp>("remainder", a, b, destination, allowBool: false);

    /// <summary><c>a</c> to the power <c>b</c>, elementwise (torch.pow). C# has no power operator: <c>^</c> is xor.</summary>
    /// <exception cref="ArgumentException">An integer tensor is raised to a negative integer scalar.</exception>
    /// <example><c>Tensor.Pow(x, 2)</c>, <c>x.Pow(0.5)</c></example>
    public static Tensor Pow(Tensor a, Tensor b, Tensor? destination = null)
    {
        ArgumentNullException.ThrowIfNull(b);
        if (b.IsWrappedNumber && !b.DType.IsFloatingPoint && !a.DType.IsFloatingPoint && b.Item<long>() < 0)
            throw new ArgumentException("Integers to negative integer powers are not allowed.");
        return Pointwise.Binary<PowerOp>("pow", a, b, destination, allowBool: false);
    }

    /// <summary>The larger of each pair (torch.maximum); NaN if either is NaN.</summary>
    public static Tensor Maximum(Tensor a, Tensor b, Tensor? destination = null) => Pointwise.Binary<MaximumOp>("maximum", a, b, destination);

    /// <summary>The smaller of each pair (torch.minimum); NaN if either is NaN.</summary>
    public static Tensor Minimum(Tensor a, Tensor b, Tensor? destination = null) => Pointwise.Binary<MinimumOp>("minimum", a, b, destination);

    /// <summary>The angle of the point (b, a), elementwise: atan(a / b) in the right quadrant (torch.atan2).</summary>
    public static Tensor Atan2(Tensor a, Tensor b, Tensor? destination = null) =>
        Pointwise.Binary<Atan2Op>("atan2", a, b, destination, ResultRule.Floating);

    /// <summary>Bitwise and of integers, logical and of Bool tensors (torch.bitwise_and; the <c>&amp;</c> operator).</summary>
    /// <exception cref="ArgumentException">An operand is floating-point.</exception>
    public static Tensor BitwiseAnd(Tensor a, Tensor b, Tensor? destination = null) =>
        Pointwise.Binary<BitwiseAndOp>("bitwise_and_cpu", a, b, destination, allowFloat: false);

    /// <summary>Bitwise or of integers, logical or of Bool tensors (torch.bitwise_or; the <c>|</c> operator).</summary>
    /// <exception cref="ArgumentException">An operand is floating-point.</exception>
    public static Tensor BitwiseOr(Tensor a, Tensor b, Tensor? destination = null) =>
        Pointwise.Binary<BitwiseOrOp>("bitwise_or_cpu", a, b, destination, allowFloat: false);

    /// <summary>Bitwise xor of integers, logical xor of Bool tensors (torch.bitwise_xor; the <c>^</c> operator).</summary>
    /// <exception cref="ArgumentException">An operand is floating-point.</exception>
    public static Tensor BitwiseXor(Tensor a, Tensor b, Tensor? destination = null) =>
        Pointwise.Binary<BitwiseXorOp>("bitwise_xor_cpu", a, b, destination, allowFloat: false);

    /// <summary>Elementwise <c>a == b</c> as a Bool tensor (torch.eq).</summary>
    public static Tensor Eq(Tensor a, Tensor b, Tensor? destination = null) => Pointwise.Compare<EqualOp>(a, b, destination);

    /// <summary>Elementwise <c>a != b</c> as a Bool tensor (torch.ne).</summary>
    public static Tensor Ne(Tensor a, Tensor b, Tensor? destination = null) => Pointwise.Compare<NotEqualOp>(a, b, destination);

    /// <summary>Elementwise <c>a &lt; b</c> as a Bool tensor (torch.lt).</summary>
    public static Tensor Lt(Tensor a, Tensor b, Tensor? destination = null) => Pointwise.Compare<LessOp>(a, b, destination);

    /// <summary>Elementwise <c>a &lt;= b</c> as a Bool tensor (torch.le).</summary>
    public static Tensor Le(Tensor a, Tensor b, Tensor? destination = null) => Pointwise.Compare<LessOrEqualOp>(a, b, destination);

    /// <summary>Elementwise <c>a &gt; b</c> as a Bool tensor (torch.gt).</summary>
    public static Tensor Gt(Tensor a, Tensor b, Tensor? destination = null) => Pointwise.Compare<GreaterOp>(a, b, destination);

    /// <summary>Elementwise <c>a &gt;= b</c> as a Bool tensor (torch.ge).</summary>
    public static Tensor Ge(Tensor a, Tensor b, Tensor? destination = null) => Pointwise.Compare<GreaterOrEqualOp>(a, b, destination);

    private static bool BothBool(Tensor a, Tensor b) => a is { DType: DType.Bool } && b is { DType: DType.Bool };

    /// <summary>Elementwise <c>-x</c> (torch.neg).</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is Bool (use <c>!</c>).</exception>
    public static Tensor Neg(Tensor x, Tensor? destination = null)
    {
        if (x is { DType: DType.Bool })
            throw new ArgumentException("Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `!` operator (logical_not) instead.");
        return Pointwise.Unary<NegateOp>("neg", x, destination);
    }

    /// <summary>Absolute value (torch.abs).</summary>
    public static Tensor Abs(Tensor x, Tensor? destination = null) => Pointwise.Unary<AbsOp>("abs_cpu", x, destination, allowBool: false);

    /// <summary>-1, 0 or 1 by the sign of each element (torch.sign).</summary>
    public static Tensor Sign(Tensor x, Tensor? destination = null) => Pointwise.Unary<SignOp>("sign", x, destination);

    /// <summary>e to the power x (torch.exp); integer input gives Float32.</summary>
    public static Tensor Exp(Tensor x, Tensor? destination = null) => Pointwise.Unary<ExpOp>("exp", x, destination, ResultRule.Floating);

    /// <summary>e^x - 1, accurate near 0 (torch.expm1).</summary>
    public static Tensor Expm1(Tensor x, Tensor? destination = null) => Pointwise.Unary<Expm1Op>("expm1", x, destination, ResultRule.Floating);

    /// <summary>Natural logarithm (torch.log); log of a negative number is NaN, of 0 is -inf.</summary>
    public static Tensor Log(Tensor x, Tensor? destination = null) => Pointwise.Unary<LogOp>("log", x, destination, ResultRule.Floating);

    /// <summary>log(1 + x), accurate near 0 (torch.log1p).</summary>
    public static Tensor Log1p(Tensor x, Tensor? destination = null) => Pointwise.Unary<Log1pOp>("log1p", x, destination, ResultRule.Floating);

    /// <summary>Square root (torch.sqrt); NaN for negative input.</summary>
    public static Tensor Sqrt(Tensor x, Tensor? destination = null) => Pointwise.Unary<SqrtOp>("sqrt", x, destination, ResultRule.Floating);

    /// <summary>1 / sqrt(x) (torch.rsqrt).</summary>
    public static Tensor Rsqrt(Tensor x, Tensor? destination = null) => Pointwise.Unary<RsqrtOp>("rsqrt", x, destination, ResultRule.Floating);

    /// <summary>Sine, in radians (torch.sin).</summary>
    public static Tensor Sin(Tensor x, Tensor? destination = null) => Pointwise.Unary<SinOp>("sin", x, destination, ResultRule.Floating);

    /// <summary>Cosine, in radians (torch.cos).</summary>
    public static Tensor Cos(Tensor x, Tensor? destination = null) => Pointwise.Unary<CosOp>("cos", x, destination, ResultRule.Floating);

    /// <summary>Tangent, in radians (torch.tan).</summary>
    public static Tensor Tan(Tensor x, Tensor? destination = null) => Pointwise.Unary<TanOp>("tan", x, destination, ResultRule.Floating);

    /// <summary>Hyperbolic tangent (torch.tanh).</summary>
    public static Tensor Tanh(Tensor x, Tensor? destination = null) => Pointwise.Unary<TanhOp>("tanh", x, destination, ResultRule.Floating);

    /// <summary>The logistic function 1 / (1 + e^-x) (torch.sigmoid), stable for large |x|.</summary>
    public static Tensor Sigmoid(Tensor x, Tensor? destination = null) => Pointwise.Unary<SigmoidOp>("sigmoid", x, destination, ResultRule.Floating);

    /// <summary>max(x, 0) (torch.relu); keeps integer dtypes.</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> is Bool.</exception>
    public static Tensor Relu(Tensor x, Tensor? destination = null)
    {
        if (x is { DType: DType.Bool }) throw new ArgumentException("Boolean inputs not supported for relu");
        return Pointwise.Unary<ReluOp>("relu", x, destination);
    }

    /// <summary>Rounds down (torch.floor); integers are returned unchanged.</summary>
    public static Tensor Floor(Tensor x, Tensor? destination = null) => Pointwise.Unary<FloorOp>("floor", x, destination, allowBool: false);

    /// <summary>Rounds up (torch.ceil); integers are returned unchanged.</summary>
    public static Tensor Ceil(Tensor x, Tensor? destination = null) => Pointwise.Unary<CeilOp>("ceil", x, destination, allowBool: false);

    /// <summary>Rounds to the nearest integer, halves to even (torch.round).</summary>
    public static Tensor Round(Tensor x, Tensor? destination = null) => Pointwise.Unary<RoundOp>("round", x, destination, allowBool: false);

    /// <summary>1 / x (torch.reciprocal); integer input gives Float32.</summary>
    public static Tensor Reciprocal(Tensor x, Tensor? destination = null) => Pointwise.Unary<ReciprocalOp>("reciprocal", x, destination, ResultRule.Floating);

    /// <summary>x * x (torch.square); Bool input gives Int64.</summary>
    public static Tensor Square(Tensor x, Tensor? destination = null) =>
        Pointwise.Unary<SquareOp>("square", x is { DType: DType.Bool } ? x.To(DType.Int64) : x, destination);

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
        var result = x.To(dtype);
        if (min is not null) result = Maximum(result, min.To(dtype), max is null ? destination : null);
        if (max is not null) result = Minimum(result, max.To(dtype), destination);
        return result;
    }

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
        var output = Pointwise.Output(shape, dtype, destination);
        var target = Pointwise.ComputeTarget(output, dtype);
        var xs = Pointwise.Input(x, dtype, target);
        var conditions = Pointwise.Input(condition, DType.Bool, target);
        target.Assign(y.To(dtype));
        Elementwise.Select(conditions, xs, target);
        return Pointwise.Finish(output, target);
    }

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
