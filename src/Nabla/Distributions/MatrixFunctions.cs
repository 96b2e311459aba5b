namespace Nabla.Distributions;

/// <summary>
/// Small batched matrix routines for <see cref="MultivariateNormal"/>, written with tensor ops so
/// that gradients flow through them: Cholesky factorisation and lower-triangular solves (O(n)
/// tensor ops each, meant for the modest event sizes of distributions), and a positive-definite test.
/// </summary>
internal static class MatrixFunctions
{
    /// <summary>The lower Cholesky factor L of symmetric positive-definite <paramref name="a"/> [..., n, n] (torch.linalg.cholesky); NaN where a is not positive definite.</summary>
    public static Tensor Cholesky(Tensor a)
    {
        long n = a.Shape[-1];
        var rows = Tensor.Arange(n);
        var columns = new List<Tensor>();
        for (long j = 0; j < n; j++)
        {
            // v = A[:, j] - L[:, :j] · L[j, :j]
            var v = a[TensorIndex.Ellipsis, .., j];
            if (j > 0)
            {
                var previous = Tensor.Stack(columns.ToArray(), -1);                       // [..., n, j]
                var rowJ = previous[TensorIndex.Ellipsis, j, TensorIndex.NewAxis, ..];    // [..., 1, j]
                v = v - (previous * rowJ).Sum(-1);
            }
            var diagonal = v[TensorIndex.Ellipsis, j, TensorIndex.NewAxis].Sqrt();
            columns.Add(Tensor.Where(rows >= j, v / diagonal, 0L));
        }
        return Tensor.Stack(columns.ToArray(), -1);
    }

    /// <summary>X with L·X = B for lower-triangular <paramref name="l"/> [..., n, n] and <paramref name="b"/> [..., n, m], batch dims broadcasting (torch.linalg.solve_triangular(upper=False)).</summary>
    public static Tensor SolveLower(Tensor l, Tensor b)
    {
        long n = l.Shape[-1];
        var xs = new List<Tensor>();
        for (long i = 0; i < n; i++)
        {
            var rhs = b[TensorIndex.Ellipsis, i, ..];                                   // [..., m]
            if (i > 0)
            {
                var solved = Tensor.Stack(xs.ToArray(), -2);                              // [..., i, m]
                var li = l[TensorIndex.Ellipsis, i, TensorIndex.NewAxis, ..(int)i];       // [..., 1, i]
                rhs = rhs - Tensor.Matmul(li, solved)[TensorIndex.Ellipsis, 0, ..];
            }
            xs.Add(rhs / l[TensorIndex.Ellipsis, i, i, TensorIndex.NewAxis]);
        }
        return Tensor.Stack(xs.ToArray(), -2);
    }

    /// <summary>xᵀ(LLᵀ)⁻¹x for <paramref name="l"/> [..., n, n] and <paramref name="x"/> [..., n], batches broadcasting (_batch_mahalanobis).</summary>
    public static Tensor Mahalanobis(Tensor l, Tensor x) =>
        SolveLower(l, x.Unsqueeze(-1))[TensorIndex.Ellipsis, 0].Pow(2L).Sum(-1);

    /// <summary>(LLᵀ)⁻¹ from the Cholesky factor (torch.cholesky_inverse).</summary>
    public static Tensor CholeskyInverse(Tensor l)
    {
        var inverse = SolveLower(l, Tensor.Eye(l.Shape[-1], dtype: l.DType));
        return Tensor.Matmul(inverse.Transpose(-2, -1), inverse);
    }

    /// <summary>The lower Cholesky factor of the covariance P⁻¹ for a precision matrix P.</summary>
    public static Tensor PrecisionToScaleTril(Tensor precision) => Cholesky(CholeskyInverse(Cholesky(precision)));

    /// <summary>
    /// Per matrix of <paramref name="value"/> [..., n, n]: square, symmetric within PyTorch's isclose
    /// (atol 1e-6, rtol 1e-5), and with a Cholesky factorisation in double precision (constraints.positive_definite).
    /// </summary>
    public static Tensor IsPositiveDefinite(Tensor value)
    {
        var batch = value.Shape.Sizes[..^2].ToArray();
        long rows = value.Shape[-2], n = value.Shape[-1];
        long count = new Shape(batch).Numel;
        var result = new bool[count];
        if (rows == n)
        {
            var data = value.Detach().ToArray<double>();
            var work = new double[n * n];
            for (long m = 0; m < count; m++)
            {
                var a = data.AsSpan((int)(m * n * n), (int)(n * n));
                bool ok = true;
                for (long i = 0; i < n && ok; i++)
                    for (long j = 0; j < n && ok; j++)
                        ok = Math.Abs(a[(int)(i * n + j)] - a[(int)(j * n + i)]) <= 1e-6 + 1e-5 * Math.Abs(a[(int)(j * n + i)]);
                a.CopyTo(work);
                result[m] = ok && CholeskyInPlace(work, (int)n);
            }
        }
        return Tensor.From<bool>(result, batch);
    }

    /// <summary>Unpivoted Cholesky of a row-major matrix; false when a pivot is not positive.</summary>
    private static bool CholeskyInPlace(double[] a, int n)
    {
        for (int j = 0; j < n; j++)
        {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
            if (!(d > 0)) return false;
            d = Math.Sqrt(d);
            a[j * n + j] = d;
            for (int i = j + 1; i < n; i++)
            {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
                a[i * n + j] = s / d;
            }
        }
        return true;
    }
}
