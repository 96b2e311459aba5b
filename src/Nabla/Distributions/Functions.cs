namespace Nabla.Distributions;

/// <summary>
/// Elementwise special functions as differentiable tensor ops, and the numerically careful
/// composites the distributions share (xlogy, softplus, BCE with logits). Internal: the public
/// surface is the distributions themselves.
/// </summary>
internal static class Functions
{
    /// <summary>finfo(dtype).eps</summary>
    public static double Eps(DType dtype) => dtype == DType.Float32 ? 1.1920928955078125e-07 : 2.220446049250313e-16;

    /// <summary>finfo(dtype).tiny: the smallest normal number.</summary>
    public static double Tiny(DType dtype) => dtype == DType.Float32 ? 1.1754943508222875e-38 : 2.2250738585072014e-308;

    /// <summary>finfo(dtype).min: the most negative finite number.</summary>
    public static double MinValue(DType dtype) => dtype == DType.Float32 ? float.MinValue : double.MinValue;

    /// <summary>log |Γ(x)| (torch.lgamma), with gradient ψ(x).</summary>
    public static Tensor Lgamma(Tensor x)
    {
        var result = Map(x, Special.Lgamma);
        return Graph.Record(result, "LgammaBackward0", [x], g => [g * Digamma(x)], x);
    }

    /// <summary>ψ(x) (torch.digamma), with gradient ψ₁(x).</summary>
    public static Tensor Digamma(Tensor x)
    {
        var result = Map(x, Special.Digamma);
        return Graph.Record(result, "DigammaBackward0", [x], g => [g * Trigamma(x)], x);
    }

    /// <summary>ψ₁(x) (torch.polygamma(1, x)); its own derivative is not implemented.</summary>
    public static Tensor Trigamma(Tensor x)
    {
        var result = Map(x, Special.Trigamma);
        return Graph.Record(result, "PolygammaBackward0", [x],
            g => throw new NotSupportedException("the derivative of polygamma(1, x) (a third derivative of lgamma) is not implemented"), x);
    }

    /// <summary>erf(x) (torch.erf), with gradient 2/√π e^(-x²).</summary>
    public static Tensor Erf(Tensor x)
    {
        var result = Map(x, Special.Erf);
        return Graph.Record(result, "ErfBackward0", [x], g => [g * (2 / Math.Sqrt(Math.PI)) * Tensor.Exp(-(x * x))], x);
    }

    /// <summary>erfinv(x) (torch.erfinv), with gradient √π/2 e^(erfinv(x)²).</summary>
    public static Tensor Erfinv(Tensor x)
    {
        var result = Map(x, Special.Erfinv);
        return Graph.Record(result, "ErfinvBackward0", [x], g => [g * (Math.Sqrt(Math.PI) / 2) * Tensor.Exp(result * result)], x, result);
    }

    /// <summary>x·log(y), 0 where x is 0 (unless y is NaN), as torch.xlogy; the gradient in x at x = 0 is log y, as PyTorch's.</summary>
    public static Tensor Xlogy(Tensor x, Tensor y)
    {
        var zero = Tensor.Eq(x, 0L) & (Tensor.Le(y, 0L) | Tensor.IsInf(y));
        return x * Tensor.Log(Tensor.Where(zero, 1.0, y));
    }

    /// <summary>log(1 + eˣ) (torch.nn.functional.softplus, threshold 20).</summary>
    public static Tensor Softplus(Tensor x) => Tensor.Where(x > 20L, x, Tensor.Log1p(Tensor.Exp(x.Clamp(max: 20.0))));

    /// <summary>max(x, 0)</summary>
    public static Tensor ClampByZero(Tensor x) => (x.Clamp(min: 0L) + x - x.Clamp(max: 0L)) / 2L;

    /// <summary>Elementwise binary cross entropy of logits x against targets t, written as PyTorch's kernel: (1 - t)x + m + log(e^(-m) + e^(-x-m)), m = max(-x, 0).</summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor x, Tensor t)
    {
        var m = (-x).Clamp(min: 0L);
        return (1L - t) * x + m + Tensor.Log(Tensor.Exp(-m) + Tensor.Exp(-x - m));
    }

    /// <summary>probs clamped to [eps, 1 - eps] (torch.distributions.utils.clamp_probs).</summary>
    public static Tensor ClampProbs(Tensor probs)
    {
        double eps = Eps(probs.DType);
        return probs.Clamp(min: eps, max: 1 - eps);
    }

    /// <summary>probs_to_logits: log-odds for binary probabilities, log-probabilities otherwise.</summary>
    public static Tensor ProbsToLogits(Tensor probs, bool binary)
    {
        var clamped = ClampProbs(probs);
        return binary ? Tensor.Log(clamped) - Tensor.Log1p(-clamped) : Tensor.Log(clamped);
    }

    /// <summary>logits_to_probs: sigmoid for binary logits, softmax over the last dimension otherwise.</summary>
    public static Tensor LogitsToProbs(Tensor logits, bool binary) => binary ? Tensor.Sigmoid(logits) : logits.Softmax(-1);

    /// <summary>
    /// Gamma(α, 1) samples (torch._standard_gamma) of <paramref name="alpha"/>'s shape and dtype, at
    /// least finfo.tiny; differentiable in α by implicit reparameterisation (torch._standard_gamma_grad).
    /// </summary>
    public static Tensor StandardGamma(Tensor alpha, Generator generator)
    {
        var values = alpha.Detach().ToArray<double>();
        var samples = Samplers.StandardGamma(values, Tiny(alpha.DType), generator);
        var result = Tensor.From<double>(samples, alpha.Shape.Sizes).To(alpha.DType);
        return Graph.Record(result, "StandardGammaBackward0", [alpha], g =>
        {
            var grad = new double[samples.Length];
            for (int i = 0; i < grad.Length; i++) grad[i] = Special.StandardGammaGrad(values[i], samples[i]);
            return [g * Tensor.From<double>(grad, alpha.Shape.Sizes).To(alpha.DType)];
        });
    }

    /// <summary>f applied to every element, computed in double; the result has x's floating dtype (integers give Float32).</summary>
    private static Tensor Map(Tensor x, Func<double, double> f)
    {
        var dtype = x.DType.IsFloatingPoint ? x.DType : DTypes.DefaultFloat;
        var values = x.Detach().ToArray<double>();
        var result = new double[values.Length];
        RandomKernels.For(values.Length, (first, count) =>
        {
            for (long i = first; i < first + count; i++) result[i] = f(values[i]);
        }, align: 1, minElements: 8192);
        return Tensor.From<double>(result, x.Shape.Sizes).To(dtype);
    }
}
