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
        var dtype = ResultType(rule, Tensor.ResultType(a, b));
        RequireCast(dtype, destination);  // PyTorch checks the cast before the kernel's dtype (int &= 0.5 names the cast)
        Require(name, dtype, allowBool, allowFloat);
        var shape = Layout.Broadcast(a.Shape, b.Shape);
        var recording = Recording.Begin(name, derivative, dtype, destination, a, b);
        var output = Output(shape, dtype, destination);
        var target = ComputeTarget(output, dtype);
        Elementwise.Binary<TOp>(Input(a, dtype, target), Input(b, dtype, target), target);
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
    public static Tensor Input(Tensor x, DType dtype, Tensor output)
    {
        x = x.Converted(dtype);
        if (ReferenceEquals(x.Storage, output.Storage) && !x.Layout.Expand(output.Shape).SameAs(output.Layout)) x = x.CloneData();
        return x.Shape == output.Shape ? x : x.WithLayout(x.Layout.Expand(output.Shape));
    }
}
