namespace Nabla;

// Binary arithmetic, bitwise logic and comparisons (https://pytorch.org/docs/stable/torch.html#pointwise-ops).
// Every op broadcasts its operands, promotes dtypes as torch.result_type, and takes an optional
// `destination` that receives the result in place (torch's out=): it must have the result's shape
// and a dtype the result can be cast to. C# numbers convert implicitly to weak scalar tensors.
// Differentiable ops declare their gradient (PyTorch's derivatives.yaml formula) beside them.
public sealed partial class Tensor
{
    /// <summary>Elementwise sum <c>a + b</c> (torch.add); on Bool it is logical or.</summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast, or <paramref name="destination"/> does not fit.</exception>
    /// <example><c>Tensor.Add(X, Y, destination: Z)</c></example>
    public static Tensor Add(Tensor a, Tensor b, Tensor? destination = null) =>
        BothBool(a, b) ? Pointwise.Binary<BitwiseOrOp>("add", a, b, destination) : Pointwise.Binary<AddOp>("add", a, b, destination, derivative: AddGrad);

    private static readonly Derivative AddGrad = new("AddBackward0", (g, x, r) => [g, g], Saves.Nothing);

    /// <summary>Elementwise difference <c>a - b</c> (torch.sub).</summary>
    /// <exception cref="ArgumentException">An operand is Bool (a C# bool included), the shapes do not broadcast, or <paramref name="destination"/> does not fit.</exception>
    public static Tensor Sub(Tensor a, Tensor b, Tensor? destination = null)
    {
        if (BothBool(a, b))
            throw new ArgumentException("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` operator (logical_xor) instead.");
        if (a is { DType: DType.Bool } || b is { DType: DType.Bool })
            throw new ArgumentException("Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `!` operator (logical_not) instead.");
        return Pointwise.Binary<SubtractOp>("sub", a, b, destination, derivative: SubGrad);
    }

    private static readonly Derivative SubGrad = new("SubBackward0", (g, x, r) => [g, -g], Saves.Nothing)
    {
        Partial = (g, x, r, needs) => [g, (needs & 2) != 0 ? -g : null],
    };

    /// <summary>Elementwise product <c>a * b</c> (torch.mul); on Bool it is logical and.</summary>
    public static Tensor Mul(Tensor a, Tensor b, Tensor? destination = null) =>
        BothBool(a, b) ? Pointwise.Binary<BitwiseAndOp>("mul", a, b, destination) : Pointwise.Binary<MultiplyOp>("mul", a, b, destination, derivative: MulGrad);

    private static readonly Derivative MulGrad = new("MulBackward0", (g, x, r) => [g * x[1], g * x[0]], Uses: [[1], [0]])
    {
        Partial = (g, x, r, needs) => [(needs & 1) != 0 ? g * x[1] : null, (needs & 2) != 0 ? g * x[0] : null],
    };

    /// <summary>True division <c>a / b</c> (torch.div): integer operands give the default float dtype.</summary>
    public static Tensor Div(Tensor a, Tensor b, Tensor? destination = null) =>
        Pointwise.Binary<DivideOp>("div", a, b, destination, ResultRule.Floating, derivative: DivGrad);

    private static readonly Derivative DivGrad = new("DivBackward0", (g, x, r) => [g / x[1], -g * x[0] / (x[1] * x[1])], Uses: [[1], [0, 1]])
    {
        Partial = (g, x, r, needs) => [(needs & 1) != 0 ? g / x[1] : null, (needs & 2) != 0 ? -g * x[0] / (x[1] * x[1]) : null],
    };

    /// <summary>Python's <c>a // b</c> (torch.floor_divide): the quotient rounded toward negative infinity.</summary>
    /// <exception cref="DivideByZeroException">An integer divisor is zero.</exception>
    public static Tensor FloorDivide(Tensor a, Tensor b, Tensor? destination = null) =>
        Pointwise.Binary<FloorDivideOp>("div_floor", a, b, destination, allowBool: false, derivative: FloorDivideGrad);

    // PyTorch records floor_divide but has no formula for it: backward through it fails.
    private static readonly Derivative FloorDivideGrad = new("FloorDivideBackward0",
        (g, x, r) => throw new NotSupportedException("the derivative for 'floor_divide' is not implemented."), Saves.Nothing);

    /// <summary>Python's <c>a % b</c> (torch.remainder): the remainder has the sign of the divisor.</summary>
    /// <exception cref="DivideByZeroException">An integer divisor is zero.</exception>
    public static Tensor Remainder(Tensor a, Tensor b, Tensor? destination = null) =>
        Pointwise.Binary<RemainderOp>("remainder", a, b, destination, allowBool: false,
            derivative: b is { IsWrappedNumber: true } ? RemainderScalarGrad : RemainderGrad);

    // PyTorch names the node by overload: remainder(Tensor, Scalar) is 0, remainder(Tensor, Tensor) is 1.
    private static readonly Derivative RemainderScalarGrad = new("RemainderBackward0", (g, x, r) => [g, null], Saves.Nothing);
    private static readonly Derivative RemainderGrad = new("RemainderBackward1", (g, x, r) => [g, -g * FloorDivide(x[0], x[1])], Uses: [[], [0, 1]]);

    /// <summary><c>a</c> to the power <c>b</c>, elementwise (torch.pow). C# has no power operator: <c>^</c> is xor.</summary>
    /// <exception cref="ArgumentException">An integer tensor is raised to a negative integer scalar.</exception>
    /// <example><c>Tensor.Pow(x, 2)</c>, <c>x.Pow(0.5)</c></example>
    public static Tensor Pow(Tensor a, Tensor b, Tensor? destination = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (b.IsWrappedNumber && !b.DType.IsFloatingPoint && !a.DType.IsFloatingPoint && b.Item<long>() < 0)
            throw new ArgumentException("Integers to negative integer powers are not allowed.");
        return Pointwise.Binary<PowerOp>("pow", a, b, destination, allowBool: false,
            derivative: b.RequiresGrad ? PowGrad : b.IsWrappedNumber ? PowScalarGrad : PowTensorBaseGrad);
    }

    // d(a^b)/da = b·a^(b-1) (0 where b = 0); d(a^b)/db = a^b·ln a (0 where a = 0 and b >= 0), as pow_backward in PyTorch.
    // PyTorch names the node by overload: pow(Tensor, Scalar) is 0, pow(Tensor, Tensor) is 1.
    private static readonly Derivative PowScalarGrad = new("PowBackward0", (g, x, r) => [PowBase(g, x[0], x[1]), null]);
    private static readonly Derivative PowTensorBaseGrad = new("PowBackward1", (g, x, r) => [PowBase(g, x[0], x[1]), null]);
    private static readonly Derivative PowGrad = new("PowBackward1", (g, x, r) =>
        [PowBase(g, x[0], x[1]), Where((x[0] == 0L) & (x[1] >= 0L), 0L, g * r * Log(x[0]))], Saves.Inputs | Saves.Result);

    private static Tensor PowBase(Tensor g, Tensor a, Tensor b) => Where(b == 0L, 0L, g * b * Pow(a, b - 1L));

    /// <summary>The larger of each pair (torch.maximum); NaN if either is NaN.</summary>
    public static Tensor Maximum(Tensor a, Tensor b, Tensor? destination = null) =>
        Pointwise.Binary<MaximumOp>("maximum", a, b, destination, derivative: MaximumGrad);

    // Ties split the gradient in half between the operands, as PyTorch does; an operand gets none
    // only where it loses, so where either is NaN both get the full gradient (PyTorch's masked_fill).
    private static readonly Derivative MaximumGrad = new("MaximumBackward0", (g, x, r) => [Selected(g, x[0], x[1], x[0] < x[1]), Selected(g, x[0], x[1], x[0] > x[1])]);
    private static readonly Derivative MinimumGrad = new("MinimumBackward0", (g, x, r) => [Selected(g, x[0], x[1], x[0] > x[1]), Selected(g, x[0], x[1], x[0] < x[1])]);

    private static Tensor Selected(Tensor g, Tensor a, Tensor b, Tensor loses) => Where(a == b, g / 2L, Where(loses, 0L, g));

    /// <summary>The smaller of each pair (torch.minimum); NaN if either is NaN.</summary>
    public static Tensor Minimum(Tensor a, Tensor b, Tensor? destination = null) =>
        Pointwise.Binary<MinimumOp>("minimum", a, b, destination, derivative: MinimumGrad);

    /// <summary>The angle of the point (b, a), elementwise: atan(a / b) in the right quadrant (torch.atan2).</summary>
    public static Tensor Atan2(Tensor a, Tensor b, Tensor? destination = null) =>
        Pointwise.Binary<Atan2Op>("atan2", a, b, destination, ResultRule.Floating, derivative: Atan2Grad);

    private static readonly Derivative Atan2Grad = new("Atan2Backward0", (g, x, r) =>
    {
        var scale = g / (x[0] * x[0] + x[1] * x[1]);
        return [scale * x[1], -scale * x[0]];
    });

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
}
