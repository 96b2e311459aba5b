using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using static Nabla.FloatSpans;

namespace Nabla;

// Unary ops. Those marked "floating" are only dispatched for float and double (integer inputs
// are promoted to Float32 first, as PyTorch does); their scalar forms compute in double.

/// <summary>torch.neg</summary>
internal readonly struct NegateOp : IUnaryOperator<NegateOp>
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> => T.Zero - x;
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Negate(x, d);
}

/// <summary>torch.abs (integer MinValue wraps to itself, as in PyTorch).</summary>
internal readonly struct AbsOp : IUnaryOperator<AbsOp>
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> => x < T.Zero ? T.Zero - x : IsFloating<T>() ? T.Abs(x) : x;
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T>
    {
        if (IsFloating<T>()) TensorPrimitives.Abs(x, d);
        else for (int i = 0; i < x.Length; i++) d[i] = Apply(x[i]);
    }
}

/// <summary>torch.sign: -1, 0 or 1. As PyTorch's (0 &lt; x) - (x &lt; 0), NaN and -0.0 give +0.0.</summary>
internal readonly struct SignOp : IUnaryOperator<SignOp>
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> =>
        x > T.Zero ? T.One : x < T.Zero ? T.Zero - T.One : T.Zero;
}

/// <summary>torch.relu</summary>
internal readonly struct ReluOp : IUnaryOperator<ReluOp>
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> => x > T.Zero || T.IsNaN(x) ? x : T.Zero;
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T>
    {
        if (IsFloating<T>()) TensorPrimitives.Max(x, T.Zero, d);  // Max propagates NaN, as relu does
        else for (int i = 0; i < x.Length; i++) d[i] = Apply(x[i]);
    }
}

/// <summary>
/// The gradient of relu from its result (PyTorch's threshold_backward with threshold 0): the
/// incoming gradient where the result is positive (or NaN), 0 elsewhere. One pass, where
/// where(r &gt; 0, g, 0) would take a comparison, a fill and a select. Binary: (gradient, result).
/// </summary>
internal readonly struct ReluBackwardOp : IBinaryOperator<ReluBackwardOp>
{
    public static T Apply<T>(T g, T r) where T : unmanaged, INumber<T> => r <= T.Zero ? T.Zero : g;

    public static void Apply<T>(ReadOnlySpan<T> g, ReadOnlySpan<T> r, Span<T> d) where T : unmanaged, INumber<T>
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            for (int width = Vector256<T>.Count; i <= g.Length - width; i += width)
            {
                var off = Vector256.LessThanOrEqual(Vector256.Create(r.Slice(i, width)), Vector256<T>.Zero);
                Vector256.AndNot(Vector256.Create(g.Slice(i, width)), off).CopyTo(d.Slice(i, width));
            }
        }
        for (; i < g.Length; i++) d[i] = Apply(g[i], r[i]);
    }
}

/// <summary>torch.square</summary>
internal readonly struct SquareOp : IUnaryOperator<SquareOp>
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> => x * x;
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Multiply(x, x, d);
}

/// <summary>torch.floor (the identity on integers).</summary>
internal readonly struct FloorOp : IUnaryOperator<FloorOp>
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> => IsFloating<T>() ? R<T>(Math.Floor(D(x))) : x;
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T>
    {
        if (IsFloating<T>()) FloatSpans.Apply(x, d, TensorPrimitives.Floor, TensorPrimitives.Floor);
        else x.CopyTo(d);
    }
}

/// <summary>torch.ceil (the identity on integers).</summary>
internal readonly struct CeilOp : IUnaryOperator<CeilOp>
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> => IsFloating<T>() ? R<T>(Math.Ceiling(D(x))) : x;
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T>
    {
        if (IsFloating<T>()) FloatSpans.Apply(x, d, TensorPrimitives.Ceiling, TensorPrimitives.Ceiling);
        else x.CopyTo(d);
    }
}

/// <summary>torch.round: halves to even (the identity on integers).</summary>
internal readonly struct RoundOp : IUnaryOperator<RoundOp>
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> => IsFloating<T>() ? R<T>(Math.Round(D(x), MidpointRounding.ToEven)) : x;
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T>
    {
        if (IsFloating<T>()) FloatSpans.Apply(x, d, TensorPrimitives.Round, TensorPrimitives.Round);
        else x.CopyTo(d);
    }
}

/// <summary>torch.exp (floating).</summary>
internal readonly struct ExpOp : IUnaryOperator<ExpOp>
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> => R<T>(Math.Exp(D(x)));
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T> => FloatSpans.Apply(x, d, TensorPrimitives.Exp, TensorPrimitives.Exp);
}

/// <summary>
/// torch.expm1 (floating), accurate near 0. double.ExpM1 and TensorPrimitives.ExpM1 compute
/// exp(x) - 1, which loses every digit for tiny x (expm1(1e-10) comes out 8e-8 off, and -0.0
/// becomes 0); Kahan's correction (exp(x) - 1) * x / log(exp(x)) keeps full precision.
/// </summary>
internal readonly struct Expm1Op : IUnaryOperator<Expm1Op>
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> => R<T>(Of(D(x)));

    private static double Of(double x)
    {
        double u = Math.Exp(x);
        if (u == 1.0) return x;  // |x| below half an ulp of 1, ±0 included
        double um1 = u - 1.0;
        if (um1 == -1.0 || double.IsPositiveInfinity(u)) return um1;
        return um1 * x / Math.Log(u);
    }
}

/// <summary>torch.log (floating).</summary>
internal readonly struct LogOp : IUnaryOperator<LogOp>
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> => R<T>(Math.Log(D(x)));
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T> => FloatSpans.Apply(x, d, TensorPrimitives.Log, TensorPrimitives.Log);
}

/// <summary>
/// torch.log1p (floating), accurate near 0: double.LogP1 is log(1 + x), which loses the digits
/// of tiny x; Goldberg's correction log(u) * x / (u - 1) with u = 1 + x keeps them.
/// </summary>
internal readonly struct Log1pOp : IUnaryOperator<Log1pOp>
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> => R<T>(Of(D(x)));

    private static double Of(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0) return x;  // ±0 and tiny x
        if (double.IsPositiveInfinity(u)) return u;
        return Math.Log(u) * x / (u - 1.0);
    }
}

/// <summary>torch.sqrt (floating).</summary>
internal readonly struct SqrtOp : IUnaryOperator<SqrtOp>
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> => R<T>(Math.Sqrt(D(x)));
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T> => FloatSpans.Apply(x, d, TensorPrimitives.Sqrt, TensorPrimitives.Sqrt);
}

/// <summary>torch.rsqrt (floating).</summary>
internal readonly struct RsqrtOp : IUnaryOperator<RsqrtOp>
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> => R<T>(1 / Math.Sqrt(D(x)));
}

/// <summary>torch.sin (floating).</summary>
internal readonly struct SinOp : IUnaryOperator<SinOp>
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> => R<T>(Math.Sin(D(x)));
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T> => FloatSpans.Apply(x, d, TensorPrimitives.Sin, TensorPrimitives.Sin);
}

/// <summary>torch.cos (floating).</summary>
internal readonly struct CosOp : IUnaryOperator<CosOp>
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> => R<T>(Math.Cos(D(x)));
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T> => FloatSpans.Apply(x, d, TensorPrimitives.Cos, TensorPrimitives.Cos);
}

/// <summary>torch.tan (floating).</summary>
internal readonly struct TanOp : IUnaryOperator<TanOp>
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> => R<T>(Math.Tan(D(x)));
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T> => FloatSpans.Apply(x, d, TensorPrimitives.Tan, TensorPrimitives.Tan);
}

/// <summary>
/// torch.tanh (floating). Not TensorPrimitives.Tanh: it is built on exp and is wrong near 0
/// (tanh(-0.0f) comes out 6e-8, tanh(1e-30) comes out 0).
/// </summary>
internal readonly struct TanhOp : IUnaryOperator<TanhOp>
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> => R<T>(Math.Tanh(D(x)));
}

/// <summary>torch.sigmoid (floating): 1 / (1 + e^-x), without overflow for large |x|.</summary>
internal readonly struct SigmoidOp : IUnaryOperator<SigmoidOp>
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T>
    {
        double v = D(x);
        return R<T>(v >= 0 ? 1 / (1 + Math.Exp(-v)) : Math.Exp(v) / (1 + Math.Exp(v)));
    }
}

/// <summary>torch.reciprocal (floating).</summary>
internal readonly struct ReciprocalOp : IUnaryOperator<ReciprocalOp>
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> => T.One / x;
    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Divide(T.One, x, d);
}

/// <summary>torch.bitwise_not on integers; logical not on Bool (elements 0 or 1).</summary>
internal readonly struct BitwiseNotOp : IUnaryOperator<BitwiseNotOp>
{
    public static T Apply<T>(T x) where T : unmanaged, INumber<T> => T.CreateTruncating(~long.CreateTruncating(x));
}
