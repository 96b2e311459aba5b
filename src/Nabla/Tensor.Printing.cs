namespace Nabla;

// Printing: repr(t). The formatting itself is in Printing (Ops/Printing.cs); what follows the
// data (dtype, size, and later the autograd state) is decided here, in one place.
public sealed partial class Tensor
{
    /// <summary>
    /// The tensor as PyTorch's <c>repr</c> prints it, character for character:
    /// <c>tensor([[ 0.0000, -1.5000], [ 2.2500,  3.0000]])</c> on aligned lines, 4 decimals,
    /// scientific notation when PyTorch would use it, integer-valued floats as <c>1.</c>,
    /// lines wrapped at 80 columns, only the first and last 3 entries of each dimension past
    /// 1000 elements (<c>...</c>), and a <c>dtype=</c> suffix unless the dtype is Float32,
    /// Int64 or Bool.
    /// </summary>
    /// <example><c>Tensor.Arange(3).ToString() == "tensor([0, 1, 2])"</c>;
    /// <c>Tensor.Zeros([0, 3], DType.Int64).ToString() == "tensor([], size=(0, 3), dtype=torch.int64)"</c>.</example>
    public override string ToString() => Printing.Repr(this, ReprSuffixes());

    /// <summary>
    /// The suffixes after the data, in PyTorch's order (torch/_tensor_str.py, _str_intern):
    /// the shape and dtype of an empty tensor, or a non-default dtype. Autograd's
    /// <c>grad_fn=&lt;MulBackward0&gt;</c> or else <c>requires_grad=True</c> belongs last, here.
    /// </summary>
    private List<string> ReprSuffixes()
    {
        var suffixes = new List<string>();
        if (Numel == 0)
        {
            // An empty tensor shows its shape unless it is (0,), and its dtype unless it is the
            // default float: no element tells an integer tensor apart.
            if (Rank != 1) suffixes.Add("size=" + Printing.PythonTuple(Shape.Sizes));
            if (DType != DTypes.DefaultFloat) suffixes.Add("dtype=" + DType.TorchName);
        }
        else if (DType is not (DTypes.DefaultFloat or DTypes.DefaultInt or DType.Bool))
        {
            suffixes.Add("dtype=" + DType.TorchName);
        }
        if (GradFn is { } fn) suffixes.Add($"grad_fn=<{fn.Name}>");
        else if (RequiresGrad) suffixes.Add("requires_grad=True");
        return suffixes;
    }
}
