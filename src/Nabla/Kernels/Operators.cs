using System.Numerics;
using System.Runtime.InteropServices;

namespace Nabla;

// The operator interfaces that elementwise kernels are generic over (the pattern of
// System.Numerics.Tensors): a scalar form used for strided runs, and span forms used for
// contiguous runs, which default to a loop over the scalar form and are overridden with
// TensorPrimitives where it has the op. Ops that only make sense for floating types are only
// dispatched with float and double; their scalar forms compute in double.

/// <summary>A map from one element to one element of the same type.</summary>
internal interface IUnaryOperator<TSelf> where TSelf : IUnaryOperator<TSelf>
{
    static abstract T Apply<T>(T x) where T : unmanaged, INumber<T>;

    static virtual void Apply<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < x.Length; i++) destination[i] = TSelf.Apply(x[i]);
    }
}

/// <summary>A map from two elements of one type to one of the same type.</summary>
internal interface IBinaryOperator<TSelf> where TSelf : IBinaryOperator<TSelf>
{
    static abstract T Apply<T>(T x, T y) where T : unmanaged, INumber<T>;

    static virtual void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < x.Length; i++) destination[i] = TSelf.Apply(x[i], y[i]);
    }

    static virtual void Apply<T>(ReadOnlySpan<T> x, T y, Span<T> destination) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < x.Length; i++) destination[i] = TSelf.Apply(x[i], y);
    }

    static virtual void Apply<T>(T x, ReadOnlySpan<T> y, Span<T> destination) where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < y.Length; i++) destination[i] = TSelf.Apply(x, y[i]);
    }
}

/// <summary>A test of two elements giving a Bool (comparisons).</summary>
internal interface IComparisonOperator
{
    static abstract bool Apply<T>(T x, T y) where T : unmanaged, INumber<T>;
}

/// <summary>A test of one element giving a Bool (IsNan, IsInf).</summary>
internal interface IPredicateOperator
{
    static abstract bool Apply<T>(T x) where T : unmanaged, INumber<T>;
}

/// <summary>Routes a contiguous run of float or double to the matching TensorPrimitives overload.</summary>
internal static class FloatSpans
{
    public delegate void Map<T>(ReadOnlySpan<T> x, Span<T> destination);
    public delegate void Zip<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination);

    public static void Apply<T>(ReadOnlySpan<T> x, Span<T> d, Map<float> f32, Map<double> f64) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) f32(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(d));
        else if (typeof(T) == typeof(double)) f64(MemoryMarshal.Cast<T, double>(x), MemoryMarshal.Cast<T, double>(d));
        else throw new InvalidOperationException($"floating-point kernel dispatched with {typeof(T).Name}");
    }

    public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d, Zip<float> f32, Zip<double> f64) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            f32(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y), MemoryMarshal.Cast<T, float>(d));
        else if (typeof(T) == typeof(double))
            f64(MemoryMarshal.Cast<T, double>(x), MemoryMarshal.Cast<T, double>(y), MemoryMarshal.Cast<T, double>(d));
        else throw new InvalidOperationException($"floating-point kernel dispatched with {typeof(T).Name}");
    }

    public static bool IsFloating<T>() => typeof(T) == typeof(float) || typeof(T) == typeof(double);

    /// <summary>Reads an element as double, for the scalar forms of floating-point ops.</summary>
    public static double D<T>(T x) where T : INumber<T> => double.CreateTruncating(x);

    /// <summary>Writes a double result back as the element type.</summary>
    public static T R<T>(double x) where T : INumber<T> => T.CreateTruncating(x);
}
