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
/// <param name="Name">PyTorch's name for the node, e.g. "MulBackward0".</param>
/// <param name="Formula">The output gradient, the inputs' values and the result → one gradient per input (null for none).</param>
/// <param name="Saves">Which values the formula reads, to keep and version-check.</param>
/// <param name="Uses">
/// For each input, the inputs its gradient reads (null: all of them). Only inputs read by a gradient
/// that is needed are kept and version-checked, as PyTorch saves them: <c>b = a * 3; a += 1</c> leaves
/// b's backward valid, because a's value is only needed for the gradient of the constant.
/// </param>
internal sealed record Derivative(string Name, Func<Tensor, Tensor[], Tensor, Tensor?[]> Formula, Saves Saves = Saves.Inputs, int[][]? Uses = null)
{
    /// <summary>
    /// The formula again, told which inputs need a gradient (bit i for input i) so that it can skip
    /// the others (null for them): <c>2 * x</c> needs no gradient for the 2. Optional; used when given.
    /// </summary>
    public Func<Tensor, Tensor[], Tensor, int, Tensor?[]>? Partial { get; init; }

    /// <summary>Whether the formula needs the value of input <paramref name="j"/> for the gradients that are needed.</summary>
    public bool Keeps(int j, Tensor[] inputs)
    {
        if (!Saves.HasFlag(Saves.Inputs)) return false;
        if (Uses is null) return true;
        for (int i = 0; i < inputs.Length; i++)
            if (inputs[i].RequiresGrad && Array.IndexOf(Uses[i], j) >= 0) return true;
        return false;
    }
}

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
    private readonly int kept;  // a bit per input whose value the formula keeps

    private Recording(Derivative derivative, Tensor[] inputs, Tensor[] values, int kept)
    {
        this.derivative = derivative;
        this.inputs = inputs;
        this.values = values;
        this.kept = kept;
    }

    public static Recording Begin(string name, Derivative? derivative, DType dtype, Tensor? destination, Tensor a, Tensor? b = null, Tensor? c = null)
    {
        if (!GradMode.Enabled) return default;
        bool needed = a.RequiresGrad || b is { RequiresGrad: true } || c is { RequiresGrad: true };
        if (destination is null && !needed) return default;
        bool inPlace = destination is not null && (ReferenceEquals(destination, a) || ReferenceEquals(destination, b) || ReferenceEquals(destination, c));
        if (destination is not null && !inPlace && (needed || destination.RequiresGrad))
            throw new InvalidOperationException(
                $"{name}(): functions with destination arguments don't support automatic differentiation, but one of the arguments requires grad.");
        if (!needed || derivative is null || !dtype.IsFloatingPoint) return default;

        Tensor[] inputs = c is not null ? [a, b!, c] : b is not null ? [a, b] : [a];
        var values = inputs;
        int kept = 0;
        for (int j = 0; j < inputs.Length; j++)
        {
            if (!derivative.Keeps(j, inputs)) continue;
            // An input about to be overwritten in place is copied first: its gradient formula needs the old value.
            if (inPlace && ReferenceEquals(inputs[j].Storage, destination!.Storage))
            {
                if (ReferenceEquals(values, inputs)) values = (Tensor[])inputs.Clone();
                values[j] = inputs[j].Clone();
            }
            kept |= 1 << j;
        }
        return new Recording(derivative, inputs, values, kept);
    }

    public Tensor End(Tensor output) => derivative is null ? output : Attach(output);

    // A method of its own: a lambda or a closure here would be allocated on every call of End.
    private Tensor Attach(Tensor output)
    {
        if (!output.DType.IsFloatingPoint || !Graph.ShouldRecord(inputs)) return output;
        int count = System.Numerics.BitOperations.PopCount((uint)kept) + (derivative!.Saves.HasFlag(Saves.Result) ? 1 : 0);
        var saved = count == 0 ? [] : new (Tensor, int)[count];
        int k = 0;
        for (int j = 0; j < values!.Length; j++)
            if ((kept & (1 << j)) != 0) saved[k++] = (values[j], values[j].Version);
        if (k < count) saved[k] = (output, output.Version);
        output.SetGradFn(new DerivativeNode(derivative, Graph.Edges(inputs), Graph.Metas(inputs), values, output, saved), 0);
        return output;
    }
}
