namespace Nabla;

/// <summary>How an elementwise op picks its result dtype from its operands.</summary>
internal enum ResultRule
{
    /// <summary>torch.result_type of the operands (add, mul, maximum, ...).</summary>
    Promoted,
    /// <summary>As <see cref="Promoted"/>, but integers and Bool become the default float (div, exp, atan2, ...).</summary>
    Floating,
}

/// <summary>
/// The dtype, shape and destination rules shared by every elementwise op: promotion, broadcasting,
/// PyTorch's casting check for <c>destination:</c> and in-place forms, and input/output aliasing.
/// The public methods in Tensor.Math.cs pick an operator struct and a rule and call in here.
/// </summary>
internal static class Pointwise
{
    public static Tensor Unary<TOp>(string name, Tensor x, Tensor? destination, ResultRule rule = ResultRule.Promoted, bool allowBool = true,
        Derivative? derivative = null) where TOp : struct, IUnaryOperator<TOp>
    {
        ArgumentNullException.ThrowIfNull(x);
        var dtype = ResultType(rule, x.DType);
        RequireCast(dtype, destination);
        Require(name, dtype, allowBool, allowFloat: true);
        var recording = Recording.Begin(name, derivative, dtype, destination, x);
        var output = Output(x.Shape, dtype, destination);
        var target = ComputeTarget(output, dtype);
        Elementwise.Unary<TOp>(Input(x, dtype, target), target);
        return recording.End(Finish(output, target));
    }

    public static Tensor Binary<TOp>(string name, Tensor a, Tensor b, Tensor? destination, ResultRule rule = ResultRule.Promoted,
        bool allowBool = true, bool allowFloat = true, Derivative? derivative = null) where TOp : struct, IBinaryOperator<TOp>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.DType == b.DType && !a.IsWrappedNumber && !b.IsWrappedNumber && a.Shape == b.Shape && (destination is null || (Distinct(a, destination) && Distinct(b, destination))))
            return SameShapeBinary<TOp>(name, a, b, destination, rule, allowBool, allowFloat, derivative);
        var dtype = ResultType(rule, Tensor.ResultType(a, b));
        RequireCast(dtype, destination);  // PyTorch checks the cast before the kernel's dtype (int &= 0.5 names the cast)
        Require(name, dtype, allowBool, allowFloat);
        var shape = Layout.Broadcast(a.Shape, b.Shape);
        var recording = Recording.Begin(name, derivative, dtype, destination, a, b);
        var output = Output(shape, dtype, destination);
        var target = ComputeTarget(output, dtype);
        Elementwise.Binary<TOp>(Input(a, dtype, target, expandScalar: false), Input(b, dtype, target, expandScalar: false), target);
        return recording.End(Finish(output, target));
    }

    /// <summary>Whether <paramref name="x"/> is the destination itself or shares no storage with it (so it needs no copy before the kernel).</summary>
    private static bool Distinct(Tensor x, Tensor destination) => ReferenceEquals(x, destination) || !ReferenceEquals(x.Storage, destination.Storage);

    /// <summary>
    /// <see cref="Binary{TOp}"/> for operands of one dtype and shape, neither aliasing the destination
    /// through another layout: no promotion, broadcasting or operand copies to work out.
    /// </summary>
    private static Tensor SameShapeBinary<TOp>(string name, Tensor a, Tensor b, Tensor? destination, ResultRule rule,
        bool allowBool, bool allowFloat, Derivative? derivative) where TOp : struct, IBinaryOperator<TOp>
    {
        var dtype = ResultType(rule, a.DType);
        RequireCast(dtype, destination);
        Require(name, dtype, allowBool, allowFloat);
        var recording = Recording.Begin(name, derivative, dtype, destination, a, b);
        var output = Output(a.Shape, dtype, destination);
        var target = ComputeTarget(output, dtype);
        if (dtype == a.DType) Elementwise.Binary<TOp>(a, b, target);
        else Elementwise.Binary<TOp>(a.Converted(dtype), b.Converted(dtype), target);
        return recording.End(Finish(output, target));
    }

    /// <summary>A comparison: computed in the operands' promoted dtype, written as Bool.</summary>
    public static Tensor Compare<TOp>(Tensor a, Tensor b, Tensor? destination) where TOp : struct, IComparisonOperator
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var dtype = Tensor.ResultType(a, b);
        var shape = Layout.Broadcast(a.Shape, b.Shape);
        var output = Output(shape, DType.Bool, destination);
        var target = ComputeTarget(output, DType.Bool);
        Elementwise.Compare<TOp>(Input(a, dtype, target), Input(b, dtype, target), target);
        return Finish(output, target);
    }

    /// <summary>A test of each element (isnan, isinf), written as Bool.</summary>
    public static Tensor Test<TOp>(Tensor x, Tensor? destination) where TOp : struct, IPredicateOperator
    {
        ArgumentNullException.ThrowIfNull(x);
        var output = Output(x.Shape, DType.Bool, destination);
        var target = ComputeTarget(output, DType.Bool);
        Elementwise.Test<TOp>(Input(x, x.DType, target), target);
        return Finish(output, target);
    }

    private static DType ResultType(ResultRule rule, DType promoted) =>
        rule == ResultRule.Floating && !promoted.IsFloatingPoint ? DTypes.DefaultFloat : promoted;

    public static void Require(string name, DType dtype, bool allowBool, bool allowFloat)
    {
        if ((!allowBool && dtype == DType.Bool) || (!allowFloat && dtype.IsFloatingPoint))
            throw new ArgumentException($"\"{name}\" not implemented for '{dtype.ScalarTypeName()}'");
    }

    /// <summary>
    /// The tensor the result goes into: a new one, or <paramref name="destination"/> after checking
    /// its shape and that the result dtype can be cast to it (torch.can_cast: never float to
    /// integer, nor anything else to Bool), as out= and in-place ops do.
    /// </summary>
    public static Tensor Output(Shape shape, DType dtype, Tensor? destination)
    {
        if (destination is null) return Tensor.Allocate(shape, dtype, uninitialized: true);
        if (destination.Shape != shape)
            throw new ArgumentException($"destination has shape {destination.Shape}, but the result has shape {shape}");
        RequireCast(dtype, destination);
        destination.BeginWrite();
        return destination;
    }

    private static void RequireCast(DType dtype, Tensor? destination)
    {
        if (destination is not null && !CanCast(dtype, destination.DType))
            throw new ArgumentException(
                $"result type {dtype.ScalarTypeName()} can't be cast to the desired output type {destination.DType.ScalarTypeName()}");
    }

    /// <summary>torch.can_cast</summary>
    public static bool CanCast(DType from, DType to) =>
        !(from.IsFloatingPoint && !to.IsFloatingPoint) && !(from != DType.Bool && to == DType.Bool);

    /// <summary>The output itself when it has the compute dtype, else a temporary to convert from.</summary>
    public static Tensor ComputeTarget(Tensor output, DType dtype) =>
        output.DType == dtype ? output : Tensor.Allocate(output.Shape, dtype, uninitialized: true);

    public static Tensor Finish(Tensor output, Tensor target)
    {
        if (!ReferenceEquals(output, target)) output.Assign(target);
        return output;
    }

    /// <summary>
    /// An operand converted to the compute dtype and broadcast to the output's shape. An operand
    /// that shares storage with the output through a different layout is copied first, so the
    /// kernel never reads an element it has already overwritten.
    /// </summary>
    /// <remarks>
    /// Without <paramref name="expandScalar"/> a one-element operand keeps its own layout: <see cref="Elementwise.Binary{TOp}"/>
    /// reads it as a scalar, so the view it would need is only made when the kernel walks strides.
    /// </remarks>
    public static Tensor Input(Tensor x, DType dtype, Tensor output, bool expandScalar = true)
    {
        x = x.IsWrappedNumber && x.DType != dtype ? ConvertedScalars.Get(x, dtype) : x.Converted(dtype);
        if (ReferenceEquals(x.Storage, output.Storage) && !x.Layout.Expand(output.Shape).SameAs(output.Layout)) x = x.CloneData();
        return x.Shape == output.Shape || (!expandScalar && x.Numel == 1 && x.Rank <= output.Rank) ? x : x.WithLayout(x.Layout.Expand(output.Shape));
    }
}

/// <summary>
/// Weak C# scalars converted to a compute dtype (the 2 of <c>x * 2</c> as Float32), kept per thread
/// so a loop does not convert the same number on every op. The tensors here are only ever read by
/// kernels (<see cref="Pointwise.Input"/> hands them to no one else), so sharing them is safe.
/// </summary>
internal static class ConvertedScalars
{
    private const int Size = 16;

    [ThreadStatic] private static Entry[]? entries;

    private struct Entry
    {
        public long Bits;
        public DType From, To;
        public Tensor? Value;
    }

    public static Tensor Get(Tensor scalar, DType dtype)
    {
        long bits = 0;
        var bytes = scalar.Storage.AsBytes();
        if (bytes.Length > sizeof(long)) return Tensor.WrappedNumber(scalar, dtype);
        bytes.CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(new Span<long>(ref bits)));
        var table = entries ??= new Entry[Size];
        int slot = (int)((ulong)(bits ^ (bits >>> 29) ^ ((long)scalar.DType << 7) ^ ((long)dtype << 11)) * 0x9E3779B97F4A7C15UL >>> 60);
        ref var entry = ref table[slot];
        if (entry.Value is { } cached && entry.Bits == bits && entry.From == scalar.DType && entry.To == dtype) return cached;
        var converted = Tensor.WrappedNumber(scalar, dtype);
        entry = new Entry { Bits = bits, From = scalar.DType, To = dtype, Value = converted };
        return converted;
    }
}
