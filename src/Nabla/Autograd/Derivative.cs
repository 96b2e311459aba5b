namespace Nabla;

/// <summary>Which values an op's gradient formula reads, so they can be kept (and version-checked) for the backward pass.</summary>
[Flags]
internal enum Saves
{
    Nothing = 0,
    Inputs = 1,
    Result = 2,
}

/// <summary>
/// The backward step of an elementwise op, declared once beside the op: PyTorch's node name, the
/// formula (output gradient, the inputs, the result → one gradient per input, null for none), and
/// what the formula reads. Gradients come back in the result's shape; the engine sums them to
/// each input's shape and casts them to its dtype.
/// </summary>
internal sealed record Derivative(string Name, Func<Tensor, Tensor[], Tensor, Tensor?[]> Formula, Saves Saves = Saves.Inputs);

/// <summary>
/// The autograd side of one elementwise call: decided before the kernel runs (an input that the
/// kernel is about to overwrite in place, and that the formula needs, is copied first), attached
/// to the result afterwards.
/// </summary>
internal readonly struct Recording
{
    private readonly Derivative? derivative;
    private readonly Tensor[]? inputs;
    private readonly Tensor[]? values;

    private Recording(Derivative derivative, Tensor[] inputs, Tensor[] values)
    {
        this.derivative = derivative;
        this.inputs = inputs;
        this.values = values;
    }

    public static Recording Begin(string name, Derivative? derivative, DType dtype, Tensor? destination, Tensor a, Tensor? b = null, Tensor? c = null)
    {
        if (!GradMode.Enabled) return default;
        bool needed = a.RequiresGrad || b is { RequiresGrad: true } || c is { RequiresGrad: true };
        bool inPlace = destination is not null && (ReferenceEquals(destination, a) || ReferenceEquals(destination, b) || ReferenceEquals(destination, c));
        if (destination is not null && !inPlace && (needed || destination.RequiresGrad))
            throw new InvalidOperationException(
                $"{name}(): functions with destination arguments don't support automatic differentiation, but one of the arguments requires grad.");
        if (!needed || derivative is null || !dtype.IsFloatingPoint) return default;

        Tensor[] inputs = c is not null ? [a, b!, c] : b is not null ? [a, b] : [a];
        var values = inputs;
        if (inPlace && derivative.Saves.HasFlag(Saves.Inputs))
            values = Array.ConvertAll(inputs, t => ReferenceEquals(t.Storage, destination!.Storage) ? t.Clone() : t);
        return new Recording(derivative, inputs, values);
    }

    public Tensor End(Tensor output)
    {
        if (derivative is null) return output;
        var (formula, values) = (derivative.Formula, this.values!);
        Tensor[] saved = [.. derivative.Saves.HasFlag(Saves.Inputs) ? values : [], .. derivative.Saves.HasFlag(Saves.Result) ? [output] : Array.Empty<Tensor>()];
        return Graph.Record(output, derivative.Name, inputs, g => formula(g, values, output), saved);
    }
}
