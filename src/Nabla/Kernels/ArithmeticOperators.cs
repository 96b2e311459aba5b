using System.Numerics;
using System.Numerics.Tensors;
using static Nabla.FloatSpans;

namespace Nabla;

// Binary arithmetic. Each mirrors the PyTorch op named in its summary; integer forms follow
// PyTorch's C++ semantics (wrap-around on overflow, Python's floored division and remainder).

/// <summary>torch.add</summary>
internal readonly struct AddOp : IBinaryOperator<AddOp>
{
    public static T Apply<T>(T x, T y) where T : unmanaged, INumber<T> => x + y;
    public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Add(x, y, d);
    public static void Apply<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Add(x, y, d);
    public static void Apply<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Add(y, x, d);
}

/// <summary>torch.sub</summary>
internal readonly struct SubtractOp : IBinaryOperator<SubtractOp>
{
    public static T Apply<T>(T x, T y) where T : unmanaged, INumber<T> => x - y;
    public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Subtract(x, y, d);
    public static void Apply<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Subtract(x, y, d);
    public static void Apply<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Subtract(x, y, d);
}

/// <summary>torch.mul</summary>
internal readonly struct MultiplyOp : IBinaryOperator<MultiplyOp>
{
    public static T Apply<T>(T x, T y) where T : unmanaged, INumber<T> => x * y;
    public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Multiply(x, y, d);
    public static void Apply<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Multiply(x, y, d);
    public static void Apply<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Multiply(y, x, d);
}

/// <summary>torch.div (true division; only dispatched for floating types: integers are promoted first).</summary>
internal readonly struct DivideOp : IBinaryOperator<DivideOp>
{
    public static T Apply<T>(T x, T y) where T : unmanaged, INumber<T> => x / y;
    public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Divide(x, y, d);
    public static void Apply<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Divide(x, y, d);
    public static void Apply<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Divide(x, y, d);
}

/// <summary>torch.maximum: NaN wins.</summary>
internal readonly struct MaximumOp : IBinaryOperator<MaximumOp>
{
    public static T Apply<T>(T x, T y) where T : unmanaged, INumber<T> => T.Max(x, y);
    public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Max(x, y, d);
    public static void Apply<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Max(x, y, d);
    public static void Apply<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Max(y, x, d);
}

/// <summary>torch.minimum: NaN wins.</summary>
internal readonly struct MinimumOp : IBinaryOperator<MinimumOp>
{
    public static T Apply<T>(T x, T y) where T : unmanaged, INumber<T> => T.Min(x, y);
    public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Min(x, y, d);
    public static void Apply<T>(ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Min(x, y, d);
    public static void Apply<T>(T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> => TensorPrimitives.Min(y, x, d);
}

/// <summary>torch.floor_divide: Python's <c>//</c>, rounding toward negative infinity.</summary>
internal readonly struct FloorDivideOp : IBinaryOperator<FloorDivideOp>
{
    public static T Apply<T>(T x, T y) where T : unmanaged, INumber<T>
    {
        if (IsFloating<T>()) return R<T>(Floating(D(x), D(y)));
        if (y == T.Zero) throw new DivideByZeroException("ZeroDivisionError: integer division by zero");
        if (y == -T.One) return T.Zero - x;  // MinValue / -1 wraps instead of trapping
        T q = x / y;
        // C# truncates; step down when the signs differ and the division was inexact.
        return q * y != x && (x < T.Zero) != (y < T.Zero) ? q - T.One : q;
    }

    /// <summary>PyTorch's div_floor_floating: floor of the exact quotient, via fmod so that it is exact where floor(a / b) is not.</summary>
    private static double Floating(double a, double b)
    {
        if (b == 0) return a / b;
        double mod = a % b;  // C#'s % on doubles is C's fmod
        double div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) div -= 1;
        if (div == 0) return Math.CopySign(0, a / b);
        double floor = Math.Floor(div);
        return div - floor > 0.5 ? floor + 1 : floor;
    }
}

/// <summary>torch.remainder (the <c>%</c> operator): Python's modulo, with the sign of the divisor.</summary>
internal readonly struct RemainderOp : IBinaryOperator<RemainderOp>
{
    public static T Apply<T>(T x, T y) where T : unmanaged, INumber<T>
    {
        if (!IsFloating<T>() && y == T.Zero) throw new DivideByZeroException("ZeroDivisionError: integer modulo by zero");
        if (!IsFloating<T>() && y == -T.One) return T.Zero;
        T r = x % y;  // C's fmod for floats, truncated remainder for integers
        return r != T.Zero && (r < T.Zero) != (y < T.Zero) ? r + y : r;
    }
}

/// <summary>torch.pow: integer powers by squaring (negative exponents as PyTorch's powi), floating via Math.Pow.</summary>
internal readonly struct PowerOp : IBinaryOperator<PowerOp>
{
    public static T Apply<T>(T x, T y) where T : unmanaged, INumber<T>
    {
        if (IsFloating<T>()) return R<T>(Math.Pow(D(x), D(y)));
        if (y < T.Zero)
            return x == T.One ? T.One : x == -T.One ? (long.CreateTruncating(y) % 2 == 0 ? T.One : -T.One) : T.Zero;
        T result = T.One, b = x;
        for (long e = long.CreateTruncating(y); e > 0; e >>= 1)
        {
            if ((e & 1) != 0) result *= b;
            b *= b;
        }
        return result;
    }

    public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T>
    {
        if (IsFloating<T>()) FloatSpans.Apply(x, y, d, TensorPrimitives.Pow, TensorPrimitives.Pow);
        else for (int i = 0; i < x.Length; i++) d[i] = Apply(x[i], y[i]);
    }
}

/// <summary>torch.atan2 (floating types only).</summary>
internal readonly struct Atan2Op : IBinaryOperator<Atan2Op>
{
    public static T Apply<T>(T x, T y) where T : unmanaged, INumber<T> => R<T>(Math.Atan2(D(x), D(y)));
    public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T> =>
        FloatSpans.Apply(x, y, d, TensorPrimitives.Atan2, TensorPrimitives.Atan2);
}

/// <summary>torch.bitwise_and (logical and on Bool, whose elements are 0 or 1).</summary>
internal readonly struct BitwiseAndOp : IBinaryOperator<BitwiseAndOp>
{
    public static T Apply<T>(T x, T y) where T : unmanaged, INumber<T> => T.CreateTruncating(long.CreateTruncating(x) & long.CreateTruncating(y));
}

/// <summary>torch.bitwise_or (logical or on Bool).</summary>
internal readonly struct BitwiseOrOp : IBinaryOperator<BitwiseOrOp>
{
    public static T Apply<T>(T x, T y) where T : unmanaged, INumber<T> => T.CreateTruncating(long.CreateTruncating(x) | long.CreateTruncating(y));
}

/// <summary>torch.bitwise_xor (logical xor on Bool).</summary>
internal readonly struct BitwiseXorOp : IBinaryOperator<BitwiseXorOp>
{
    public static T Apply<T>(T x, T y) where T : unmanaged, INumber<T> => T.CreateTruncating(long.CreateTruncating(x) ^ long.CreateTruncating(y));
}
