namespace Nabla;

// Products and matrix helpers (https://pytorch.org/docs/stable/torch.html#blas-and-lapack-operations).
// Operands must share a dtype, as in PyTorch; Float32/Float64 run on the packed GEMM.
public sealed partial class Tensor
{
    /// <summary>The matrix product with PyTorch's rules (torch.matmul): 1-D·1-D is a dot product, 2-D·2-D a matrix product,
    /// a 1-D operand is promoted to a matrix and the added dim removed afterwards, and higher ranks are batches whose leading dims broadcast.</summary>
    /// <exception cref="ArgumentException">An operand is 0-d, the dtypes differ, or the inner sizes do not match.</exception>
    /// <example><c>Tensor.Matmul(A, B)</c>; a [10, 3, 4] batch times a [4, 5] matrix gives [10, 3, 5].</example>
    public static Tensor Matmul(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank == 0 || b.Rank == 0)
            throw new ArgumentException($"both arguments to matmul need to be at least 1D, but they are {a.Rank}D and {b.Rank}D");
        if (a.Rank == 1 && b.Rank == 1) return Dot(a, b);
        RequireInnerSizes("matmul", a, b);
        if (a.Rank == 2 && b.Rank == 1) return Mv(a, b);
        if (a.Rank == 1) return MatMul.Batched(a.Unsqueeze(0), b, "matmul").Squeeze(-2);
        if (b.Rank == 1) return MatMul.Batched(a, b.Unsqueeze(1), "matmul").Squeeze(-1);
        return MatMul.Batched(a, b, "matmul");
    }

    /// <summary>The matrix product of this tensor and <paramref name="other"/> (torch.Tensor.matmul, Python's <c>@</c>).</summary>
    public Tensor Matmul(Tensor other) => Matmul(this, other);

    /// <summary>The product of two matrices (torch.mm): [n, m] · [m, p] → [n, p].</summary>
    /// <exception cref="ArgumentException">An operand is not 2-D, the dtypes differ, or the inner sizes differ.</exception>
    /// <example><c>Tensor.Mm(A, B)</c></example>
    public static Tensor Mm(Tensor a, Tensor b)
    {
        RequireRank("mm", a, 2, "self");
        RequireRank("mm", b, 2, "mat2");
        return MatMul.Batched(a, b, "mm");
    }

    /// <summary>Batched matrix products (torch.bmm): [b, n, m] · [b, m, p] → [b, n, p], without broadcasting.</summary>
    /// <exception cref="ArgumentException">An operand is not 3-D, or the batch or inner sizes differ.</exception>
    public static Tensor Bmm(Tensor a, Tensor b)
    {
        RequireRank("bmm", a, 3, "batch1");
        RequireRank("bmm", b, 3, "batch2");
        if (a.Shape[0] != b.Shape[0] || a.Shape[2] != b.Shape[1])
            throw new ArgumentException($"Expected size for first two dimensions of batch2 tensor to be: [{a.Shape[0]}, {a.Shape[2]}] but got: [{b.Shape[0]}, {b.Shape[1]}].");
        return MatMul.Batched(a, b, "bmm");
    }

    /// <summary>The product of a matrix and a vector (torch.mv): [n, m] · [m] → [n].</summary>
    /// <exception cref="ArgumentException">The operands are not a matrix and a vector, or their sizes differ.</exception>
    /// <example><c>Tensor.Mv(A, x)</c></example>
    public static Tensor Mv(Tensor a, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(x);
        if (a.Rank != 2 || x.Rank != 1) throw new ArgumentException($"vector + matrix @ vector expected, got {a.Rank}D matrix and {x.Rank}D vector");
        RequireInnerSizes("mv", a, x);
        Tensor result;
        using (GradMode.Set(false)) result = MatMul.Batched(a, x.Unsqueeze(1), "mv").Squeeze(-1);
        return Graph.Record(result, "MvBackward0", [a, x], g => [Outer(g, x), Mv(a.T, g)], a, x);
    }

    /// <summary>The dot product of two vectors (torch.dot): a 0-d tensor of their dtype.</summary>
    /// <exception cref="ArgumentException">An operand is not 1-D, the dtypes differ, or the lengths differ.</exception>
    /// <example><c>Tensor.Dot(x, y)</c></example>
    public static Tensor Dot(Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Rank != 1 || y.Rank != 1) throw new ArgumentException($"1D tensors expected, but got {x.Rank}D and {y.Rank}D tensors");
        if (x.DType != y.DType)
            throw new ArgumentException($"dot : expected both vectors to have same dtype, but found {x.DType.ScalarTypeName()} and {y.DType.ScalarTypeName()}");
        if (x.Numel != y.Numel)
            throw new ArgumentException(
                $"inconsistent tensor size, expected tensor [{x.Numel}] and src [{y.Numel}] to have the same number of elements, but got {x.Numel} and {y.Numel} elements respectively");
        Tensor result;
        if (x.DType.IsFloatingPoint && x.Numel <= SmallDot) result = SmallDotProduct(x, y);
        else using (GradMode.Set(false)) result = MatMul.Batched(x.Unsqueeze(0), y.Unsqueeze(1), "dot").Reshape();
        return Graph.Record(result, "DotBackward0", [x, y], g => [g * y, g * x], x, y);
    }

    /// <summary>Below this length a dot product is one loop (summed in double) instead of a trip through the GEMM's entry.</summary>
    private const long SmallDot = 4096;

    private static Tensor SmallDotProduct(Tensor x, Tensor y)
    {
        double sum = 0;
        var (xs, ys) = (x.Layout.Strides[0], y.Layout.Strides[0]);
        if (x.DType == DType.Float32)
        {
            var (a, b) = (x.Data<float>(), y.Data<float>());
            for (long i = 0, p = x.StorageOffset, q = y.StorageOffset; i < x.Numel; i++, p += xs, q += ys) sum += (double)a[p] * b[q];
            return Scalar((float)sum);
        }
        var (c, d) = (x.Data<double>(), y.Data<double>());
        for (long i = 0, p = x.StorageOffset, q = y.StorageOffset; i < x.Numel; i++, p += xs, q += ys) sum += c[p] * d[q];
        return Scalar(sum);
    }

    /// <summary>The outer product of two vectors (torch.outer): [n] ⊗ [m] → [n, m].</summary>
    /// <exception cref="ArgumentException">An operand is not 1-D.</exception>
    public static Tensor Outer(Tensor x, Tensor y)
    {
        RequireRank("outer", x, 1, "self");
        RequireRank("outer", y, 1, "vec2");
        return x.Unsqueeze(1) * y.Unsqueeze(0);
    }

    /// <summary>
    /// Contracts the last <paramref name="dims"/> dims of <paramref name="a"/> with the first
    /// <paramref name="dims"/> of <paramref name="b"/> (torch.tensordot with an int).
    /// </summary>
    /// <example><c>Tensor.Tensordot(A, B, dims: 1)</c> is the matrix product.</example>
    public static Tensor Tensordot(Tensor a, Tensor b, int dims = 2)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (dims < 0) throw new ArgumentException($"tensordot expects dims >= 0, but got dims={dims}");
        if (dims > a.Rank || dims > b.Rank) throw new ArgumentException($"tensordot expects dims <= the ranks ({a.Rank} and {b.Rank}), but got dims={dims}");
        return Tensordot(a, b, [.. Enumerable.Range(a.Rank - dims, dims)], [.. Enumerable.Range(0, dims)]);
    }

    /// <summary>Contracts dims <paramref name="dimsA"/> of <paramref name="a"/> with dims <paramref name="dimsB"/> of <paramref name="b"/>, pairwise (torch.tensordot with lists).</summary>
    /// <exception cref="ArgumentException">The lists differ in length or the paired sizes differ.</exception>
    public static Tensor Tensordot(Tensor a, Tensor b, int[] dimsA, int[] dimsB)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(dimsA);
        ArgumentNullException.ThrowIfNull(dimsB);
        if (dimsA.Length != dimsB.Length) throw new ArgumentException("both dimension lists should have same length");
        var ca = Dims.WrapAll(dimsA, a.Rank);
        var cb = Dims.WrapAll(dimsB, b.Rank);
        long contracted = 1;
        for (int i = 0; i < ca.Length; i++)
        {
            if (a.Shape.Sizes[ca[i]] != b.Shape.Sizes[cb[i]])
                throw new ArgumentException($"contracted dimensions need to match, but first has size {a.Shape.Sizes[ca[i]]} in dim {ca[i]} and second has size {b.Shape.Sizes[cb[i]]} in dim {cb[i]}");
            contracted *= a.Shape.Sizes[ca[i]];
        }
        var freeA = Enumerable.Range(0, a.Rank).Where(d => !ca.Contains(d)).ToArray();
        var freeB = Enumerable.Range(0, b.Rank).Where(d => !cb.Contains(d)).ToArray();
        // Explicit sizes: a -1 could not be inferred when a contracted dim has size 0.
        long rows = freeA.Aggregate(1L, (p, d) => p * a.Shape.Sizes[d]), cols = freeB.Aggregate(1L, (p, d) => p * b.Shape.Sizes[d]);
        var left = a.Permute([.. freeA, .. ca]).Reshape(rows, contracted);
        var right = b.Permute([.. cb, .. freeB]).Reshape(contracted, cols);
        var sizes = freeA.Select(d => a.Shape.Sizes[d]).Concat(freeB.Select(d => b.Shape.Sizes[d])).ToArray();
        return Mm(left, right).Reshape(sizes);
    }

    /// <summary>The diagonal as a view (torch.diagonal): dims <paramref name="dim1"/> and <paramref name="dim2"/> are replaced by a last dim holding the elements at offset <paramref name="offset"/> above (or below, when negative) the main diagonal.</summary>
    /// <example><c>A.Diagonal()</c></example>
    public Tensor Diagonal(long offset = 0, int dim1 = 0, int dim2 = 1)
    {
        int d1 = Dims.Wrap(dim1, Rank), d2 = Dims.Wrap(dim2, Rank);
        if (d1 == d2) throw new ArgumentException($"diagonal dimensions cannot be identical {dim1}, {dim2}");
        long rows = Shape.Sizes[d1], cols = Shape.Sizes[d2];
        long length = Math.Max(0, offset >= 0 ? Math.Min(rows, cols - offset) : Math.Min(rows + offset, cols));
        long start = length == 0 ? 0 : offset >= 0 ? offset * Layout.Strides[d2] : -offset * Layout.Strides[d1];
        var keep = Enumerable.Range(0, Rank).Where(d => d != d1 && d != d2).ToArray();
        var layout = new Layout(new Shape([.. keep.Select(d => Shape.Sizes[d]), length]),
            [.. keep.Select(d => Layout.Strides[d]), Layout.Strides[d1] + Layout.Strides[d2]], Layout.Offset + start);
        var shape = Shape;
        return Graph.Record(WithLayout(layout), "DiagonalBackward0", [this], g => [DiagonalEmbed(g, shape, offset, d1, d2)]);
    }

    /// <summary>Zeros of <paramref name="shape"/> with <paramref name="values"/> on the given diagonal (the gradient of <see cref="Diagonal"/>; its own gradient takes the diagonal again).</summary>
    private static Tensor DiagonalEmbed(Tensor values, Shape shape, long offset, int d1, int d2)
    {
        var result = Zeros(shape.Sizes, values.DType);
        using (GradMode.Set(false)) result.Diagonal(offset, d1, d2).Assign(values);
        return Graph.Record(result, "DiagonalBackwardBackward0", [values], g => [g.Diagonal(offset, d1, d2)]);
    }

    /// <summary>
    /// torch.diag: for a vector, the square matrix with it on diagonal <paramref name="offset"/>;
    /// for a matrix, a copy of that diagonal as a vector.
    /// </summary>
    /// <exception cref="ArgumentException">The input is neither 1-D nor 2-D.</exception>
    public static Tensor Diag(Tensor x, long offset = 0)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank == 2) return x.Diagonal(offset).Clone();
        if (x.Rank != 1) throw new ArgumentException($"diag(): Supports 1D or 2D tensors. Got {x.Rank}D");
        if (offset < -Array.MaxLength || offset > Array.MaxLength)
            throw new ArgumentException($"diag(): offset {offset} asks for a matrix with more elements than a tensor can hold");
        long n = x.Numel + Math.Abs(offset);
        return DiagonalEmbed(x, new Shape(n, n), offset, 0, 1);
    }

    /// <summary>The sum of the main diagonal of a matrix (torch.trace); integer inputs sum to Int64, as in PyTorch.</summary>
    /// <exception cref="ArgumentException">The input is not 2-D, or is Bool.</exception>
    public static Tensor Trace(Tensor a)
    {
        RequireRank("trace", a, 2, "self");
        if (a.DType == DType.Bool) throw new ArgumentException("\"trace\" not implemented for 'Bool'");
        Tensor result;
        using (GradMode.Set(false)) result = a.Diagonal().Sum();
        var shape = a.Shape;
        long n = Math.Min(shape[0], shape[1]);
        return Graph.Record(result, "TraceBackward0", [a], g => [DiagonalEmbed(g.Expand(n), shape, 0, 0, 1)]);
    }

    /// <summary>The lower triangle (torch.tril): elements above diagonal <paramref name="diagonal"/> of the last two dims become zero.</summary>
    public static Tensor Tril(Tensor a, long diagonal = 0) => Triangle(a, diagonal, lower: true);

    /// <summary>The upper triangle (torch.triu): elements below diagonal <paramref name="diagonal"/> of the last two dims become zero.</summary>
    public static Tensor Triu(Tensor a, long diagonal = 0) => Triangle(a, diagonal, lower: false);

    private static Tensor Triangle(Tensor a, long diagonal, bool lower)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Rank < 2) throw new ArgumentException($"{(lower ? "tril" : "triu")}: input tensor must have at least 2 dimensions");
        var rows = Arange(a.Shape[-2]).Unsqueeze(1);
        var cols = Arange(a.Shape[-1]).Unsqueeze(0);
        var keep = lower ? cols - rows <= diagonal : cols - rows >= diagonal;
        Tensor result;
        using (GradMode.Set(false)) result = Where(keep, a, Zeros([], a.DType));
        return Graph.Record(result, lower ? "TrilBackward0" : "TriuBackward0", [a], g => [Triangle(g, diagonal, lower)]);
    }

    /// <summary>
    /// Einstein summation (torch.einsum): each operand's dims are named by letters, letters shared
    /// between operands are multiplied along, and letters missing from the output (after "->") are
    /// summed over; without "->" the output is the letters that appear once, alphabetically.
    /// </summary>
    /// <exception cref="ArgumentException">The equation does not match the operands.</exception>
    /// <example><c>Tensor.Einsum("ij,jk->ik", A, B)</c>, <c>Tensor.Einsum("ii->i", A)</c>, <c>Tensor.Einsum("bij,bjk->bik", P, Q)</c></example>
    public static Tensor Einsum(string equation, params Tensor[] operands) => Nabla.Einsum.Evaluate(equation, operands);

    /// <summary>
    /// Checks the inner sizes of <c>a @ b</c> before a 1-D operand is promoted, so that the message
    /// names the shapes the caller passed (a vector counts as a 1×k row on the left, a k×1 column on the right).
    /// </summary>
    private static void RequireInnerSizes(string op, Tensor a, Tensor b)
    {
        long m = a.Rank == 1 ? 1 : a.Shape[-2], k = a.Shape[-1];
        long k2 = b.Rank == 1 ? b.Shape[0] : b.Shape[-2], n = b.Rank == 1 ? 1 : b.Shape[-1];
        if (k != k2)
            throw new ArgumentException($"{op}: shapes cannot be multiplied ({m}x{k} and {k2}x{n}): operands of shapes {a.Shape} and {b.Shape}");
    }

    private static void RequireRank(string op, Tensor t, int rank, string name)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.Rank != rank) throw new ArgumentException($"{op}: {name} must be a {rank}D tensor, got {t.Rank}D with shape {t.Shape}");
    }
}
