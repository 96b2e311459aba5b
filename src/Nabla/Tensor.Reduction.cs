namespace Nabla;

// Reductions (https://pytorch.org/docs/stable/torch.html#reduction-ops). Each comes in three
// forms: over all elements (a 0-d result), over one dim, and over a list of dims; dims may be
// negative, and keepDim leaves the reduced dims in place with size 1 so the result broadcasts
// against the input.
public sealed partial class Tensor
{
    /// <summary>The sum of all elements (torch.sum); integers and Bool sum to Int64. Float sums are accurate at any length.</summary>
    public Tensor Sum() => Sum([], all: true, keepDim: false);

    /// <summary>Sums over <paramref name="dim"/> (torch.sum(dim)).</summary>
    /// <example><c>A.Sum(dim: 1, keepDim: true)</c></example>
    public Tensor Sum(int dim, bool keepDim = false) => Sum([dim], all: false, keepDim);

    /// <summary>Sums over several dims (torch.sum(dim=(0, 1))); an empty list sums over every dim, as PyTorch does.</summary>
    /// <example><c>A.Sum(dim: [0, 1])</c></example>
    public Tensor Sum(ReadOnlySpan<int> dim, bool keepDim = false) => Sum(dim, all: dim.IsEmpty, keepDim);

    private Tensor Sum(ReadOnlySpan<int> dims, bool all, bool keepDim)
    {
        var result = Reduction.Run<SumReducer>("sum", this, dims, all, keepDim, DType.IsFloatingPoint ? DType : DType.Int64);
        var reduced = Reduction.ReducedDims(this, dims, all);
        var shape = Shape;
        return Graph.Record(result, all ? "SumBackward0" : "SumBackward1", [this], g => [Reduction.Unreduce(g, shape, reduced, keepDim)]);
    }

    /// <summary>The mean of all elements (torch.mean); floating dtypes only.</summary>
    /// <exception cref="ArgumentException">The tensor is not floating-point.</exception>
    public Tensor Mean() => Mean([], all: true, keepDim: false);

    /// <summary>The mean over <paramref name="dim"/> (torch.mean(dim)).</summary>
    /// <example><c>A.Mean(dim: -1, keepDim: true)</c></example>
    public Tensor Mean(int dim, bool keepDim = false) => Mean([dim], all: false, keepDim);

    /// <summary>The mean over several dims; an empty list means every dim.</summary>
    public Tensor Mean(ReadOnlySpan<int> dim, bool keepDim = false) => Mean(dim, all: dim.IsEmpty, keepDim);

    private Tensor Mean(ReadOnlySpan<int> dims, bool all, bool keepDim)
    {
        RequireFloating("mean");
        var mean = Reduction.Run<SumReducer>("mean", this, dims, all, keepDim, DType);
        long count = Reduction.Count(this, dims, all);
        Div(mean, count, destination: mean);
        var reduced = Reduction.ReducedDims(this, dims, all);
        var shape = Shape;
        return Graph.Record(mean, all ? "MeanBackward0" : "MeanBackward1", [this], g => [Reduction.Unreduce(g, shape, reduced, keepDim) / count]);
    }

    /// <summary>The product of all elements (torch.prod); integers and Bool multiply in Int64.</summary>
    public Tensor Prod() => Prod([], all: true, keepDim: false);

    /// <summary>The product over <paramref name="dim"/> (torch.prod(dim)).</summary>
    public Tensor Prod(int dim, bool keepDim = false) => Prod([dim], all: false, keepDim);

    private Tensor Prod(ReadOnlySpan<int> dims, bool all, bool keepDim)
    {
        var result = Reduction.Run<ProdReducer>("prod", this, dims, all, keepDim, ScanType);
        var reduced = Reduction.ReducedDims(this, dims, all);
        return Graph.Record(result, all ? "ProdBackward0" : "ProdBackward1", [this], g => [ProdGradient(g, result, reduced, keepDim)], this, result);
    }

    /// <summary>
    /// The gradient of a product without dividing by zero: each element's gradient is the product of
    /// the others, which is result / x when no element is zero, the product of the non-zero elements
    /// at the single zero when there is one, and zero everywhere when there are more.
    /// </summary>
    private Tensor ProdGradient(Tensor g, Tensor result, int[] reduced, bool keepDim)
    {
        var grad = Reduction.Unreduce(g, Shape, reduced, keepDim);
        var zero = this == 0L;
        var zeros = Reduction.Unreduce(zero.Sum(reduced, keepDim: true), Shape, reduced, keepDim: true);
        var others = Reduction.Unreduce(Where(zero, 1L, this).Prod(reduced, keepDim: true), Shape, reduced, keepDim: true);
        var plain = Reduction.Unreduce(result, Shape, reduced, keepDim) / Where(zero, 1L, this);
        return grad * Where(zeros == 0L, plain, Where((zeros == 1L) & zero, others, 0L));
    }

    /// <summary>A product over several dims at once (used by the product's gradient).</summary>
    private Tensor Prod(int[] dims, bool keepDim) => Prod(dims, all: false, keepDim);

    private DType ScanType => DType.IsFloatingPoint ? DType : DType.Int64;

    /// <summary>The largest element (torch.max()); NaN if any element is NaN.</summary>
    /// <exception cref="ArgumentException">The tensor is empty.</exception>
    public Tensor Max() => Extreme<MaxReducer>("max", "MaxBackward1", [], all: true, keepDim: false, nanTakesGradient: true);

    /// <summary>The largest elements along <paramref name="dim"/> and their indices (torch.max(dim)); the first index wins ties.</summary>
    /// <example><c>var (values, indices) = A.Max(dim: 1);</c></example>
    public (Tensor Values, Tensor Indices) Max(int dim, bool keepDim = false) => ExtremeAlong<ArgMaxReducer>("max", "MaxBackward0", dim, keepDim);

    /// <summary>The smallest element (torch.min()); NaN if any element is NaN.</summary>
    /// <exception cref="ArgumentException">The tensor is empty.</exception>
    public Tensor Min() => Extreme<MinReducer>("min", "MinBackward1", [], all: true, keepDim: false, nanTakesGradient: true);

    /// <summary>The smallest elements along <paramref name="dim"/> and their indices (torch.min(dim)).</summary>
    public (Tensor Values, Tensor Indices) Min(int dim, bool keepDim = false) => ExtremeAlong<ArgMinReducer>("min", "MinBackward0", dim, keepDim);

    /// <summary>The maximum over several dims, values only (torch.amax).</summary>
    public Tensor Amax(ReadOnlySpan<int> dim, bool keepDim = false) => Extreme<MaxReducer>("amax", "AmaxBackward0", dim, all: dim.IsEmpty, keepDim);

    /// <summary>The minimum over several dims, values only (torch.amin).</summary>
    public Tensor Amin(ReadOnlySpan<int> dim, bool keepDim = false) => Extreme<MinReducer>("amin", "AminBackward0", dim, all: dim.IsEmpty, keepDim);

    /// <summary>
    /// A maximum or minimum over dims: the gradient is shared evenly among the elements that tie for it, as PyTorch does.
    /// A NaN result gives its gradient to the NaN elements when <paramref name="nanTakesGradient"/> (PyTorch's max() and
    /// min() of all elements), and NaN to every element otherwise (amax and amin, where no element equals NaN).
    /// </summary>
    private Tensor Extreme<TReducer>(string name, string node, ReadOnlySpan<int> dims, bool all, bool keepDim, bool nanTakesGradient = false)
        where TReducer : struct, IReducer
    {
        var result = Reduction.Run<TReducer>(name, this, dims, all, keepDim, DType, emptyAllowed: false);
        var reduced = Reduction.ReducedDims(this, dims, all);
        return Graph.Record(result, node, [this], g =>
        {
            var extreme = Reduction.Unreduce(result, Shape, reduced, keepDim);
            var hits = nanTakesGradient ? Where(IsNan(extreme), IsNan(this), this == extreme) : this == extreme;
            return [Where(hits, Reduction.Unreduce(g, Shape, reduced, keepDim), 0L) / Reduction.Unreduce(hits.Sum(reduced, keepDim: true), Shape, reduced, keepDim: true)];
        }, this, result);
    }

    /// <summary>Values and indices along a dim: the gradient goes to the chosen index only.</summary>
    private (Tensor Values, Tensor Indices) ExtremeAlong<TReducer>(string name, string node, int dim, bool keepDim) where TReducer : struct, IIndexReducer
    {
        var (values, indices) = Reduction.RunIndex<TReducer>(name, this, dim, keepDim);
        var shape = Shape;
        Graph.Record(values, node, [this], g => [Reduction.ScatterAlong(shape, dim, indices, g, keepDim)]);
        return (values, indices);
    }

    private Tensor Sum(int[] dims, bool keepDim) => Sum(dims, all: false, keepDim);

    /// <summary>The index of the largest element in the flattened tensor (torch.argmax()).</summary>
    /// <exception cref="ArgumentException">The tensor is empty or Bool.</exception>
    public Tensor ArgMax() => ArgIndex<ArgMaxReducer>("argmax", null, keepDim: false);

    /// <summary>The indices of the largest elements along <paramref name="dim"/> (torch.argmax(dim)).</summary>
    /// <example><c>A.ArgMax(dim: 1)</c></example>
    public Tensor ArgMax(int dim, bool keepDim = false) => ArgIndex<ArgMaxReducer>("argmax", dim, keepDim);

    /// <summary>The index of the smallest element in the flattened tensor (torch.argmin()).</summary>
    /// <exception cref="ArgumentException">The tensor is empty or Bool.</exception>
    public Tensor ArgMin() => ArgIndex<ArgMinReducer>("argmin", null, keepDim: false);

    /// <summary>The indices of the smallest elements along <paramref name="dim"/> (torch.argmin(dim)).</summary>
    public Tensor ArgMin(int dim, bool keepDim = false) => ArgIndex<ArgMinReducer>("argmin", dim, keepDim);

    private Tensor ArgIndex<TReducer>(string name, int? dim, bool keepDim) where TReducer : struct, IIndexReducer
    {
        Pointwise.Require(name + "_cpu", DType, allowBool: false, allowFloat: true);
        return Reduction.RunIndex<TReducer>(name, this, dim, keepDim).Indices;
    }

    /// <summary>The variance of all elements (torch.var), dividing by N - <paramref name="correction"/> (Bessel's correction by default).</summary>
    public Tensor Var(double correction = 1) => Var([], all: true, keepDim: false, correction);

    /// <summary>The variance over <paramref name="dim"/> (torch.var(dim)).</summary>
    public Tensor Var(int dim, bool keepDim = false, double correction = 1) => Var([dim], all: false, keepDim, correction);

    /// <summary>The variance over several dims; an empty list means every dim.</summary>
    public Tensor Var(ReadOnlySpan<int> dim, bool keepDim = false, double correction = 1) => Var(dim, all: dim.IsEmpty, keepDim, correction);

    private Tensor Var(ReadOnlySpan<int> dims, bool all, bool keepDim, double correction)
    {
        if (!DType.IsFloatingPoint) throw new ArgumentException("std and var only support floating point and complex dtypes");
        // Two passes (mean, then squared deviations) keep the result accurate when the mean is large.
        double denominator = Math.Max(0, Reduction.Count(this, dims, all) - correction);
        Tensor result;
        using (GradMode.Set(false))
        {
            var deviation = this - Mean(dims, all, keepDim: true);
            result = (deviation * deviation).Sum(dims, all, keepDim) / denominator;
        }
        var reduced = Reduction.ReducedDims(this, dims, all);
        var shape = Shape;
        var dimList = dims.ToArray();
        // PyTorch's var_backward: 2 (x - mean) / (N - correction) · g, in tensor ops so it differentiates again.
        return Graph.Record(result, "VarBackward0", [this], g =>
            [2.0 / denominator * (this - Mean(dimList, all, keepDim: true)) * Reduction.Unreduce(g, shape, reduced, keepDim)], this);
    }

    /// <summary>The standard deviation of all elements (torch.std), with Bessel's correction by default.</summary>
    public Tensor Std(double correction = 1) => StdOf(Var(correction));

    /// <summary>The standard deviation over <paramref name="dim"/> (torch.std(dim)).</summary>
    public Tensor Std(int dim, bool keepDim = false, double correction = 1) => StdOf(Var(dim, keepDim, correction));

    /// <summary>The standard deviation over several dims.</summary>
    public Tensor Std(ReadOnlySpan<int> dim, bool keepDim = false, double correction = 1) => StdOf(Var(dim, keepDim, correction));

    /// <summary>sqrt(variance), whose gradient is 0 where the deviation is 0 (not sqrt's infinity), as PyTorch's std_backward.</summary>
    private static Tensor StdOf(Tensor variance)
    {
        Tensor std;
        using (GradMode.Set(false)) std = Sqrt(variance);
        return Graph.Record(std, "StdBackward0", [variance], g => [Where(std == 0L, 0L, g / (2L * std))], std);
    }

    /// <summary>True when every element is non-zero (torch.all); Bool result (UInt8 for UInt8 input, as PyTorch).</summary>
    public Tensor All() => Logical<AllReducer>("all", [], all: true, keepDim: false);

    /// <summary>Whether every element along <paramref name="dim"/> is non-zero (torch.all(dim)).</summary>
    public Tensor All(int dim, bool keepDim = false) => Logical<AllReducer>("all", [dim], all: false, keepDim);

    /// <summary>True when any element is non-zero (torch.any).</summary>
    public Tensor Any() => Logical<AnyReducer>("any", [], all: true, keepDim: false);

    /// <summary>Whether any element along <paramref name="dim"/> is non-zero (torch.any(dim)).</summary>
    public Tensor Any(int dim, bool keepDim = false) => Logical<AnyReducer>("any", [dim], all: false, keepDim);

    private Tensor Logical<TReducer>(string name, ReadOnlySpan<int> dims, bool all, bool keepDim) where TReducer : struct, IReducer
    {
        var flags = DType == DType.Bool ? this : Ne(this, 0L);
        var result = Reduction.Run<TReducer>(name, flags, dims, all, keepDim, DType.Bool);
        return DType == DType.UInt8 ? result.To(DType.UInt8) : result;
    }

    /// <summary>log(sum(exp(x))) over <paramref name="dim"/>, computed without overflow by subtracting the maximum (torch.logsumexp).</summary>
    /// <example><c>A.LogSumExp(dim: 1)</c></example>
    public Tensor LogSumExp(int dim, bool keepDim = false) => LogSumExp([dim], keepDim);

    /// <summary>log(sum(exp(x))) over several dims (torch.logsumexp); an empty list means every dim.</summary>
    public Tensor LogSumExp(ReadOnlySpan<int> dim, bool keepDim = false)
    {
        var x = DType.IsFloatingPoint ? this : To(DTypes.DefaultFloat);
        if (x.Numel == 0) return Log(Exp(x).Sum(dim, keepDim));  // log(0) = -inf over an empty dim
        bool all = dim.IsEmpty;
        var plan = Reduction.Prepare(x, dim, all, keepDim);
        var result = Allocate(plan.Result, x.DType, uninitialized: true);
        SoftmaxKernel.LogSumExp(plan.Rows, plan.Inner, result);
        var reduced = Reduction.ReducedDims(x, dim, all);
        var shape = x.Shape;
        // d/dx logsumexp(x) = exp(x - logsumexp(x)), written through the saved result so it differentiates again.
        return Graph.Record(result, "LogsumexpBackward0", [x], g =>
            [Exp(x - Reduction.Unreduce(result, shape, reduced, keepDim)) * Reduction.Unreduce(g, shape, reduced, keepDim)], x, result);
    }

    /// <summary>exp(x) / sum(exp(x)) along <paramref name="dim"/> (torch.softmax), stable for large inputs: Softmax([1000, 1000]) is [0.5, 0.5].</summary>
    /// <example><c>A.Softmax(dim: 1)</c></example>
    /// <exception cref="ArgumentException">The tensor is not floating-point (convert it with <c>To</c> first, as in PyTorch).</exception>
    public Tensor Softmax(int dim) => SoftmaxAlong("softmax", dim, log: false);

    /// <summary>log(softmax(x)) along <paramref name="dim"/> (torch.log_softmax), computed as x - max - log(sum(exp(x - max))).</summary>
    /// <exception cref="ArgumentException">The tensor is not floating-point.</exception>
    public Tensor LogSoftmax(int dim) => SoftmaxAlong("log_softmax", dim, log: true);

    /// <summary>
    /// Softmax or log-softmax by <see cref="SoftmaxKernel"/>, with <paramref name="dim"/> moved last for
    /// it (a copy unless it is last already). The gradients are PyTorch's, written with the result
    /// y, which is saved: softmax <c>y · (g - Σ g·y)</c>, log-softmax <c>g - exp(y) · Σ g</c>; as tensor
    /// ops through y, so that second derivatives flow through this node again.
    /// </summary>
    private Tensor SoftmaxAlong(string name, int dim, bool log)
    {
        var x = SoftmaxInput(name, dim);
        if (x.Numel == 0) return x.Clone();
        int last = Math.Max(Rank - 1, 0), d = Rank == 0 ? 0 : Dims.Wrap(dim, Rank);
        Span<int> order = stackalloc int[Rank];
        for (int k = 0, j = 0; k < Rank; k++)
            if (k != d) order[j++] = k;
        if (Rank > 0) order[last] = d;
        var rows = d == last ? ContiguousData() : WithLayout(Layout.Permute(order)).ContiguousData();
        var output = Allocate(rows.Shape, DType, uninitialized: true);
        SoftmaxKernel.Rows(rows, Rank == 0 ? 1 : Shape.Sizes[d], output, log);
        var y = d == last ? output : output.WithLayout(output.Layout.Permute(Inverse(order))).ContiguousData();
        return Graph.Record(y, log ? "LogSoftmaxBackward0" : "SoftmaxBackward0", [this],
            g => log ? [g - Exp(y) * g.Sum(dim, keepDim: true)] : [y * (g - (g * y).Sum(dim, keepDim: true))], y);
    }

    private static int[] Inverse(ReadOnlySpan<int> order)
    {
        var inverse = new int[order.Length];
        for (int k = 0; k < order.Length; k++) inverse[order[k]] = k;
        return inverse;
    }

    private Tensor SoftmaxInput(string name, int dim)
    {
        Dims.Wrap(dim, Rank, scalarAsVector: true);
        if (!DType.IsFloatingPoint) throw new ArgumentException($"\"{name}\" not implemented for '{DType.ScalarTypeName()}'");
        return this;
    }

    /// <summary>Running sums along <paramref name="dim"/> (torch.cumsum); integers and Bool accumulate in Int64.</summary>
    /// <example><c>A.Cumsum(dim: 0)</c></example>
    public Tensor Cumsum(int dim) =>
        // Element i feeds every running sum from i on: its gradient is the reversed running sum of g.
        Graph.Record(Reduction.RunScan<CumsumScan>(this, dim), "CumsumBackward0", [this], g => [g.Sum(dim, keepDim: true) - g.Cumsum(dim) + g]);

    /// <summary>Running products along <paramref name="dim"/> (torch.cumprod).</summary>
    public Tensor Cumprod(int dim)
    {
        var result = Reduction.RunScan<CumprodScan>(this, dim);
        return Graph.Record(result, "CumprodBackward0", [this], g => [CumprodGradient(g, dim)], this);
    }

    /// <summary>
    /// d(sum_j g_j·r_j)/dx_i = P_(i-1) · S_i, with P the exclusive running product and
    /// S_i = g_i + x_(i+1)·S_(i+1): no division, so zeros are handled exactly.
    /// </summary>
    private Tensor CumprodGradient(Tensor g, int dim)
    {
        if (Rank == 0) return g;
        int d = Dims.Wrap(dim, Rank);
        long n = Shape.Sizes[d];
        if (n == 0) return g;
        var s = new Tensor[n];
        s[n - 1] = g.Narrow(d, n - 1, 1);
        for (long i = n - 2; i >= 0; i--) s[i] = g.Narrow(d, i, 1) + Narrow(d, i + 1, 1) * s[i + 1];
        var exclusive = Cat([OnesLike(Narrow(d, 0, 1)), Narrow(d, 0, n - 1).Cumprod(d)], d);
        return exclusive * Cat(s, d);
    }

    /// <summary>The sum with NaN treated as zero (torch.nansum).</summary>
    public Tensor NanSum() => Where(IsNan(this), 0L, this).Sum();

    /// <summary>The sum over <paramref name="dim"/> with NaN treated as zero (torch.nansum(dim)).</summary>
    public Tensor NanSum(int dim, bool keepDim = false) => Where(IsNan(this), 0L, this).Sum(dim, keepDim);

    /// <summary>The mean of the non-NaN elements (torch.nanmean).</summary>
    public Tensor NanMean()
    {
        RequireNanMeanFloating();
        return NanSum() / (!IsNan(this)).Sum();
    }

    /// <summary>The mean of the non-NaN elements along <paramref name="dim"/> (torch.nanmean(dim)).</summary>
    public Tensor NanMean(int dim, bool keepDim = false)
    {
        RequireNanMeanFloating();
        return NanSum(dim, keepDim) / (!IsNan(this)).Sum(dim, keepDim);
    }

    private void RequireNanMeanFloating()
    {
        if (!DType.IsFloatingPoint)
            throw new ArgumentException($"nanmean(): expected input to have floating point dtype but got {DType.ScalarTypeName()}");
    }

    private void RequireFloating(string name)
    {
        if (!DType.IsFloatingPoint)
            throw new ArgumentException(
                $"{name}(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: {DType.ScalarTypeName()}");
    }
}
