namespace Nabla;

// torch.norm, the older all-purpose norm: a vector p-norm over any dims, or "fro" / "nuc".
// New code may prefer Linalg.VectorNorm and Linalg.MatrixNorm, whose rules are stricter.
public sealed partial class Tensor
{
    /// <summary>
    /// The <paramref name="p"/>-norm of the elements of <paramref name="x"/> over <paramref name="dim"/>
    /// (all elements when null or empty) (torch.norm): by default the 2-norm of everything, which is
    /// the Frobenius norm of a matrix. p may be any p &gt; 0, 0, ±∞ or a negative p, as in
    /// <see cref="Linalg.VectorNorm(Tensor, double, int[], bool)"/>; accurate at any length and
    /// magnitude (no overflow or underflow in between). Float32 or Float64; the result has x's dtype.
    /// </summary>
    /// <param name="x">The tensor.</param>
    /// <param name="p">The order of the norm.</param>
    /// <param name="dim">The dims to reduce, e.g. <c>[1, 2]</c>.</param>
    /// <param name="keepDim">Keep the reduced dims with size 1.</param>
    /// <exception cref="ArgumentException">x is not floating-point, or a dim repeats.</exception>
    /// <exception cref="IndexOutOfRangeException">A dim is out of range.</exception>
    /// <example><c>Tensor.Norm(X3d, dim: [1, 2])</c></example>
    public static Tensor Norm(Tensor x, double p = 2, int[]? dim = null, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        RequireNormFloating(x);
        return Linalg.VectorNormCore(x, p, dim, keepDim, "NormBackward1", emptyIsZero: true);
    }

    /// <summary>The <paramref name="p"/>-norm over one dim (torch.norm(x, p, dim)).</summary>
    /// <exception cref="ArgumentException">x is not floating-point.</exception>
    /// <exception cref="IndexOutOfRangeException"><paramref name="dim"/> is out of range.</exception>
    /// <example><c>Tensor.Norm(A, 2, 1)</c></example>
    public static Tensor Norm(Tensor x, double p, int dim, bool keepDim = false) => Norm(x, p, [dim], keepDim);

    /// <summary>
    /// torch.norm with a string order: "fro", the 2-norm over at most two dims (all elements when
    /// <paramref name="dim"/> is null), or "nuc", the nuclear norm (the sum of the singular values)
    /// of a 2-D input or over the two dims given.
    /// </summary>
    /// <param name="x">A Float32 or Float64 tensor.</param>
    /// <param name="p">"fro" or "nuc".</param>
    /// <param name="dim">Null, or the dims to reduce (at most two for "fro", exactly two for "nuc").</param>
    /// <param name="keepDim">Keep the reduced dims with size 1.</param>
    /// <exception cref="ArgumentException">Another string; the wrong number of dims; repeated dims; not floating-point.</exception>
    /// <example><c>Tensor.Norm(A, "nuc")</c></example>
    public static Tensor Norm(Tensor x, string p, int[]? dim = null, bool keepDim = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(p);
        if (p == "fro")
        {
            RequireNormFloating(x);
            if (dim is { Length: > 2 }) throw new ArgumentException($"Expected at most 2 dimensions, but got {dim.Length} dimensions instead.");
            if (dim is { Length: 2 } && Dims.Wrap(dim[0], x.Rank, scalarAsVector: true) == Dims.Wrap(dim[1], x.Rank, scalarAsVector: true))
                throw new ArgumentException($"Expected dims to be different, got [{dim[0]}, {dim[1]}] instead");
            return Linalg.VectorNormCore(x, 2, dim, keepDim, "NormBackward1");
        }
        if (p != "nuc") throw new ArgumentException($"only valid string values are 'fro' and 'nuc', found {p}");
        if (dim is null)
        {
            if (x.Rank != 2)
                throw new ArgumentException($"Expected a tensor with 2 dimensions, but got a tensor with {x.Rank} dimension{(x.Rank == 1 ? "" : "s")} instead.");
            dim = [0, 1];
        }
        if (dim.Length != 2) throw new ArgumentException("nuclear norm requires a 'dim' argument of size 2");
        if (Dims.Wrap(dim[0], x.Rank) == Dims.Wrap(dim[1], x.Rank)) throw new ArgumentException("duplicate or invalid dimensions");
        Linalg.RequireFloating(x, "linalg.svd");
        return Linalg.MatrixNorm(x, "nuc", dim, keepDim);
    }

    /// <summary>
    /// The <paramref name="p"/>-norm of this tensor's elements over <paramref name="dim"/>
    /// (torch.Tensor.norm): with no arguments the 2-norm of all elements — the length of a vector,
    /// the Frobenius norm of a matrix. See <see cref="Norm(Tensor, double, int[], bool)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor is not floating-point, or a dim repeats.</exception>
    /// <example><c>while (b.Norm() &lt; 1000) b = b * 2;</c></example>
    public Tensor Norm(double p = 2, int[]? dim = null, bool keepDim = false) => Norm(this, p, dim, keepDim);

    /// <summary>The <paramref name="p"/>-norm over one dim (torch.Tensor.norm(p, dim)).</summary>
    /// <exception cref="ArgumentException">The tensor is not floating-point.</exception>
    /// <example><c>A.Norm(2, 1)</c></example>
    public Tensor Norm(double p, int dim, bool keepDim = false) => Norm(this, p, [dim], keepDim);

    /// <summary>The "fro" or "nuc" norm (torch.Tensor.norm(p="nuc")); see <see cref="Norm(Tensor, string, int[], bool)"/>.</summary>
    /// <exception cref="ArgumentException">Another string, wrong dims, or not floating-point.</exception>
    /// <example><c>A.Norm("nuc")</c></example>
    public Tensor Norm(string p, int[]? dim = null, bool keepDim = false) => Norm(this, p, dim, keepDim);

    private static void RequireNormFloating(Tensor x)
    {
        if (!x.DType.IsFloatingPoint)
            throw new ArgumentException($"norm(): input dtype should be either floating point or complex. Got {x.DType.ScalarTypeName()} instead.");
    }
}
