using System.Numerics;

namespace Nabla;

/// <summary>A computation written once for every element type; <see cref="Dispatch"/> picks the type.</summary>
internal interface IElementFunc
{
    void Invoke<T>() where T : unmanaged, INumber<T>;
}

/// <summary>A computation over a pair of element types (a conversion); see <see cref="Dispatch.Run{TFunc}(DType, DType, ref TFunc)"/>.</summary>
internal interface IElementPairFunc
{
    void Invoke<TA, TB>() where TA : unmanaged, INumber<TA> where TB : unmanaged, INumber<TB>;
}

/// <summary>
/// The one place where a runtime <see cref="DType"/> becomes a compile-time element type. Kernels
/// are generic structs; the JIT specialises each for each type, so the switch costs one branch per op.
/// Bool is stored as <see cref="byte"/> (0 or 1), so it shares UInt8's kernels.
/// </summary>
internal static class Dispatch
{
    public static void Run<TFunc>(DType dtype, ref TFunc func) where TFunc : struct, IElementFunc
    {
        switch (dtype)
        {
            case DType.Bool or DType.UInt8: func.Invoke<byte>(); break;
            case DType.Int32: func.Invoke<int>(); break;
            case DType.Int64: func.Invoke<long>(); break;
            case DType.Float32: func.Invoke<float>(); break;
            case DType.Float64: func.Invoke<double>(); break;
            default: throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype");
        }
    }

    /// <summary>Runs a two-type computation: the first type from <paramref name="a"/>, the second from <paramref name="b"/>.</summary>
    public static void Run<TFunc>(DType a, DType b, ref TFunc func) where TFunc : struct, IElementPairFunc
    {
        var first = new First<TFunc>(b, func);
        Run(a, ref first);
        func = first.Func;
    }

    private struct First<TFunc>(DType b, TFunc func) : IElementFunc where TFunc : struct, IElementPairFunc
    {
        public TFunc Func = func;

        public void Invoke<TA>() where TA : unmanaged, INumber<TA>
        {
            var second = new Second<TA, TFunc>(Func);
            Run(b, ref second);
            Func = second.Func;
        }
    }

    private struct Second<TA, TFunc>(TFunc func) : IElementFunc where TA : unmanaged, INumber<TA> where TFunc : struct, IElementPairFunc
    {
        public TFunc Func = func;

        public void Invoke<TB>() where TB : unmanaged, INumber<TB> => Func.Invoke<TA, TB>();
    }
}
