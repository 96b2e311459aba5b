namespace Nabla;

/// <summary>
/// The Jacobian comparison behind <see cref="Autograd.GradCheck(Func{Tensor[], Tensor}, Tensor[], double, double, double, bool)"/>:
/// row by row from backward passes with one-hot output gradients, column by column from
/// (f(x + eps) - f(x - eps)) / 2eps with each input element perturbed in place.
/// </summary>
internal static class GradChecker
{
    public static bool Check(Func<Tensor[], Tensor> function, Tensor[] inputs, double eps, double atol, double rtol, bool raiseException)
    {
        var checkedInputs = inputs.Where(t => t.RequiresGrad).ToArray();
        if (checkedInputs.Length == 0) throw new ArgumentException("GradCheck expects at least one input that requires grad");
        foreach (var t in checkedInputs)
            if (t.DType != DType.Float64)
                throw new ArgumentException($"GradCheck needs Float64 inputs for accurate finite differences, got {t.DType.TorchName}");

        // All analytical rows first: perturbing an input in place bumps its version, which would
        // (rightly) invalidate the graph that the rows are read from.
        var output = function(inputs);
        long outputs = output.Numel;
        var analytical = new double[checkedInputs.Length][,];
        for (int i = 0; i < checkedInputs.Length; i++)
        {
            analytical[i] = new double[outputs, checkedInputs[i].Numel];
            for (long j = 0; j < outputs && output.RequiresGrad; j++)
            {
                var seed = Tensor.ZerosLike(output);
                seed.Reshape(-1)[j] = 1.0;
                var row = Autograd.Grad([output], [checkedInputs[i]], [seed], retainGraph: true, allowUnused: true)[0].ToArray<double>();
                for (long k = 0; k < row.Length; k++) analytical[i][j, k] = row[k];
            }
        }

        for (int i = 0; i < checkedInputs.Length; i++)
        {
            var target = checkedInputs[i].Detach();
            for (long k = 0; k < target.Numel; k++)
            {
                var index = MultiIndex(k, target.Shape);
                double original = target[index].Item<double>();
                // The function runs in the caller's grad mode, so that it may itself differentiate
                // (checking second derivatives: GradCheck(t => Autograd.Grad(..., createGraph: true)[0], x)).
                Write(target, index, original + eps);
                var plus = function(inputs).ToArray<double>();
                Write(target, index, original - eps);
                var minus = function(inputs).ToArray<double>();
                Write(target, index, original);
                for (long j = 0; j < outputs; j++)
                {
                    double numerical = (plus[j] - minus[j]) / (2 * eps), a = analytical[i][j, k];
                    bool close = Math.Abs(a - numerical) <= atol + rtol * Math.Abs(numerical) || (double.IsNaN(a) && double.IsNaN(numerical));
                    if (close) continue;
                    if (!raiseException) return false;
                    throw new InvalidOperationException(
                        $"Jacobian mismatch for output {j} with respect to input {i}, element {k}: numerical {numerical}, analytical {a} (atol {atol}, rtol {rtol}).");
                }
            }
        }
        return true;
    }

    private static void Write(Tensor target, TensorIndex[] index, double value)
    {
        using (Autograd.NoGrad()) target[index] = value;
    }

    private static TensorIndex[] MultiIndex(long flat, Shape shape)
    {
        var index = new TensorIndex[shape.Rank];
        for (int d = shape.Rank - 1; d >= 0; d--)
        {
            index[d] = flat % shape.Sizes[d];
            flat /= shape.Sizes[d];
        }
        return index;
    }
}
