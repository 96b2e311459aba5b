namespace Nabla;

public sealed partial class Tensor
{
    /// <summary>
    /// The dtype an operation on these operands computes in (torch.result_type). Operands rank
    /// in three classes: tensors with dimensions, 0-d tensors, and weak C# scalars (the implicit
    /// conversions); a lower class only decides the dtype when it is of a higher category
    /// (bool &lt; integer &lt; floating) than every operand above it. A weak floating scalar counts as Float32.
    /// </summary>
    /// <example><c>Tensor.ResultType(Tensor.Arange(3), 0.5) == DType.Float32</c>; <c>Tensor.ResultType(Tensor.Arange(3), Tensor.Scalar(2.5f)) == DType.Float32</c> (a 0-d Float64 would give Float64).</example>
    public static DType ResultType(params ReadOnlySpan<Tensor> operands)
    {
        DType? dimensioned = null, zeroDim = null, wrapped = null;
        foreach (var t in operands)
        {
            ArgumentNullException.ThrowIfNull(t);
            if (t.IsWrappedNumber)
                wrapped = PromoteOptional(wrapped, t.DType.IsFloatingPoint ? DTypes.DefaultFloat : t.DType);
            else if (t.Rank == 0)
                zeroDim = PromoteOptional(zeroDim, t.DType);
            else
                dimensioned = PromoteOptional(dimensioned, t.DType);
        }
        return CombineCategories(dimensioned, CombineCategories(zeroDim, wrapped))
            ?? throw new ArgumentException("ResultType needs at least one operand");
    }

    private static DType PromoteOptional(DType? a, DType b) => a is { } x ? DTypes.Promote(x, b) : b;

    /// <summary>PyTorch's combine_categories (ATen/native/TypeProperties.cpp).</summary>
    private static DType? CombineCategories(DType? higher, DType? lower)
    {
        if (higher is not { } h) return lower;
        if (lower is not { } l || h.IsFloatingPoint) return h;
        return h == DType.Bool || l.IsFloatingPoint ? DTypes.Promote(h, l) : h;
    }
}
