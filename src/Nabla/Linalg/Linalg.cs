using System.Globalization;

namespace Nabla;

/// <summary>
/// Linear algebra (torch.linalg): vector and matrix norms, the singular value decomposition, and
/// the factorizations and solvers around it. Every function works on batches — the last two dims
/// are the matrix, leading dims are batch dims — and accepts Float32 and Float64; the
/// factorizations compute in double internally and return the input's dtype. Gradients follow
/// PyTorch's formulas (torch/csrc/autograd/FunctionsManual.cpp).
/// </summary>
/// <remarks>
/// Norms scale their accumulation, so <c>Linalg.VectorNorm(Tensor.From(new[] { 1e30f, 1e30f }))</c>
/// is 1.41421e30 where PyTorch gives infinity, and <c>[1e-30f, 1e-30f]</c> gives 1.41421e-30 where
/// PyTorch gives 0.
/// </remarks>
public static partial class Linalg
{
    /// <summary>
    /// The <paramref name="ord"/>-norm of the elements over <paramref name="dim"/> (all elements when
    /// null or empty), (Σ|x|^ord)^(1/ord) (torch.linalg.vector_norm). ord may be any p &gt; 0, 0 (the
    /// number of non-zero elements), +∞ (max |x|), -∞ (min |x|) or a negative p. Accurate for any
    /// length and magnitude: no overflow or underflow in intermediate sums.
    /// </summary>
    /// <param name="x">A Float32 or Float64 tensor of any shape. The result has its dtype and its shape
    /// without the reduced dims (kept with size 1 when <paramref name="keepDim"/>).</param>
    /// <param name="ord">The order of the norm.</param>
    /// <param name="dim">The dims to reduce; negative dims count from the end.</param>
    /// <param name="keepDim">Keep the reduced dims with size 1.</param>
    /// <exception cref="ArgumentException">x is not floating-point; a dim repeats; a negative or ∞ norm of an empty dim.</exception>
    /// <exception cref="IndexOutOfRangeException">A dim is out of range.</exception>
    /// <example><c>Linalg.VectorNorm(A, ord: double.PositiveInfinity, dim: [1], keepDim: true)</c></example>
    public static Tensor VectorNorm(Tensor x, double ord = 2, int[]? dim = null, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        RequireFloating(x, "linalg.vector_norm");
        return VectorNormCore(x, ord, dim, keepDim, "LinalgVectorNormBackward0");
    }

    /// <summary>The <paramref name="ord"/>-norm over one dim (torch.linalg.vector_norm(x, ord, dim)); see <see cref="VectorNorm(Tensor, double, int[], bool)"/>.</summary>
    /// <exception cref="ArgumentException">x is not floating-point, or a negative or ∞ norm of an empty dim.</exception>
    /// <exception cref="IndexOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    /// <example><c>Linalg.VectorNorm(A, 1, dim: 0)</c></example>
    public static Tensor VectorNorm(Tensor x, double ord, int dim, bool keepDim = false) => VectorNorm(x, ord, [dim], keepDim);

    /// <summary>
    /// A matrix norm over the last two dims, or the pair <paramref name="dim"/>, batched over the
    /// rest (torch.linalg.matrix_norm): "fro" (Frobenius, the 2-norm of the entries) or "nuc"
    /// (nuclear, the sum of the singular values).
    /// </summary>
    /// <param name="a">A Float32 or Float64 tensor with at least 2 dims; the result has its dtype and the shape of its other (batch) dims.</param>
    /// <param name="ord">"fro" or "nuc".</param>
    /// <param name="dim">Two distinct dims holding the matrices; default [-2, -1].</param>
    /// <param name="keepDim">Keep the two reduced dims with size 1.</param>
    /// <exception cref="ArgumentException">Fewer than 2 dims; not floating-point; another order; dims not a distinct pair.</exception>
    /// <example><c>Linalg.MatrixNorm(A, "nuc")</c></example>
    public static Tensor MatrixNorm(Tensor a, string ord = "fro", int[]? dim = null, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        return MatrixNormCore(a, ord, dim, keepDim);
    }

    /// <summary>
    /// A matrix norm of numeric order over the last two dims, or the pair <paramref name="dim"/>
    /// (torch.linalg.matrix_norm): 2 / -2 are the largest / smallest singular value, 1 / -1 the
    /// largest / smallest column sum of |a|, ∞ / -∞ the largest / smallest row sum.
    /// </summary>
    /// <param name="a">A Float32 or Float64 tensor with at least 2 dims; the result has its dtype and the shape of its other (batch) dims.</param>
    /// <param name="ord">One of 2, -2, 1, -1, ∞, -∞.</param>
    /// <param name="dim">Two distinct dims holding the matrices; default [-2, -1].</param>
    /// <param name="keepDim">Keep the two reduced dims with size 1.</param>
    /// <exception cref="ArgumentException">Another order; fewer than 2 dims; not floating-point; dims not a distinct pair; an empty matrix for the max/min orders.</exception>
    /// <example><c>Linalg.MatrixNorm(A, 2)</c></example>
    public static Tensor MatrixNorm(Tensor a, double ord, int[]? dim = null, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        return MatrixNormCore(a, ord, dim, keepDim);
    }

    /// <summary>
    /// A vector or matrix norm, chosen as torch.linalg.norm chooses: with no <paramref name="ord"/>,
    /// the 2-norm of the elements over <paramref name="dim"/> (all when null); with an order, a
    /// matrix norm when <paramref name="dim"/> has two dims (or is null and the input is 2-D), else a
    /// vector norm.
    /// </summary>
    /// <param name="a">A Float32 or Float64 tensor.</param>
    /// <param name="ord">The order, or null for the 2-norm / Frobenius norm.</param>
    /// <param name="dim">One or two dims, or null.</param>
    /// <param name="keepDim">Keep the reduced dims with size 1.</param>
    /// <exception cref="ArgumentException">dim has another length; an order without dim on an input that is not 1-D or 2-D; the errors of <see cref="VectorNorm(Tensor, double, int[], bool)"/> and <see cref="MatrixNorm(Tensor, double, int[], bool)"/>.</exception>
    /// <example><c>Linalg.Norm(A)</c>, <c>Linalg.Norm(A, 1)</c> (the 1-norm of a matrix)</example>
    public static Tensor Norm(Tensor a, double? ord = null, int[]? dim = null, bool keepDim = false) => NormCore(a, ord, dim, keepDim);

    /// <summary>A vector norm over one dim (torch.linalg.norm(a, ord, dim)); a null order is the 2-norm.</summary>
    /// <exception cref="ArgumentException">The errors of <see cref="VectorNorm(Tensor, double, int[], bool)"/>.</exception>
    /// <example><c>Linalg.Norm(A, 2, dim: 1)</c></example>
    public static Tensor Norm(Tensor a, double? ord, int dim, bool keepDim = false) => NormCore(a, ord, [dim], keepDim);

    /// <summary>The "fro" or "nuc" matrix norm (torch.linalg.norm with a string order), over <paramref name="dim"/> or the two dims of a 2-D input.</summary>
    /// <exception cref="ArgumentException">dim does not have two dims; no dim and the input is not 2-D; the errors of <see cref="MatrixNorm(Tensor, string, int[], bool)"/>.</exception>
    /// <example><c>Linalg.Norm(A, "nuc")</c></example>
    public static Tensor Norm(Tensor a, string ord, int[]? dim = null, bool keepDim = false) => NormCore(a, ord, dim, keepDim);

    /// <summary>
    /// The singular value decomposition A = U·diag(S)·Vh (torch.linalg.svd), batched over leading
    /// dims. For an m×n matrix and k = min(m, n): U is m×m (m×k without
    /// <paramref name="fullMatrices"/>), S holds the k singular values in descending order, Vh is n×n
    /// (k×n). Float32 or Float64 (computed in double), results in the input's dtype. Singular vectors
    /// are unique only up to sign, which may differ from LAPACK's. Differentiable (PyTorch's
    /// svd_backward; undefined for repeated singular values).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 dims, or not floating-point.</exception>
    /// <exception cref="LinAlgException">The matrix contains NaN.</exception>
    /// <example><c>var (U, S, Vh) = Linalg.Svd(A);</c></example>
    public static (Tensor U, Tensor S, Tensor Vh) Svd(Tensor a, bool fullMatrices = true) => SvdCore(a, fullMatrices);

    /// <summary>
    /// The singular values of each matrix, descending (torch.linalg.svdvals): shape [..., min(m, n)],
    /// the input's dtype (Float32 or Float64, computed in double). The gradient is U·diag(g)·Vh.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 dims, or not floating-point.</exception>
    /// <exception cref="LinAlgException">The matrix contains NaN.</exception>
    /// <example><c>Tensor sv = Linalg.Svdvals(A);</c></example>
    public static Tensor Svdvals(Tensor a) => SvdvalsCore(a);

    /// <summary>
    /// The inverse of each square matrix (torch.linalg.inv), by LU with partial pivoting: A's shape and
    /// dtype (Float32 or Float64, computed in double). The gradient is -A⁻ᵀ·g·A⁻ᵀ.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 dims, not square, or not floating-point.</exception>
    /// <exception cref="LinAlgException">A matrix is singular: "The diagonal element 2 is zero, the inversion could not be completed because the input matrix is singular."</exception>
    /// <example><c>Tensor Ainv = Linalg.Inv(A);</c></example>
    public static Tensor Inv(Tensor a) => InvCore(a);

    /// <summary>
    /// The determinant of each square matrix (torch.linalg.det), by LU: the batch shape [...], A's
    /// dtype; 1 for a 0×0 matrix. Differentiable, at singular matrices too (the adjugate, via the SVD).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 dims, not square, or not floating-point.</exception>
    /// <example><c>Tensor d = Linalg.Det(A);</c></example>
    public static Tensor Det(Tensor a) => DetCore(a);

    /// <summary>
    /// The solution X of A·X = B (torch.linalg.solve). B is a batch of vectors when it is 1-D or has
    /// A's shape without the last dim, else a batch of matrices; batch dims broadcast, and X has the
    /// broadcast batch shape and B's vector or matrix shape. A and B share a dtype (Float32 or
    /// Float64). Differentiable in A and B.
    /// </summary>
    /// <exception cref="ArgumentException">Bad ranks, A not square, not floating-point, different dtypes, incompatible shapes.</exception>
    /// <exception cref="LinAlgException">A is singular: "The solver failed because the input matrix is singular."</exception>
    /// <example><c>Tensor x = Linalg.Solve(A, b);</c></example>
    public static Tensor Solve(Tensor a, Tensor b) => SolveCore(a, b);

    /// <summary>
    /// The QR decomposition A = Q·R by Householder reflections (torch.linalg.qr), with LAPACK's signs.
    /// <paramref name="mode"/> "reduced": Q is m×k and R k×n (k = min(m, n)); "complete": Q is m×m and
    /// R m×n; "r": R only, and Q an empty tensor. Batched; Float32 or Float64, results in the input's
    /// dtype. Differentiable in "reduced" mode (and "complete" when m ≤ n).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 dims, not floating-point, or an unknown mode.</exception>
    /// <example><c>var (Q, R) = Linalg.Qr(A);</c></example>
    public static (Tensor Q, Tensor R) Qr(Tensor a, string mode = "reduced") => QrCore(a, mode);

    /// <summary>
    /// The Cholesky factor of each symmetric positive-definite matrix (torch.linalg.cholesky): lower
    /// L with A = L·Lᵀ, or upper U = Lᵀ when <paramref name="upper"/>. Only the lower triangle of A is
    /// read. A's shape and dtype (Float32 or Float64, computed in double). Differentiable (the
    /// gradient is symmetric).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 dims, not square, or not floating-point.</exception>
    /// <exception cref="LinAlgException">A matrix is not positive-definite: "(the leading minor of order 2 is not positive-definite)".</exception>
    /// <example><c>Tensor L = Linalg.Cholesky(A);</c></example>
    public static Tensor Cholesky(Tensor a, bool upper = false) => CholeskyCore(a, upper);

    internal static (Tensor Q, Tensor R) QrCore(Tensor a, string mode)
    {
        RequireMatrix(a, "linalg.qr");
        RequireFloating(a, "linalg.qr");
        ArgumentNullException.ThrowIfNull(mode);
        if (mode is not ("reduced" or "complete" or "r"))
            throw new ArgumentException($"qr received unrecognized mode '{mode}' but expected one of 'reduced' (default), 'r', or 'complete'");
        var m = new Matrices(a);
        int rows = m.Rows, cols = m.Columns, k = Math.Min(rows, cols);
        int qCols = mode == "complete" ? rows : k, rRows = mode == "complete" ? rows : k;
        var q = new double[mode == "r" ? 0 : m.Count * rows * qCols];
        var r = new double[m.Count * rRows * cols];
        ForEachMatrix(m.Count, (double)rows * cols * k, i =>
        {
            var tau = new double[k];
            var reflectors = m[i];
            Decompositions.Householder(reflectors, rows, cols, tau);
            var rMatrix = r.AsSpan(i * rRows * cols, rRows * cols);
            for (int row = 0; row < Math.Min(rRows, rows); row++)
                for (int col = row; col < cols; col++) rMatrix[row * cols + col] = reflectors[row * cols + col];
            if (mode == "r") return;
            var qMatrix = q.AsSpan(i * rows * qCols, rows * qCols);
            for (int d = 0; d < Math.Min(rows, qCols); d++) qMatrix[d * qCols + d] = 1;
            Decompositions.ApplyQ(reflectors, rows, cols, tau, qMatrix, qCols, fromIdentity: true);
        });
        var qt = mode == "r" ? Tensor.Zeros([0], a.DType) : FromDoubles(q, [.. m.Batch, rows, qCols], a.DType);
        var rt = FromDoubles(r, [.. m.Batch, rRows, cols], a.DType);
        Graph.Record([qt, rt], "LinalgQrBackward0", [a], grads => [QrGradient(grads[0], grads[1], qt, rt, mode)], qt, rt);
        return (qt, rt);
    }

    /// <summary>PyTorch's linalg_qr_backward (the triangular solves done as solves).</summary>
    private static Tensor? QrGradient(Tensor? gQ, Tensor? gR, Tensor q, Tensor r, string mode)
    {
        if (mode == "r")
            throw new NotSupportedException("The derivative of linalg.qr depends on Q, which is not computed when mode='r'. Please use linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr.");
        long m = q.Shape[-2], n = r.Shape[-1];
        if (mode == "complete" && m > n)
            throw new NotSupportedException("The QR decomposition is not differentiable when mode='complete' and nrows > ncols.");
        if (gQ is null && gR is null) return null;
        Tensor gA = gQ is null ? Tensor.Matmul(gR!, MH(r))
            : gR is null ? -Tensor.Matmul(MH(q), gQ)
            : Tensor.Matmul(gR, MH(r)) - Tensor.Matmul(MH(q), gQ);
        if (m >= n)
        {
            // sym = X + Xᵀ with X = triu(gA), its doubled diagonal halved back.
            var upper = Tensor.Triu(gA);
            var sym = (upper + MH(upper)) * (1.0 - 0.5 * Eye(n, gA.DType));
            gA = Tensor.Matmul(q, sym);
            if (gQ is not null) gA = gA + gQ;
            return MH(SolveCore(r, MH(gA)));                     // gA·R⁻ᵀ
        }
        var x = -gA;
        var skew = Tensor.Tril(x - MH(x));
        gA = MH(SolveCore(r.Narrow(-1, 0, m), MH(Tensor.Matmul(q, skew))));  // (Q·skew)·R₁⁻ᵀ
        gA = Tensor.Cat([gA, Tensor.Zeros([.. gA.Shape.Sizes[..^1], n - m], gA.DType)], -1);
        return gR is null ? gA : gA + Tensor.Matmul(q, gR);
    }

    /// <summary>linalg.matrix_norm for a numeric order: ±2 from the singular values, ±1 and ±∞ from column and row sums.</summary>
    internal static Tensor MatrixNormCore(Tensor a, double ord, int[]? dim, bool keepDim)
    {
        double magnitude = Math.Abs(ord);
        if (magnitude != 2 && magnitude != 1 && !double.IsPositiveInfinity(magnitude))
            throw new ArgumentException($"linalg.matrix_norm: Order {FormatOrder(ord)} not supported.");
        var (d0, d1) = MatrixNormChecks(a, dim);
        if (magnitude == 2) return SingularValueNorm(a, d0, d1, keepDim, sv => ord > 0 ? sv.Amax([-1]) : sv.Amin([-1]));
        // The ∞-norm is the 1-norm of the transpose; once the first reduction removes d0, d1 moves down.
        if (double.IsInfinity(ord)) (d0, d1) = (d1, d0);
        if (!keepDim && d0 < d1) d1--;
        var sums = VectorNormCore(a, 1, [d0], keepDim, "LinalgVectorNormBackward0");
        return ord > 0 ? sums.Amax([d1], keepDim) : sums.Amin([d1], keepDim);
    }

    /// <summary>linalg.matrix_norm for "fro" (the 2-norm of the entries) and "nuc" (the sum of the singular values).</summary>
    internal static Tensor MatrixNormCore(Tensor a, string ord, int[]? dim, bool keepDim)
    {
        ArgumentNullException.ThrowIfNull(ord);
        if (ord is not ("fro" or "nuc")) throw new ArgumentException($"linalg.matrix_norm: Order {ord} not supported.");
        var (d0, d1) = MatrixNormChecks(a, dim);
        return ord == "fro"
            ? VectorNormCore(a, 2, [d0, d1], keepDim, "LinalgVectorNormBackward0")
            : SingularValueNorm(a, d0, d1, keepDim, sv => sv.Sum(-1));
    }

    /// <summary>Moves dims (d0, d1) last, reduces the singular values with <paramref name="reduce"/>, and puts size-1 dims back for keepDim.</summary>
    private static Tensor SingularValueNorm(Tensor a, int d0, int d1, bool keepDim, Func<Tensor, Tensor> reduce)
    {
        var order = Enumerable.Range(0, a.Rank).Where(d => d != d0 && d != d1).Append(d0).Append(d1).ToArray();
        var result = reduce(Svdvals(a.Permute(order)));
        if (!keepDim) return result;
        var inverse = new int[order.Length];
        for (int k = 0; k < order.Length; k++) inverse[order[k]] = k;
        return result.Unsqueeze(-1).Unsqueeze(-1).Permute(inverse);
    }

    /// <summary>The checks of linalg.matrix_norm, in PyTorch's order; returns the two dims, wrapped.</summary>
    private static (int, int) MatrixNormChecks(Tensor a, int[]? dim)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rank < 2) throw new ArgumentException("linalg.matrix_norm: The input tensor A must have at least 2 dimensions.");
        RequireFloating(a, "linalg.matrix_norm");
        dim ??= [-2, -1];
        if (dim.Length != 2) throw new ArgumentException($"linalg.matrix_norm: dim must be a 2-tuple. Got {string.Join(" ", dim)}");
        int d0 = Dims.Wrap(dim[0], a.Rank), d1 = Dims.Wrap(dim[1], a.Rank);
        if (d0 == d1) throw new ArgumentException($"linalg.matrix_norm: dims must be different. Got ({d0}, {d1})");
        return (d0, d1);
    }

    /// <summary>linalg.norm with a numeric or absent order: a matrix norm for two dims (or a 2-D input with an order), else a vector norm.</summary>
    internal static Tensor NormCore(Tensor x, double? ord, int[]? dim, bool keepDim)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (dim is not null && dim.Length is not (1 or 2))
            throw new ArgumentException($"linalg.norm: If dim is specified, it must be of length 1 or 2. Got [{string.Join(", ", dim)}]");
        if (dim is null && ord is not null && x.Rank is not (1 or 2))
            throw new ArgumentException($"linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got {x.Rank}D.");
        if (ord is { } order && (dim is { Length: 2 } || (dim is null && x.Rank == 2)))
            return MatrixNormCore(x, order, dim ?? [0, 1], keepDim);
        RequireFloating(x, "linalg.vector_norm");
        return VectorNormCore(x, ord ?? 2, dim, keepDim, "LinalgVectorNormBackward0");
    }

    /// <summary>linalg.norm with "fro" or "nuc": always a matrix norm.</summary>
    internal static Tensor NormCore(Tensor x, string ord, int[]? dim, bool keepDim)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (dim is not null && dim.Length is not (1 or 2))
            throw new ArgumentException($"linalg.norm: If dim is specified, it mut be of length 1 or 2. Got [{string.Join(", ", dim)}]");
        if (dim is null && x.Rank is not (1 or 2))
            throw new ArgumentException($"linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got {x.Rank}D.");
        return MatrixNormCore(x, ord, dim ?? [0, 1], keepDim);
    }

    /// <summary>PyTorch's "Expected a floating point or complex tensor as input" check.</summary>
    internal static void RequireFloating(Tensor a, string op)
    {
        if (!a.DType.IsFloatingPoint)
            throw new ArgumentException($"{op}: Expected a floating point or complex tensor as input. Got {a.DType.ScalarTypeName()}");
    }

    /// <summary>An order as PyTorch prints a Scalar: 3, -0.5, inf, -inf, nan.</summary>
    internal static string FormatOrder(double ord) => ord switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        double.NaN => "nan",
        _ => ord.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>A batch of matrices read as row-major Float64: what the kernels work on.</summary>
    private sealed class Matrices
    {
        public Matrices(Tensor a)
        {
            Data = a.ToArray<double>();
            Batch = a.Shape.Sizes[..^2].ToArray();
            Rows = (int)a.Shape[-2];
            Columns = (int)a.Shape[-1];
            Count = (int)new Shape(Batch).Numel;
        }

        public double[] Data { get; }
        public long[] Batch { get; }
        public int Rows { get; }
        public int Columns { get; }
        public int Count { get; }

        public Span<double> this[int index] => Data.AsSpan(index * Rows * Columns, Rows * Columns);
    }

    /// <summary>Runs <paramref name="body"/> for each matrix of a batch, on several cores when there is enough work.</summary>
    private static void ForEachMatrix(int count, double workPerMatrix, Action<int> body)
    {
        if (count > 1 && count * workPerMatrix >= 1 << 16) Parallel.For(0, count, Threads.Options, body);
        else for (int i = 0; i < count; i++) body(i);
    }

    /// <summary>A tensor of <paramref name="shape"/> and <paramref name="dtype"/> from row-major doubles.</summary>
    private static Tensor FromDoubles(double[] data, ReadOnlySpan<long> shape, DType dtype) => Tensor.From<double>(data, shape).Converted(dtype);

    /// <summary>Throws for the first failed matrix of a batch (info ≠ 0), naming it as PyTorch does when there is a batch.</summary>
    private static void ThrowFirstFailure(int[] infos, bool batched, string op, Func<int, string> message)
    {
        for (int i = 0; i < infos.Length; i++)
            if (infos[i] != 0)
                throw new LinAlgException($"{op}: {(batched ? $"(Batch element {i}): " : "")}{message(infos[i])}");
    }

    /// <summary>The checks of PyTorch's square-matrix functions, in its order: rank, squareness, dtype.</summary>
    private static void RequireSquare(Tensor a, string op)
    {
        RequireMatrix(a, op);
        if (a.Shape[-1] != a.Shape[-2])
            throw new ArgumentException($"{op}: A must be batches of square matrices, but they are {a.Shape[-2]} by {a.Shape[-1]} matrices");
        RequireFloating(a, op);
    }

    private static void RequireMatrix(Tensor a, string op, string name = "A")
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rank < 2) throw new ArgumentException($"{op}: The input tensor {name} must have at least 2 dimensions.");
    }

    /// <summary>The last two dims swapped (the adjoint of a real matrix, torch.Tensor.mH).</summary>
    private static Tensor MH(Tensor a) => a.Transpose(-2, -1);

    /// <summary>The n×n identity in <paramref name="dtype"/>, for diag_embed-style masks.</summary>
    private static Tensor Eye(long n, DType dtype) => Tensor.Eye(n, dtype: dtype);
}

/// <summary>
/// A linear-algebra routine could not complete on its input (torch.linalg.LinAlgError): a singular
/// matrix in <see cref="Linalg.Inv"/> or <see cref="Linalg.Solve"/>, a matrix that is not
/// positive-definite in <see cref="Linalg.Cholesky"/>, NaN in <see cref="Linalg.Svd"/>.
/// </summary>
/// <example><c>try { Linalg.Inv(A); } catch (LinAlgException e) { Console.WriteLine(e.Message); }</c></example>
public sealed class LinAlgException : ArgumentException
{
    /// <summary>An exception with PyTorch's message.</summary>
    /// <example><c>throw new LinAlgException("linalg.inv: ...");</c></example>
    public LinAlgException(string message) : base(message) { }
}
