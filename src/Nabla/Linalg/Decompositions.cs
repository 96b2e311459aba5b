using System.Numerics.Tensors;

namespace Nabla;

/// <summary>
/// Dense factorizations of one matrix at a time, on row-major <see cref="double"/> arrays (Float32
/// inputs are computed in double and rounded once at the end). The algorithms follow LAPACK's
/// unblocked routines step for step — dgetf2 (LU with partial pivoting), dpotf2 (Cholesky),
/// dgeqr2/dorg2r (Householder QR) — so pivots, zero-pivot positions and the signs of R and Q
/// match what PyTorch reports, up to rounding.
/// </summary>
internal static class Decompositions
{
    private const double SmallestNormal = 2.2250738585072014E-308;

    private static void SwapRows(Span<double> x, Span<double> y)
    {
        for (int i = 0; i < x.Length; i++) (x[i], y[i]) = (y[i], x[i]);
    }

    /// <summary>
    /// Factors the n×n matrix <paramref name="a"/> in place as P·L·U (unit lower L below the diagonal,
    /// U on and above it); <paramref name="pivots"/>[j] is the row swapped with row j. Returns 0, or
    /// the 1-based index of the first exactly zero diagonal element of U (LAPACK's info).
    /// </summary>
    public static int LuFactor(Span<double> a, int n, Span<int> pivots)
    {
        int info = 0;
        for (int j = 0; j < n; j++)
        {
            int p = j;
            double best = Math.Abs(a[j * n + j]);
            for (int i = j + 1; i < n; i++)
            {
                double v = Math.Abs(a[i * n + j]);
                if (v > best) { best = v; p = i; }
            }
            pivots[j] = p;
            if (a[p * n + j] != 0)
            {
                if (p != j) SwapRows(a.Slice(p * n, n), a.Slice(j * n, n));
                double pivot = a[j * n + j];
                if (Math.Abs(pivot) >= SmallestNormal)
                {
                    double reciprocal = 1 / pivot;
                    for (int i = j + 1; i < n; i++) a[i * n + j] *= reciprocal;
                }
                else
                {
                    for (int i = j + 1; i < n; i++) a[i * n + j] /= pivot;
                }
            }
            else if (info == 0)
            {
                info = j + 1;
            }
            var pivotRow = a.Slice(j * n + j + 1, n - j - 1);
            for (int i = j + 1; i < n; i++)
            {
                double l = a[i * n + j];
                if (l != 0) TensorPrimitives.MultiplyAdd(pivotRow, -l, a.Slice(i * n + j + 1, n - j - 1), a.Slice(i * n + j + 1, n - j - 1));
            }
        }
        return info;
    }

    /// <summary>The determinant from an LU factorization: the product of U's diagonal, negated once per row swap.</summary>
    public static double LuDeterminant(ReadOnlySpan<double> lu, int n, ReadOnlySpan<int> pivots)
    {
        double det = 1;
        for (int j = 0; j < n; j++)
        {
            det *= lu[j * n + j];
            if (pivots[j] != j) det = -det;
        }
        return det;
    }

    /// <summary>Overwrites the n×<paramref name="columns"/> matrix <paramref name="b"/> with A⁻¹·B, given A's LU factorization.</summary>
    public static void LuSolve(ReadOnlySpan<double> lu, int n, ReadOnlySpan<int> pivots, Span<double> b, int columns)
    {
        for (int j = 0; j < n; j++)
            if (pivots[j] != j) SwapRows(b.Slice(pivots[j] * columns, columns), b.Slice(j * columns, columns));
        // L·Y = P·B, L unit lower triangular.
        for (int i = 1; i < n; i++)
        {
            var row = b.Slice(i * columns, columns);
            for (int k = 0; k < i; k++)
            {
                double l = lu[i * n + k];
                if (l != 0) TensorPrimitives.MultiplyAdd(b.Slice(k * columns, columns), -l, row, row);
            }
        }
        // U·X = Y.
        for (int i = n - 1; i >= 0; i--)
        {
            var row = b.Slice(i * columns, columns);
            for (int k = i + 1; k < n; k++)
            {
                double u = lu[i * n + k];
                if (u != 0) TensorPrimitives.MultiplyAdd(b.Slice(k * columns, columns), -u, row, row);
            }
            TensorPrimitives.Divide(row, lu[i * n + i], row);
        }
    }

    /// <summary>
    /// Overwrites B with A⁻¹·B given the LU factorization of Aᵀ (PᵀAᵀ = L·U, so A = Uᵀ·Lᵀ·Pᵀ): solves
    /// Uᵀ·Y = B, then Lᵀ·Z = Y, then X = P·Z. PyTorch factors Aᵀ for a contiguous A (its memory seen
    /// column-major), which decides where an exactly singular matrix shows its zero pivot.
    /// </summary>
    public static void LuSolveTransposed(ReadOnlySpan<double> lu, int n, ReadOnlySpan<int> pivots, Span<double> b, int columns)
    {
        for (int i = 0; i < n; i++)
        {
            var row = b.Slice(i * columns, columns);
            for (int k = 0; k < i; k++)
            {
                double u = lu[k * n + i];
                if (u != 0) TensorPrimitives.MultiplyAdd(b.Slice(k * columns, columns), -u, row, row);
            }
            TensorPrimitives.Divide(row, lu[i * n + i], row);
        }
        for (int i = n - 1; i >= 0; i--)
        {
            var row = b.Slice(i * columns, columns);
            for (int k = i + 1; k < n; k++)
            {
                double l = lu[k * n + i];
                if (l != 0) TensorPrimitives.MultiplyAdd(b.Slice(k * columns, columns), -l, row, row);
            }
        }
        for (int j = n - 1; j >= 0; j--)
            if (pivots[j] != j) SwapRows(b.Slice(pivots[j] * columns, columns), b.Slice(j * columns, columns));
    }

    /// <summary>Transposes the n×n matrix <paramref name="a"/> in place.</summary>
    public static void TransposeSquare(Span<double> a, int n)
    {
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) (a[i * n + j], a[j * n + i]) = (a[j * n + i], a[i * n + j]);
    }

    /// <summary>
    /// Replaces the n×n matrix <paramref name="a"/> by its lower Cholesky factor L (A = L·Lᵀ), reading
    /// only the lower triangle and zeroing the upper. Returns 0, or the order of the first leading
    /// minor that is not positive-definite (LAPACK's info; a NaN pivot counts as not positive).
    /// </summary>
    public static int Cholesky(Span<double> a, int n)
    {
        for (int j = 0; j < n; j++)
        {
            var rowJ = a.Slice(j * n, j);
            double pivot = a[j * n + j] - TensorPrimitives.Dot<double>(rowJ, rowJ);
            if (!(pivot > 0)) return j + 1;
            pivot = Math.Sqrt(pivot);
            a[j * n + j] = pivot;
            for (int i = j + 1; i < n; i++)
                a[i * n + j] = (a[i * n + j] - TensorPrimitives.Dot<double>(a.Slice(i * n, j), rowJ)) / pivot;
        }
        for (int i = 0; i < n; i++) a.Slice(i * n + i + 1, n - i - 1).Clear();
        return 0;
    }

    /// <summary>
    /// Householder QR of the m×n matrix <paramref name="a"/> in place (LAPACK's dgeqr2): afterwards R
    /// is on and above the diagonal, and below it column j holds the tail of reflector j,
    /// H_j = I - tau_j·v·vᵀ with v = [0…0, 1, a[j+1.., j]]. A column that is already zero below the
    /// diagonal gets tau = 0 (H = I), so R's diagonal keeps its sign there, as LAPACK's does.
    /// </summary>
    public static void Householder(Span<double> a, int m, int n, Span<double> tau)
    {
        int k = Math.Min(m, n);
        var v = new double[m];
        for (int j = 0; j < k; j++)
        {
            double alpha = a[j * n + j];
            double tailNorm = 0;
            for (int i = j + 1; i < m; i++) tailNorm = Hypot(tailNorm, a[i * n + j]);
            if (tailNorm == 0)
            {
                tau[j] = 0;
                continue;
            }
            double beta = -Math.CopySign(Hypot(alpha, tailNorm), alpha);
            tau[j] = (beta - alpha) / beta;
            double scale = 1 / (alpha - beta);
            for (int i = j + 1; i < m; i++) a[i * n + j] *= scale;
            a[j * n + j] = beta;
            v[j] = 1;
            for (int i = j + 1; i < m; i++) v[i] = a[i * n + j];
            ApplyReflector(a, n, v, tau[j], j, m, j + 1, n);
        }
    }

    /// <summary>
    /// Applies H_(k-1)…H_1·H_0 in reverse — that is, multiplies by Q = H_0·H_1…H_(k-1) — to the rows
    /// of the m×<paramref name="columns"/> matrix <paramref name="c"/>, given the reflectors that
    /// <see cref="Householder"/> left in the m×n matrix <paramref name="reflectors"/>. Starting from
    /// the identity this forms Q (LAPACK's dorg2r); columns before j are untouched by H_j when
    /// <paramref name="fromIdentity"/>, which saves the work.
    /// </summary>
    public static void ApplyQ(ReadOnlySpan<double> reflectors, int m, int n, ReadOnlySpan<double> tau, Span<double> c, int columns, bool fromIdentity)
    {
        int k = Math.Min(m, n);
        var v = new double[m];
        for (int j = k - 1; j >= 0; j--)
        {
            if (tau[j] == 0) continue;
            v[j] = 1;
            for (int i = j + 1; i < m; i++) v[i] = reflectors[i * n + j];
            ApplyReflector(c, columns, v, tau[j], j, m, fromIdentity ? Math.Min(j, columns) : 0, columns);
        }
    }

    /// <summary>Rows [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) × columns [<paramref name="colStart"/>, <paramref name="colEnd"/>) of C ← (I - tau·v·vᵀ)·C.</summary>
    private static void ApplyReflector(Span<double> c, int stride, double[] v, double tau, int rowStart, int rowEnd, int colStart, int colEnd)
    {
        int width = colEnd - colStart;
        if (width <= 0) return;
        var w = new double[width];
        for (int i = rowStart; i < rowEnd; i++)
            if (v[i] != 0) TensorPrimitives.MultiplyAdd(c.Slice(i * stride + colStart, width), v[i], w, w);
        for (int i = rowStart; i < rowEnd; i++)
            if (v[i] != 0) TensorPrimitives.MultiplyAdd(w, -tau * v[i], c.Slice(i * stride + colStart, width), c.Slice(i * stride + colStart, width));
    }

    /// <summary>sqrt(x² + y²) without overflow or underflow (LAPACK's dlapy2).</summary>
    public static double Hypot(double x, double y)
    {
        x = Math.Abs(x);
        y = Math.Abs(y);
        double big = Math.Max(x, y), small = Math.Min(x, y);
        if (big == 0 || double.IsInfinity(big)) return big + small;  // NaN stays NaN
        double r = small / big;
        return big * Math.Sqrt(1 + r * r);
    }
}

// The factorizations as tensor ops: checks with PyTorch's messages, batching, and gradients.
public static partial class Linalg
{
    internal static Tensor InvCore(Tensor a)
    {
        RequireSquare(a, "linalg.inv");
        var m = new Matrices(a);
        int n = m.Rows;
        bool transposed = a.IsContiguous;
        var result = new double[m.Data.Length];
        var infos = new int[m.Count];
        ForEachMatrix(m.Count, (double)n * n * n, b =>
        {
            var pivots = new int[n];
            infos[b] = Factor(m[b], n, transposed, pivots);
            if (infos[b] != 0) return;
            var inverse = result.AsSpan(b * n * n, n * n);
            for (int i = 0; i < n; i++) inverse[i * n + i] = 1;
            Substitute(m[b], n, transposed, pivots, inverse, n);
        });
        ThrowFirstFailure(infos, a.Rank > 2, "linalg.inv",
            info => $"The diagonal element {info} is zero, the inversion could not be completed because the input matrix is singular.");
        var inv = FromDoubles(result, a.Shape.Sizes, a.DType);
        // d(A⁻¹) = -A⁻¹·dA·A⁻¹, so gA = -A⁻ᵀ·g·A⁻ᵀ; written with the output so that it can be differentiated again.
        return Graph.Record(inv, "LinalgInvExBackward0", [a], g => [-Tensor.Matmul(Tensor.Matmul(MH(inv), g), MH(inv))], inv);
    }

    /// <summary>LU-factors A, or Aᵀ when <paramref name="transposed"/> (what PyTorch factors for a contiguous input); returns LAPACK's info.</summary>
    private static int Factor(Span<double> a, int n, bool transposed, int[] pivots)
    {
        if (transposed) Decompositions.TransposeSquare(a, n);
        return Decompositions.LuFactor(a, n, pivots);
    }

    /// <summary>B ← A⁻¹·B from the factorization that <see cref="Factor"/> made.</summary>
    private static void Substitute(Span<double> lu, int n, bool transposed, int[] pivots, Span<double> b, int columns)
    {
        if (transposed) Decompositions.LuSolveTransposed(lu, n, pivots, b, columns);
        else Decompositions.LuSolve(lu, n, pivots, b, columns);
    }

    internal static Tensor DetCore(Tensor a)
    {
        RequireSquare(a, "linalg.det");
        var m = new Matrices(a);
        int n = m.Rows;
        bool transposed = a.IsContiguous;
        var result = new double[m.Count];
        ForEachMatrix(m.Count, (double)n * n * n, b =>
        {
            var pivots = new int[n];
            Factor(m[b], n, transposed, pivots);
            result[b] = Decompositions.LuDeterminant(m[b], n, pivots);
        });
        var det = FromDoubles(result, m.Batch, a.DType);
        return Graph.Record(det, "LinalgDetBackward0", [a], g => [DetGradient(g, a, det)], a, det);
    }

    /// <summary>
    /// The gradient of det: g·det(A)·A⁻ᵀ (the cofactor matrix) when every matrix is invertible;
    /// otherwise, as PyTorch, the cofactors from the SVD, U·diag(Π_(j≠i) S_j)·Vh·det(U)·det(Vh),
    /// which stays right at singular matrices.
    /// </summary>
    private static Tensor DetGradient(Tensor g, Tensor a, Tensor det)
    {
        var scale = (g * det).Unsqueeze(-1).Unsqueeze(-1);
        if (!(bool)(det == 0L).Any() && a.Shape[-1] > 0) return scale * MH(InvCore(a));
        var (u, s, vh) = SvdCore(a, fullMatrices: true);
        long k = s.Shape[-1];
        var others = new Tensor[k];
        for (long i = 0; i < k; i++)
            others[i] = Tensor.Cat([s.Narrow(-1, 0, i), s.Narrow(-1, i + 1, k - i - 1)], -1).Prod(-1);
        var alpha = DetCore(u) * DetCore(vh) * g;
        var d = alpha.Unsqueeze(-1) * (k == 0 ? s : Tensor.Stack(others, -1));
        return Tensor.Matmul(u * d.Unsqueeze(-2), vh);
    }

    internal static Tensor SolveCore(Tensor a, Tensor b)
    {
        RequireMatrix(a, "linalg.solve");
        ArgumentNullException.ThrowIfNull(b);
        if (b.Rank < 1) throw new ArgumentException("linalg.solve: The input tensor B must have at least 2 dimensions.");
        RequireFloating(a, "linalg.solve");
        if (b.DType != a.DType)
            throw new ArgumentException($"linalg.solve: Expected A and B to have the same dtype, but found A of type {a.DType.ScalarTypeName()} and B of type {b.DType.ScalarTypeName()} instead");
        RequireSquare(a, "linalg.solve");
        long n = a.Shape[-1];
        bool vector = b.Rank == 1 || (b.Rank == a.Rank - 1 && b.Shape.Sizes.SequenceEqual(a.Shape.Sizes[..^1]));
        var rhs = vector ? b.Unsqueeze(-1) : b;
        if (rhs.Shape[-2] != n)
            throw new ArgumentException($"linalg.solve: Incompatible shapes of A and B for the equation AX = B ({n}x{n} and {rhs.Shape[-2]}x{rhs.Shape[-1]})");
        var batch = Layout.Broadcast(new Shape(rhs.Shape.Sizes[..^2]), new Shape(a.Shape.Sizes[..^2]));
        bool transposed = a.IsContiguous;
        long columns = rhs.Shape[-1];
        var ma = new Matrices(a.Expand([.. batch.Sizes, n, n]));
        var mb = new Matrices(rhs.Expand([.. batch.Sizes, n, columns]));
        var infos = new int[ma.Count];
        ForEachMatrix(ma.Count, (double)n * n * (n + columns), i =>
        {
            var pivots = new int[n];
            infos[i] = Factor(ma[i], (int)n, transposed, pivots);
            if (infos[i] == 0) Substitute(ma[i], (int)n, transposed, pivots, mb[i], (int)columns);
        });
        ThrowFirstFailure(infos, batch.Rank > 0, "torch.linalg.solve", _ => "The solver failed because the input matrix is singular.");
        var x = FromDoubles(mb.Data, [.. batch.Sizes, n, columns], a.DType);
        if (vector) x = x.Squeeze(-1);
        var solution = x;
        return Graph.Record(solution, "LinalgSolveExBackward0", [a, b], g =>
        {
            // X = A⁻¹B: gB solves the adjoint system, gA = -gB·Xᵀ (PyTorch's linalg_solve_backward).
            var gB = SolveCore(MH(a), vector ? g.Unsqueeze(-1) : g);
            var gA = -Tensor.Matmul(gB, MH(vector ? solution.Unsqueeze(-1) : solution));
            return [gA, vector ? gB.Squeeze(-1) : gB];
        }, a, b, solution);
    }

    internal static Tensor CholeskyCore(Tensor a, bool upper)
    {
        RequireSquare(a, "linalg.cholesky");
        var m = new Matrices(a);
        int n = m.Rows;
        var infos = new int[m.Count];
        ForEachMatrix(m.Count, (double)n * n * n, i => infos[i] = Decompositions.Cholesky(m[i], n));
        ThrowFirstFailure(infos, a.Rank > 2, "linalg.cholesky",
            info => $"The factorization could not be completed because the input is not positive-definite (the leading minor of order {info} is not positive-definite).");
        var factor = FromDoubles(m.Data, a.Shape.Sizes, a.DType);
        if (upper) factor = MH(factor).ContiguousData();
        var result = factor;
        return Graph.Record(result, "LinalgCholeskyExBackward0", [a], g => [CholeskyGradient(upper ? MH(g) : g, upper ? MH(result) : result)], result);
    }

    /// <summary>
    /// PyTorch's cholesky_backward (Murray, arXiv 1602.07527): Φ = tril(Lᵀ·gL) with its strictly
    /// lower part symmetrized and halved, then gA = L⁻ᵀ·Φ·L⁻¹ (the two triangular solves done as solves).
    /// </summary>
    private static Tensor CholeskyGradient(Tensor gL, Tensor l)
    {
        var phi = Tensor.Tril(Tensor.Matmul(MH(l), gL));
        phi = 0.5 * (phi + MH(Tensor.Tril(phi, -1)));
        var left = SolveCore(MH(l), phi);                // L⁻ᵀ·Φ
        return MH(SolveCore(MH(l), MH(left)));           // (L⁻ᵀ·Φ)·L⁻¹
    }
}
