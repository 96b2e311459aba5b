namespace Nabla;

/// <summary>
/// The element type of a tensor (torch.dtype). The order of the members is the promotion order:
/// for these six types PyTorch's <c>torch.promote_types</c> is the later of the two.
/// </summary>
public enum DType
{
    /// <summary>Booleans (torch.bool), stored one byte per element holding 0 or 1.</summary>
    Bool,
    /// <summary>Unsigned 8-bit integers (torch.uint8), C# <see cref="byte"/>.</summary>
    UInt8,
    /// <summary>Signed 32-bit integers (torch.int32), C# <see cref="int"/>.</summary>
    Int32,
    /// <summary>Signed 64-bit integers (torch.int64), C# <see cref="long"/>: the default integer type.</summary>
    Int64,
    /// <summary>IEEE single precision (torch.float32), C# <see cref="float"/>: the default floating type.</summary>
    Float32,
    /// <summary>IEEE double precision (torch.float64), C# <see cref="double"/>.</summary>
    Float64,
}

/// <summary>Properties of <see cref="DType"/> values and PyTorch's type promotion.</summary>
public static class DTypes
{
    /// <summary>The default floating dtype (torch.get_default_dtype()): <see cref="DType.Float32"/>.</summary>
    public const DType DefaultFloat = DType.Float32;

    /// <summary>The dtype of integer literals and indices: <see cref="DType.Int64"/>.</summary>
    public const DType DefaultInt = DType.Int64;

    /// <summary>PyTorch's promotion of two dtypes (torch.promote_types).</summary>
    /// <remarks>Bool &lt; UInt8 &lt; Int32 &lt; Int64 &lt; Float32 &lt; Float64: with only these
    /// types (no int8, int16 or complex) the promoted type is the greater one.</remarks>
    /// <example><c>DTypes.Promote(DType.Int64, DType.Float32) == DType.Float32</c></example>
    public static DType Promote(DType a, DType b) => a >= b ? a : b;

    extension(DType dtype)
    {
        /// <summary>True for Float32 and Float64 (torch.dtype.is_floating_point).</summary>
        public bool IsFloatingPoint => dtype is DType.Float32 or DType.Float64;

        /// <summary>True for UInt8, Int32 and Int64 (Bool is not an integer type here, as in PyTorch).</summary>
        public bool IsInteger => dtype is DType.UInt8 or DType.Int32 or DType.Int64;

        /// <summary>The size of one element in bytes (torch.dtype.itemsize).</summary>
        public int ElementSize => dtype switch
        {
            DType.Bool or DType.UInt8 => 1,
            DType.Int32 or DType.Float32 => 4,
            _ => 8,
        };

        /// <summary>The C++ scalar type name PyTorch uses in error messages: Bool, Byte, Int, Long, Float, Double.</summary>
        public string ScalarTypeName() => dtype switch
        {
            DType.Bool => "Bool",
            DType.UInt8 => "Byte",
            DType.Int32 => "Int",
            DType.Int64 => "Long",
            DType.Float32 => "Float",
            _ => "Double",
        };

        /// <summary>PyTorch's spelling, as printed in a repr: <c>torch.float32</c>.</summary>
        public string TorchName => "torch." + dtype switch
        {
            DType.Bool => "bool",
            DType.UInt8 => "uint8",
            DType.Int32 => "int32",
            DType.Int64 => "int64",
            DType.Float32 => "float32",
            _ => "float64",
        };
    }

    /// <summary>The dtype that stores C# elements of type <typeparamref name="T"/>.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not bool, byte, int, long, float or double.</exception>
    public static DType Of<T>() =>
        typeof(T) == typeof(float) ? DType.Float32 :
        typeof(T) == typeof(double) ? DType.Float64 :
        typeof(T) == typeof(long) ? DType.Int64 :
        typeof(T) == typeof(int) ? DType.Int32 :
        typeof(T) == typeof(byte) ? DType.UInt8 :
        typeof(T) == typeof(bool) ? DType.Bool :
        throw new ArgumentException($"{typeof(T).Name} is not a tensor element type; use bool, byte, int, long, float or double.");
}
