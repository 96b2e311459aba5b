namespace Nabla;

/// <summary>Reverse-mode automatic differentiation (torch.autograd): grad-mode scopes and functional gradients.</summary>
public static class Autograd
{
    /// <summary>
    /// A scope, for this thread, in which ops record no graph (torch.no_grad): for parameter updates
    /// and evaluation. Scopes nest; disposing restores the previous mode.
    /// </summary>
    /// <example><c>using (Autograd.NoGrad()) { x -= 0.1 * x.Grad!; }</c></example>
    public static GradScope NoGrad() => GradMode.Set(false);

    /// <summary>A scope that turns recording back on inside a <see cref="NoGrad"/> scope (torch.enable_grad).</summary>
    public static GradScope EnableGrad() => GradMode.Set(true);

    /// <summary>Whether ops on this thread record the graph (torch.is_grad_enabled).</summary>
    public static bool IsGradEnabled => GradMode.Enabled;

    /// <summary>Restores the grad mode that was in force when the scope began.</summary>
    public readonly struct GradScope : IDisposable
    {
        private readonly bool previous;

        internal GradScope(bool previous) => this.previous = previous;

        /// <summary>Restores the previous grad mode.</summary>
        public void Dispose() => GradMode.Restore(previous);
    }

    /// <summary>
    /// The gradients of <paramref name="outputs"/> with respect to <paramref name="inputs"/>
    /// (torch.autograd.grad), returned instead of added into <c>.Grad</c>. Non-scalar outputs need
    /// <paramref name="gradOutputs"/>. With <paramref name="createGraph"/> the results are themselves
    /// differentiable (higher-order derivatives). The graph is freed unless <paramref name="retainGraph"/>
    /// (which defaults to <paramref name="createGraph"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">An input is not used by the outputs (unless <paramref name="allowUnused"/>, which gives zeros), or an output does not require grad.</exception>
    /// <exception cref="ArgumentException"><paramref name="gradOutputs"/> is given but does not have one gradient per output, each of its output's shape.</exception>
    /// <example><c>Tensor[] grads = Autograd.Grad([loss], [w, b], createGraph: true);</c></example>
    public static Tensor[] Grad(ReadOnlySpan<Tensor> outputs, ReadOnlySpan<Tensor> inputs, ReadOnlySpan<Tensor> gradOutputs = default,
        bool? retainGraph = null, bool createGraph = false, bool allowUnused = false)
    {
        var roots = outputs.ToArray();
        if (!gradOutputs.IsEmpty && gradOutputs.Length != roots.Length)
            throw new ArgumentException($"got {roots.Length} tensors and {gradOutputs.Length} gradients");
        var seeds = new Tensor[roots.Length];
        for (int i = 0; i < roots.Length; i++)
        {
            if (i < gradOutputs.Length) seeds[i] = gradOutputs[i];
            else if (roots[i].Numel == 1) seeds[i] = Tensor.OnesLike(roots[i]);
            else throw new InvalidOperationException($"grad can be implicitly created only for scalar outputs; output {i} has shape {roots[i].Shape}");
        }
        var targets = inputs.ToArray();
        foreach (var t in targets)
            if (!t.RequiresGrad) throw new InvalidOperationException("One of the differentiated Tensors does not require grad");
        var captured = Engine.Run(roots, seeds, retainGraph ?? createGraph, createGraph, targets)!;
        var result = new Tensor[targets.Length];
        for (int i = 0; i < targets.Length; i++)
        {
            result[i] = captured[i] ?? (allowUnused ? Tensor.ZerosLike(targets[i])
                : throw new InvalidOperationException(
                    $"One of the differentiated Tensors (input {i}) appears to not have been used in the graph. Set allowUnused: true if this is the desired behavior."));
        }
        return result;
    }

    /// <summary>
    /// Checks a function's gradients against central finite differences (torch.autograd.gradcheck).
    /// The input should be Float64 and require grad. Returns true when every Jacobian entry agrees
    /// within <c>atol + rtol * |numerical|</c>; otherwise throws with the worst entry, or returns false
    /// when <paramref name="raiseException"/> is false.
    /// </summary>
    /// <example><c>Autograd.GradCheck(t =&gt; (t * t).Sum(), Tensor.Randn([3], DType.Float64, requiresGrad: true))</c></example>
    public static bool GradCheck(Func<Tensor, Tensor> function, Tensor input, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3,
        bool raiseException = true) =>
        GradCheck(inputs => function(inputs[0]), [input], eps, atol, rtol, raiseException);

    /// <summary>Checks the gradients of a function of several inputs; only those that require grad are checked.</summary>
    public static bool GradCheck(Func<Tensor[], Tensor> function, Tensor[] inputs, double eps = 1e-6, double atol = 1e-5, double rtol = 1e-3,
        bool raiseException = true) =>
        GradChecker.Check(function, inputs, eps, atol, rtol, raiseException);
}
