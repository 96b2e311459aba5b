namespace Nabla;

/// <summary>
/// A differentiable operation defined by the user, forward and backward in one class
/// (torch.autograd.Function). <see cref="Forward"/> runs without recording; its result joins the
/// graph with <see cref="Backward"/> as its gradient formula. Write Backward with tensor ops and it
/// can itself be differentiated (higher-order gradients).
/// </summary>
/// <example>
/// <code>
/// sealed class Cube : Function
/// {
///     protected override Tensor Forward(FunctionContext context, Tensor[] inputs)
///     {
///         context.SaveForBackward(inputs[0]);
///         return inputs[0] * inputs[0] * inputs[0];
///     }
///     protected override Tensor?[] Backward(FunctionContext context, Tensor gradOutput) =>
///         [3 * context.SavedTensors[0].Square() * gradOutput];
/// }
/// Tensor y = new Cube().Apply(x);
/// </code>
/// </example>
public abstract class Function
{
    /// <summary>Computes the result from the inputs; grad mode is off inside.</summary>
    protected abstract Tensor Forward(FunctionContext context, Tensor[] inputs);

    /// <summary>The gradient for each input (null for none), given the gradient of the result.</summary>
    protected abstract Tensor?[] Backward(FunctionContext context, Tensor gradOutput);

    /// <summary>Runs <see cref="Forward"/> and records <see cref="Backward"/> as the result's grad_fn (named after the class, e.g. "CubeBackward").</summary>
    public Tensor Apply(params Tensor[] inputs)
    {
        var context = new FunctionContext();
        Tensor output;
        using (Autograd.NoGrad()) output = Forward(context, inputs);
        // A forward that returns one of its inputs must not re-attach that input's history.
        if (Array.Exists(inputs, input => ReferenceEquals(input, output))) output = output.Detach();
        return Graph.RecordUserFunction(output, GetType().Name + "Backward", inputs, g => Backward(context, g), [.. context.SavedTensors]);
    }
}

/// <summary>What a <see cref="Function"/>'s forward pass keeps for its backward pass (ctx in PyTorch).</summary>
public sealed class FunctionContext
{
    private readonly List<Tensor> saved = [];

    /// <summary>Keeps tensors for <c>Backward</c>; changing them in place before then makes backward throw.</summary>
    public void SaveForBackward(params Tensor[] tensors) => saved.AddRange(tensors);

    /// <summary>The tensors kept by <see cref="SaveForBackward"/>, in order.</summary>
    public IReadOnlyList<Tensor> SavedTensors => saved;
}
