using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Nabla;

/// <summary>
/// The singular value decomposition A = U·diag(S)·Vᵀ of one row-major m×n double matrix, by
/// one-sided Jacobi (Hestenes) after a Householder QR: A = Q·R, then plane rotations V applied to
/// the columns of R until they are mutually orthogonal, R·V = W, so that S are the column norms of
/// W, U_R = W·diag(1/S) and U = Q·U_R. Jacobi computes even tiny singular values to high relative
/// accuracy; the matrix is scaled by a power of two first, so no intermediate overflows or
/// underflows. A wide matrix is handled through its transpose. Singular values come out
/// descending; singular vectors are unique only up to sign (and rotation within repeated values),
/// so their signs may differ from LAPACK's.
/// </summary>
internal static class SvdKernel
{
    private const int MaxSweeps = 80;

    /// <summary>
    /// Writes the k = min(m, n) singular values of <paramref name="a"/> to <paramref name="s"/>, and
    /// unless <paramref name="vectors"/> is false, U (m×m when <paramref name="full"/>, else m×k) to
    /// <paramref name="u"/> and Vᵀ (n×n or k×n) to <paramref name="vt"/>.
    /// </summary>
    /// <returns>False when the matrix holds NaN or infinity (LAPACK reports no convergence then).</returns>
    public static bool Compute(ReadOnlySpan<double> a, int m, int n, Span<double> s, Span<double> u, Span<double> vt, bool full, bool vectors)
    {
        if (m >= n) return Tall(a, m, n, s, u, vt, full, vectors);
        // Aᵀ = U'·S·V'ᵀ, so A = V'·S·U'ᵀ: U is V' and Vᵀ is U'ᵀ.
        var transposed = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) transposed[j * m + i] = a[i * n + j];
        int uCols = full ? n : m;
        var uPrime = vectors ? new double[n * uCols] : [];
        var vtPrime = vectors ? new double[m * m] : [];
        if (!Tall(transposed, n, m, s, uPrime, vtPrime, full, vectors)) return false;
        if (!vectors) return true;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++) u[i * m + j] = vtPrime[j * m + i];
        for (int i = 0; i < uCols; i++)
            for (int j = 0; j < n; j++) vt[i * n + j] = uPrime[j * uCols + i];
        return true;
    }

    private static bool Tall(ReadOnlySpan<double> a, int m, int n, Span<double> s, Span<double> u, Span<double> vt, bool full, bool vectors)
    {
        int uCols = full ? m : n;
        double largest = 0;
        foreach (double value in a)
        {
            if (!double.IsFinite(value)) return false;
            largest = Math.Max(largest, Math.Abs(value));
        }
        if (n == 0)
        {
            if (vectors) Identity(u, m, uCols);
            return true;
        }
        if (largest == 0)
        {
            s[..n].Clear();
            if (vectors)
            {
                Identity(u, m, uCols);
                Identity(vt, n, n);
            }
            return true;
        }
        int exponent = Math.ILogB(largest);
        var qr = new double[m * n];
        for (int i = 0; i < qr.Length; i++) qr[i] = Math.ScaleB(a[i], -exponent);
        var tau = new double[n];
        Decompositions.Householder(qr, m, n, tau);

        // W = R, stored by columns so that each column is one contiguous run.
        var w = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++) w[j * n + i] = qr[i * n + j];
        double[] v = vectors ? new double[n * n] : [];
        if (vectors) Identity(v, n, n);
        Orthogonalize(w, v, n, vectors);

        var norms = new double[n];
        for (int j = 0; j < n; j++) norms[j] = Math.Sqrt(TensorPrimitives.Dot<double>(w.AsSpan(j * n, n), w.AsSpan(j * n, n)));
        var order = Enumerable.Range(0, n).OrderByDescending(j => norms[j]).ToArray();  // stable: ties keep column order
        for (int j = 0; j < n; j++) s[j] = Math.ScaleB(norms[order[j]], exponent);
        if (!vectors) return true;

        // U = Q·[U_R, 0; 0, I]: the block is built in u and Q applied to it in place.
        u[..(m * uCols)].Clear();
        var basis = new double[n * n];  // U_R by columns
        for (int j = 0; j < n; j++)
        {
            var column = basis.AsSpan(j * n, n);
            double norm = norms[order[j]];
            if (norm > 0) TensorPrimitives.Divide(w.AsSpan(order[j] * n, n), norm, column);
        }
        CompleteBasis(basis, n, order.Select(j => norms[j] > 0).ToArray());
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) u[i * uCols + j] = basis[j * n + i];
        for (int j = n; j < uCols; j++) u[j * uCols + j] = 1;
        Decompositions.ApplyQ(qr, m, n, tau, u, uCols, fromIdentity: false);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) vt[i * n + j] = v[order[i] * n + j];
        return true;
    }

    /// <summary>
    /// Rotates pairs of columns of <paramref name="w"/> (and the same pairs of <paramref name="v"/>)
    /// until every pair is orthogonal to working precision, sweeping the pairs in cyclic order.
    /// </summary>
    private static void Orthogonalize(double[] w, double[] v, int n, bool vectors)
    {
        var squares = new double[n];
        const double tolerance = 1e-15;
        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            for (int j = 0; j < n; j++) squares[j] = TensorPrimitives.Dot<double>(w.AsSpan(j * n, n), w.AsSpan(j * n, n));
            bool rotated = false;
            for (int p = 0; p < n - 1; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    double alpha = squares[p], beta = squares[q];
                    if (alpha == 0 || beta == 0) continue;
                    var wp = w.AsSpan(p * n, n);
                    var wq = w.AsSpan(q * n, n);
                    double gamma = TensorPrimitives.Dot<double>(wp, wq);
                    if (Math.Abs(gamma) <= tolerance * Math.Sqrt(alpha) * Math.Sqrt(beta)) continue;
                    rotated = true;
                    // The rotation that zeroes the off-diagonal of the 2×2 Gram matrix [[α, γ], [γ, β]]:
                    // t = tan θ is the smaller root of t² + 2ζt - 1 = 0.
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.Abs(zeta) > 1e150 ? 0.5 / zeta : Math.CopySign(1, zeta) / (Math.Abs(zeta) + Math.Sqrt(1 + zeta * zeta));
                    double c = 1 / Math.Sqrt(1 + t * t), sn = c * t;
                    Rotate(wp, wq, c, sn);
                    if (vectors) Rotate(v.AsSpan(p * n, n), v.AsSpan(q * n, n), c, sn);
                    // The rotated norms follow from the old ones; when that cancels badly, measure them again.
                    squares[p] = alpha - t * gamma;
                    squares[q] = beta + t * gamma;
                    if (squares[p] < 0.5 * alpha || squares[q] < 0.5 * beta)
                    {
                        squares[p] = TensorPrimitives.Dot<double>(wp, wp);
                        squares[q] = TensorPrimitives.Dot<double>(wq, wq);
                    }
                }
            }
            if (!rotated) return;
        }
    }

    /// <summary>(x, y) ← (c·x - s·y, s·x + c·y), eight pairs at a time.</summary>
    private static void Rotate(Span<double> x, Span<double> y, double c, double s)
    {
        ref double px = ref MemoryMarshal.GetReference(x);
        ref double py = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var vc = Vector512.Create(c);
            var vs = Vector512.Create(s);
            for (; i <= x.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var xi = Vector512.LoadUnsafe(ref px, (nuint)i);
                var yi = Vector512.LoadUnsafe(ref py, (nuint)i);
                (vc * xi - vs * yi).StoreUnsafe(ref px, (nuint)i);
                (vs * xi + vc * yi).StoreUnsafe(ref py, (nuint)i);
            }
        }
        for (; i < x.Length; i++)
        {
            double xi = x[i], yi = y[i];
            x[i] = c * xi - s * yi;
            y[i] = s * xi + c * yi;
        }
    }

    /// <summary>
    /// Fills the columns of the n×n column-stored <paramref name="basis"/> that are not
    /// <paramref name="present"/> with unit vectors orthogonal to all others: the singular vectors of
    /// zero singular values. Each is the standard basis vector with the largest component outside
    /// the span of the columns so far, orthogonalized against them (Gram–Schmidt, twice).
    /// </summary>
    private static void CompleteBasis(double[] basis, int n, bool[] present)
    {
        var filled = (bool[])present.Clone();
        var residual = new double[n];
        for (int j = 0; j < n; j++)
        {
            if (present[j]) continue;
            var column = basis.AsSpan(j * n, n);
            double best = -1;
            for (int candidate = 0; candidate < n; candidate++)
            {
                residual.AsSpan().Clear();
                residual[candidate] = 1;
                Project(basis, n, filled, residual);
                double norm = Math.Sqrt(TensorPrimitives.Dot<double>(residual, residual));
                if (norm > best)
                {
                    best = norm;
                    TensorPrimitives.Divide(residual, norm, column);
                }
            }
            Project(basis, n, filled, column);  // once more, for orthogonality to working precision
            TensorPrimitives.Divide(column, Math.Sqrt(TensorPrimitives.Dot<double>(column, column)), column);
            filled[j] = true;
        }
    }

    /// <summary>Removes from <paramref name="x"/> its components along the filled columns, twice (classical Gram–Schmidt with reorthogonalization).</summary>
    private static void Project(double[] basis, int n, bool[] filled, Span<double> x)
    {
        for (int pass = 0; pass < 2; pass++)
            for (int k = 0; k < n; k++)
            {
                if (!filled[k]) continue;
                var other = basis.AsSpan(k * n, n);
                TensorPrimitives.MultiplyAdd(other, -TensorPrimitives.Dot<double>(other, x), x, x);
            }
    }

    private static void Identity(Span<double> matrix, int rows, int columns)
    {
        matrix[..(rows * columns)].Clear();
        for (int i = 0; i < Math.Min(rows, columns); i++) matrix[i * columns + i] = 1;
    }
}

// linalg.svd and linalg.svdvals as tensor ops.
public static partial class Linalg
{
    internal static (Tensor U, Tensor S, Tensor Vh) SvdCore(Tensor a, bool fullMatrices)
    {
        var (u, s, vh) = SvdForward(a, fullMatrices, vectors: true);
        Graph.Record([u, s, vh], "LinalgSvdBackward0", [a], grads =>
        {
            Tensor? gU = grads[0], gS = grads[1], gVh = grads[2];
            Tensor uk = u, vhk = vh;
            if (fullMatrices)
            {
                // The extra columns of U and rows of Vh carry no information about A.
                long k = s.Shape[-1];
                uk = u.Narrow(-1, 0, k);
                vhk = vh.Narrow(-2, 0, k);
                gU = gU?.Narrow(-1, 0, k);
                gVh = gVh?.Narrow(-2, 0, k);
            }
            return [SvdGradient(gU, gS, gVh, uk, s, vhk)];
        }, u, s, vh);
        return (u, s, vh);
    }

    internal static Tensor SvdvalsCore(Tensor a)
    {
        // With a graph to record, the singular vectors are needed for the gradient: take S from the
        // full decomposition, so that its gradient U·diag(g)·Vh is itself differentiable.
        if (Graph.ShouldRecord([a]) && a.DType.IsFloatingPoint) return SvdCore(a, fullMatrices: false).S;
        return SvdForward(a, fullMatrices: false, vectors: false).S;
    }

    /// <summary>The decomposition of every matrix of the batch, without recording.</summary>
    private static (Tensor U, Tensor S, Tensor Vh) SvdForward(Tensor a, bool fullMatrices, bool vectors)
    {
        RequireMatrix(a, "linalg.svd");
        RequireFloating(a, "linalg.svd");
        var m = new Matrices(a);
        int rows = m.Rows, cols = m.Columns, k = Math.Min(rows, cols);
        int uCols = fullMatrices ? rows : k, vRows = fullMatrices ? cols : k;
        var s = new double[m.Count * k];
        var u = new double[vectors ? m.Count * rows * uCols : 0];
        var vh = new double[vectors ? m.Count * vRows * cols : 0];
        var failed = new bool[m.Count];
        ForEachMatrix(m.Count, (double)rows * cols * k * 10, i =>
        {
            failed[i] = !SvdKernel.Compute(m[i], rows, cols, s.AsSpan(i * k, k),
                u.AsSpan(vectors ? i * rows * uCols : 0, vectors ? rows * uCols : 0),
                vh.AsSpan(vectors ? i * vRows * cols : 0, vectors ? vRows * cols : 0), fullMatrices, vectors);
        });
        for (int i = 0; i < m.Count; i++)
        {
            if (!failed[i]) continue;
            // NaN makes LAPACK fail; infinities (without NaN) give NaN results, as in PyTorch.
            if (HasNaN(m[i]))
                throw new LinAlgException($"linalg.svd: {(m.Batch.Length > 0 ? $"(Batch element {i}): " : "")}The algorithm failed to converge because the input matrix contained non-finite values.");
            s.AsSpan(i * k, k).Fill(double.NaN);
            if (vectors)
            {
                u.AsSpan(i * rows * uCols, rows * uCols).Fill(double.NaN);
                vh.AsSpan(i * vRows * cols, vRows * cols).Fill(double.NaN);
            }
        }
        var st = FromDoubles(s, [.. m.Batch, k], a.DType);
        if (!vectors) return (Tensor.Zeros([0], a.DType), st, Tensor.Zeros([0], a.DType));
        return (FromDoubles(u, [.. m.Batch, rows, uCols], a.DType), st, FromDoubles(vh, [.. m.Batch, vRows, cols], a.DType));
    }

    private static bool HasNaN(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
            if (double.IsNaN(v)) return true;
        return false;
    }

    /// <summary>
    /// PyTorch's svd_backward for the reduced factors (U m×k, S k, Vh k×n). With only gS it is
    /// U·diag(gS)·Vh. With singular-vector gradients it divides by S_j² - S_i², so it is undefined
    /// (infinite) for repeated singular values, as in PyTorch.
    /// </summary>
    private static Tensor? SvdGradient(Tensor? gU, Tensor? gS, Tensor? gVh, Tensor u, Tensor s, Tensor vh)
    {
        if (gU is null && gS is null && gVh is null) return null;
        long m = u.Shape[-2], n = vh.Shape[-1], k = s.Shape[-1];
        if (gU is null && gVh is null)
            return m >= n ? Tensor.Matmul(u, gS!.Unsqueeze(-1) * vh) : Tensor.Matmul(u * gS!.Unsqueeze(-2), vh);
        var eye = Eye(k, s.DType);
        var uhgu = gU is null ? null : Skew(Tensor.Matmul(MH(u), gU));
        var vhgv = gVh is null ? null : Skew(Tensor.Matmul(vh, MH(gVh)));
        var s2 = s * s;
        var e = s2.Unsqueeze(-2) - s2.Unsqueeze(-1) + eye;    // E_ij = S_j² - S_i², 1 on the diagonal
        Tensor gA = uhgu is not null && vhgv is not null ? (uhgu * s.Unsqueeze(-2) + s.Unsqueeze(-1) * vhgv) / e
            : uhgu is not null ? uhgu / e * s.Unsqueeze(-2)
            : s.Unsqueeze(-1) * (vhgv! / e);
        if (gS is not null) gA = gA + eye * gS.Unsqueeze(-1);
        if (m > n && gU is not null)
        {
            gA = Tensor.Matmul(u, gA);
            var gUSinv = gU / s.Unsqueeze(-2);
            gA = gA + gUSinv - Tensor.Matmul(u, Tensor.Matmul(MH(u), gUSinv));
            return Tensor.Matmul(gA, vh);
        }
        if (m < n && gVh is not null)
        {
            gA = Tensor.Matmul(gA, vh);
            var sInvgVh = gVh / s.Unsqueeze(-1);
            gA = gA + sInvgVh - Tensor.Matmul(Tensor.Matmul(sInvgVh, MH(vh)), vh);
            return Tensor.Matmul(u, gA);
        }
        return m >= n ? Tensor.Matmul(u, Tensor.Matmul(gA, vh)) : Tensor.Matmul(Tensor.Matmul(u, gA), vh);

        static Tensor Skew(Tensor x) => x - MH(x);
    }
}
