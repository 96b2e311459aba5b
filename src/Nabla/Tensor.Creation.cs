using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Nabla;

public sealed partial class Tensor
{
    /// <summary>The integers <c>0, 1, …, end - 1</c> (torch.arange(end)); Int64 unless <paramref name="dtype"/> says otherwise.</summary>
    /// <example><c>Tensor.Arange(12)</c> is Int64 <c>[0..11]</c>.</example>
    public static Tensor Arange(long end, DType? dtype = null, bool requiresGrad = false) => Arange(0, end, 1, dtype, requiresGrad);

    /// <summary>Integers from <paramref name="start"/> up to but excluding <paramref name="end"/> in steps of <paramref name="step"/> (torch.arange); Int64 by default.</summary>
    /// <remarks>An integer result is computed exactly in Int64 (then wrapped to a narrower dtype, as PyTorch); a floating one as <c>start + i * step</c> in double.</remarks>
    /// <exception cref="ArgumentException">The step is zero or points away from <paramref name="end"/>, or <paramref name="dtype"/> is Bool.</exception>
    /// <example><c>Tensor.Arange(1, 4)</c> is Int64 <c>[1, 2, 3]</c>.</example>
    public static Tensor Arange(long start, long end, long step = 1, DType? dtype = null, bool requiresGrad = false)
    {
        CheckArange(start, end, step);
        var result = AllocateRange(CeilingDivide((Int128)end - start, step), dtype ?? DTypes.DefaultInt, $"arange({start}, {end}, {step})");
        result.FillRange(start, step);
        return result.Requiring(requiresGrad);
    }

    /// <summary>The values <c>0, 1, …</c> below <paramref name="end"/> (torch.arange(end) with a float end): Float32 by default.</summary>
    public static Tensor Arange(double end, DType? dtype = null, bool requiresGrad = false) => Arange(0.0, end, 1.0, dtype, requiresGrad);

    /// <summary>
    /// Values from <paramref name="start"/> up to but excluding <paramref name="end"/> in steps of
    /// <paramref name="step"/> (torch.arange): <c>ceil((end - start) / step)</c> elements, each
    /// <c>start + i * step</c> computed in double; the default float dtype (Float32) unless given.
    /// </summary>
    /// <remarks>
    /// With an integer <paramref name="dtype"/>, PyTorch computes in Int64: the bounds and the step
    /// are truncated first (so a step of 0.5 is zero), and an Int64 result takes its length from the
    /// truncated bounds.
    /// </remarks>
    /// <exception cref="ArgumentException">The step is zero or points away from <paramref name="end"/>, a bound is not finite, or <paramref name="dtype"/> is Bool.</exception>
    /// <example><c>Tensor.Arange(0.0, 3.0, 0.1)</c> has 30 Float32 elements.</example>
    public static Tensor Arange(double start, double end, double step = 1.0, DType? dtype = null, bool requiresGrad = false)
    {
        if (!double.IsFinite(start) || !double.IsFinite(end))
            throw new ArgumentException($"unsupported range: {start} -> {end}");
        var type = dtype ?? DTypes.DefaultFloat;
        string call = $"arange({start}, {end}, {step})";
        if (type.IsFloatingPoint)
        {
            CheckArange(start, end, step);
            var floats = AllocateRange(Math.Ceiling((end - start) / step), type, call);
            floats.Generate(i => start + i * step);
            return floats.Requiring(requiresGrad);
        }
        long first = (long)start, last = (long)end, by = (long)step;
        CheckArange(first, last, by);
        double length = type == DType.Int64 ? CeilingDivide((Int128)last - first, by) : Math.Ceiling((end - start) / step);
        var result = AllocateRange(length, type, call);
        result.FillRange(first, by);
        return result.Requiring(requiresGrad);
    }

    private static void CheckArange(double start, double end, double step)
    {
        if (step == 0 || double.IsNaN(step)) throw new ArgumentException($"step must be nonzero (got step {step})");
        if ((step > 0 && end < start) || (step < 0 && end > start))
            throw new ArgumentException($"upper bound and larger bound inconsistent with step sign: start {start}, end {end}, step {step}");
    }

    /// <summary>ceil(a / b), exactly: in double, (2^60 + 5) - 2^60 would round to 0.</summary>
    private static double CeilingDivide(Int128 a, long b)
    {
        var quotient = a / b;
        if (a % b != 0 && (a > 0) == (b > 0)) quotient++;
        return (double)quotient;
    }

    /// <summary>A contiguous 1-D tensor for an arange of <paramref name="length"/> (rounded up, at least 0) elements.</summary>
    private static Tensor AllocateRange(double length, DType dtype, string call)
    {
        if (dtype == DType.Bool) throw new ArgumentException($"{call} is not implemented for Bool (PyTorch: \"arange_cpu\" not implemented for 'Bool')");
        length = Math.Max(0, length);
        if (length > Shape.MaxElements)
            throw new ArgumentException($"{call} would have {length} elements, more than a tensor can hold.");
        return Allocate([(long)length], dtype, uninitialized: true);
    }

    /// <summary>Element i becomes start + i * step: exactly in Int64 for integer dtypes (wrapping to narrower ones), in double otherwise.</summary>
    private void FillRange(long start, long step)
    {
        if (DType.IsFloatingPoint)
        {
            Generate(i => start + i * (double)step);
            return;
        }
        var fill = new IntegerRangeFill(this, start, step);
        Dispatch.Run(DType, ref fill);
    }

    private readonly struct IntegerRangeFill(Tensor result, long start, long step) : IElementFunc
    {
        public void Invoke<T>() where T : unmanaged, INumber<T>
        {
            var data = result.Data<T>();
            for (int i = 0; i < data.Length; i++) data[i] = T.CreateTruncating(start + i * step);
        }
    }

    /// <summary>
    /// <paramref name="steps"/> evenly spaced values from <paramref name="start"/> to <paramref name="end"/> inclusive
    /// (torch.linspace); the first half is counted from the start and the second from the end, as PyTorch does.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="steps"/> is negative, or <paramref name="dtype"/> is Bool.</exception>
    /// <example><c>Tensor.Linspace(0, 1, 5)</c> is <c>[0, 0.25, 0.5, 0.75, 1]</c>.</example>
    public static Tensor Linspace(double start, double end, long steps, DType dtype = DTypes.DefaultFloat, bool requiresGrad = false)
    {
        if (steps < 0) throw new ArgumentException($"number of steps must be non-negative, got {steps}");
        if (dtype == DType.Bool) throw new ArgumentException("linspace is not implemented for Bool (PyTorch: \"linspace_cpu\" not implemented for 'Bool')");
        var result = Allocate([steps], dtype, uninitialized: true);
        var fill = new LinspaceFill(result, start, end);
        Dispatch.Run(dtype, ref fill);
        return result.Requiring(requiresGrad);
    }

    private readonly struct LinspaceFill(Tensor result, double start, double end) : IElementFunc
    {
        public void Invoke<T>() where T : unmanaged, INumber<T>
        {
            var data = result.Data<T>();
            long steps = data.Length, halfway = steps / 2;
            if (steps == 1) data[0] = Copy.Convert<double, T>(start, toBool: false);
            if (steps <= 1) return;
            bool floating = typeof(T) == typeof(float) || typeof(T) == typeof(double);
            if (floating)
            {
                // Float results are computed in their own precision, as PyTorch's kernel does.
                T s = T.CreateTruncating(start), e = T.CreateTruncating(end);
                T step = (e - s) / T.CreateTruncating(steps - 1);
                for (long i = 0; i < steps; i++)
                    data[i] = i < halfway ? s + step * T.CreateTruncating(i) : e - step * T.CreateTruncating(steps - i - 1);
            }
            else
            {
                // As PyTorch: the bounds are converted to the integer type first, the step is a double.
                double first = double.CreateTruncating(Copy.Convert<double, T>(start, toBool: false));
                double last = double.CreateTruncating(Copy.Convert<double, T>(end, toBool: false));
                double step = (last - first) / (steps - 1);
                for (long i = 0; i < steps; i++)
                    data[i] = Copy.Convert<double, T>(i < halfway ? first + step * i : last - step * (steps - i - 1), toBool: false);
            }
        }
    }

    /// <summary>A tensor of zeros (torch.zeros), Float32.</summary>
    /// <example><c>Tensor.Zeros(2, 3, 4)</c></example>
    public static Tensor Zeros(params ReadOnlySpan<long> shape) => Zeros(shape, DTypes.DefaultFloat);

    /// <summary>A tensor of zeros of the given dtype (torch.zeros(shape, dtype=...)).</summary>
    /// <example><c>Tensor.Zeros([2, 3, 4], DType.Float64)</c></example>
    public static Tensor Zeros(ReadOnlySpan<long> shape, DType dtype, bool requiresGrad = false) => Allocate(new Shape(shape), dtype).Requiring(requiresGrad);

    /// <summary>A tensor of ones (torch.ones), Float32.</summary>
    /// <example><c>Tensor.Ones(2, 3)</c></example>
    public static Tensor Ones(params ReadOnlySpan<long> shape) => Ones(shape, DTypes.DefaultFloat);

    /// <summary>A tensor of ones of the given dtype (torch.ones(shape, dtype=...)).</summary>
    public static Tensor Ones(ReadOnlySpan<long> shape, DType dtype, bool requiresGrad = false) => Full(shape, 1L, dtype, requiresGrad);

    /// <summary>A tensor whose values are unspecified (torch.empty), Float32: cheaper than zeros when every element is about to be written.</summary>
    public static Tensor Empty(params ReadOnlySpan<long> shape) => Empty(shape, DTypes.DefaultFloat);

    /// <summary>A tensor of the given dtype whose values are unspecified (torch.empty(shape, dtype=...)).</summary>
    public static Tensor Empty(ReadOnlySpan<long> shape, DType dtype, bool requiresGrad = false) =>
        Allocate(new Shape(shape), dtype, uninitialized: true).Requiring(requiresGrad);

    /// <summary>A tensor filled with <paramref name="value"/> (torch.full); a floating value gives Float32 unless <paramref name="dtype"/> is set.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> cannot hold <paramref name="value"/> (1e300 as Float32, 255.5 as UInt8).</exception>
    /// <example><c>Tensor.Full([2, 2], 7.0)</c></example>
    public static Tensor Full(ReadOnlySpan<long> shape, double value, DType? dtype = null, bool requiresGrad = false) =>
        FullOf(shape, value, dtype ?? DTypes.DefaultFloat).Requiring(requiresGrad);

    /// <summary>A tensor filled with an integer (torch.full with an int fill value): Int64 unless <paramref name="dtype"/> is set.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> cannot hold <paramref name="value"/> (300 as UInt8; -1 wraps to 255 as in PyTorch).</exception>
    public static Tensor Full(ReadOnlySpan<long> shape, long value, DType? dtype = null, bool requiresGrad = false) =>
        FullOf(shape, value, dtype ?? DTypes.DefaultInt).Requiring(requiresGrad);

    /// <summary>A tensor filled with a boolean (torch.full with a bool fill value): Bool unless <paramref name="dtype"/> is set.</summary>
    public static Tensor Full(ReadOnlySpan<long> shape, bool value, DType? dtype = null, bool requiresGrad = false) =>
        FullOf(shape, value, dtype ?? DType.Bool).Requiring(requiresGrad);

    /// <summary>Fills a new tensor with a weak C# number, refusing one the dtype cannot hold (torch.full(..., 300, dtype=torch.uint8) raises).</summary>
    private static Tensor FullOf(ReadOnlySpan<long> shape, Tensor value, DType dtype)
    {
        CheckScalarFits(value, dtype);
        var result = Empty(shape, dtype);
        result.Assign(value);
        return result;
    }

    /// <summary>The <paramref name="n"/> × <paramref name="m"/> identity matrix (torch.eye); square when <paramref name="m"/> is omitted.</summary>
    /// <exception cref="ArgumentException">A size is negative.</exception>
    /// <example><c>Tensor.Eye(3)</c></example>
    public static Tensor Eye(long n, long? m = null, DType dtype = DTypes.DefaultFloat, bool requiresGrad = false)
    {
        long cols = m ?? n;
        if (n < 0) throw new ArgumentException($"n must be greater or equal to 0, got {n}");
        if (cols < 0) throw new ArgumentException($"m must be greater or equal to 0, got {cols}");
        var result = Zeros([n, cols], dtype);
        // The diagonal is a strided view with stride cols + 1.
        var diagonal = new Layout(new Shape(Math.Min(n, cols)), [cols + 1], 0);
        result.WithLayout(diagonal).Assign(Scalar(1L));
        return result.Requiring(requiresGrad);
    }

    /// <summary>Zeros with the shape of <paramref name="like"/> and its dtype unless <paramref name="dtype"/> is given (torch.zeros_like).</summary>
    public static Tensor ZerosLike(Tensor like, DType? dtype = null, bool requiresGrad = false) => Zeros(NotNull(like).Shape.Sizes, dtype ?? like.DType, requiresGrad);

    /// <summary>Ones with the shape of <paramref name="like"/> and its dtype unless <paramref name="dtype"/> is given (torch.ones_like).</summary>
    public static Tensor OnesLike(Tensor like, DType? dtype = null, bool requiresGrad = false) => Ones(NotNull(like).Shape.Sizes, dtype ?? like.DType, requiresGrad);

    /// <summary>An uninitialised tensor with the shape of <paramref name="like"/> (torch.empty_like).</summary>
    public static Tensor EmptyLike(Tensor like, DType? dtype = null, bool requiresGrad = false) => Empty(NotNull(like).Shape.Sizes, dtype ?? like.DType, requiresGrad);

    /// <summary>A tensor with the shape and dtype of <paramref name="like"/> filled with <paramref name="value"/> (torch.full_like).</summary>
    public static Tensor FullLike(Tensor like, double value, DType? dtype = null, bool requiresGrad = false) =>
        Full(NotNull(like).Shape.Sizes, value, dtype ?? like.DType, requiresGrad);

    private static Tensor NotNull(Tensor like, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(like))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(like, name);
        return like;
    }

    /// <summary>A 0-d Float64 tensor (torch.tensor(3.0)). Unlike the implicit conversion, it is an ordinary (not weak) tensor.</summary>
    public static Tensor Scalar(double value) => From<double>([value], []);

    /// <summary>A 0-d Float32 tensor.</summary>
    public static Tensor Scalar(float value) => From<float>([value], []);

    /// <summary>A 0-d Int64 tensor.</summary>
    public static Tensor Scalar(long value) => From<long>([value], []);

    /// <summary>A 0-d Int32 tensor.</summary>
    public static Tensor Scalar(int value) => From<int>([value], []);

    /// <summary>A 0-d Bool tensor.</summary>
    public static Tensor Scalar(bool value) => From<bool>([value], []);

    /// <summary>A copy of a 1-D array (torch.tensor); the dtype follows the element type (float → Float32, int → Int32, long → Int64, ...).</summary>
    /// <exception cref="ArgumentException">The element type is not bool, byte, int, long, float or double.</exception>
    /// <example><c>Tensor.From(new[] { 1.0f, 2, 4, 8 })</c></example>
    public static Tensor From<T>(T[] data) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        return From<T>(data, [data.Length]);
    }

    /// <summary>A copy of a 2-D array, with the array's shape.</summary>
    /// <example><c>Tensor.From(new[,] { { 1, 2 }, { 3, 4 } })</c> is Int32 of shape [2, 2].</example>
    public static Tensor From<T>(T[,] data) where T : unmanaged => FromArray<T>(data);

    /// <summary>A copy of a 3-D array, with the array's shape.</summary>
    public static Tensor From<T>(T[,,] data) where T : unmanaged => FromArray<T>(data);

    /// <summary>A copy of a 4-D array, with the array's shape.</summary>
    public static Tensor From<T>(T[,,,] data) where T : unmanaged => FromArray<T>(data);

    /// <summary>A copy of a jagged array of rows, which must all have the same length.</summary>
    /// <exception cref="ArgumentException">The rows have different lengths (naming the first that differs).</exception>
    public static Tensor From<T>(T[][] rows) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows) ArgumentNullException.ThrowIfNull(row, nameof(rows));
        long columns = rows.Length == 0 ? 0 : rows[0].Length;
        var flat = new T[rows.Length * columns];
        for (int r = 0; r < rows.Length; r++)
        {
            if (rows[r].Length != columns)
                throw new ArgumentException($"expected sequence of length {columns} at dim 1 (got {rows[r].Length}) in row {r}");
            rows[r].CopyTo(flat, r * columns);
        }
        return From<T>(flat, [rows.Length, columns]);
    }

    /// <summary>A copy of flat row-major <paramref name="data"/> with the given shape.</summary>
    /// <exception cref="ArgumentException">The shape's element count differs from the data's length.</exception>
    /// <example><c>Tensor.From(new double[] { 1, 2 }, [2, 1])</c></example>
    public static Tensor From<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> shape) where T : unmanaged
    {
        var dtype = DTypes.Of<T>();
        var target = new Shape(shape);
        if (target.Numel != data.Length)
            throw new ArgumentException($"shape '{target}' is invalid for input of size {data.Length}");
        var result = Allocate(target, dtype, uninitialized: true);
        MemoryMarshal.AsBytes(data).CopyTo(result.storage.AsBytes());
        return result;
    }

    private static Tensor FromArray<T>(Array data) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        var shape = new long[data.Rank];
        for (int d = 0; d < shape.Length; d++) shape[d] = data.GetLength(d);
        var flat = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(data)), data.Length);
        return From(flat, shape);
    }

    /// <summary>A weak 0-d Int64 tensor: <c>2 * x</c> keeps x's dtype, as a Python int would.</summary>
    public static implicit operator Tensor(long value) => Weak(value);

    /// <summary>A weak 0-d Int64 tensor, so that <c>X[1, 2] = 17</c> compiles.</summary>
    public static implicit operator Tensor(int value) => Weak((long)value);

    /// <summary>A weak 0-d floating tensor: an integer tensor combined with it becomes Float32, a Float64 one stays Float64.</summary>
    public static implicit operator Tensor(double value) => Weak(value);

    /// <summary>A weak 0-d floating tensor (as <see cref="op_Implicit(double)"/>).</summary>
    public static implicit operator Tensor(float value) => Weak((double)value);

    /// <summary>A weak 0-d Bool tensor.</summary>
    public static implicit operator Tensor(bool value) => Weak(value);

    private static Tensor Weak<T>(T value) where T : unmanaged
    {
        var result = new Tensor(Storage.Allocate(DTypes.Of<T>(), 1, uninitialized: true, counted: false), Layout.Contiguous([]), isWrappedNumber: true);
        MemoryMarshal.Write(result.storage.AsBytes(), in value);
        return result;
    }

    /// <summary>Makes this new tensor a leaf that requires grad when asked (the requiresGrad: parameter of the factories).</summary>
    private Tensor Requiring(bool requiresGrad)
    {
        if (requiresGrad) RequiresGrad = true;
        return this;
    }

    /// <summary>Writes <c>f(i)</c> converted to the dtype into element i of this contiguous tensor.</summary>
    private void Generate(Func<long, double> f)
    {
        var fill = new GenerateFill(this, f);
        Dispatch.Run(DType, ref fill);
    }

    private readonly struct GenerateFill(Tensor result, Func<long, double> f) : IElementFunc
    {
        public void Invoke<T>() where T : unmanaged, INumber<T>
        {
            var data = result.Data<T>();
            bool toBool = result.DType == DType.Bool;
            for (int i = 0; i < data.Length; i++) data[i] = Copy.Convert<double, T>(f(i), toBool);
        }
    }
}
