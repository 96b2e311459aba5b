using System.Globalization;

namespace Nabla;

// Random tensors (https://pytorch.org/docs/stable/torch.html#random-sampling). Every function takes
// an optional Generator last; without one it draws from Generator.Default (reseeded by ManualSeed).
// The numbers depend only on the generator's seed and position, never on the thread count.
public sealed partial class Tensor
{
    /// <summary>Reseeds the default generator and rewinds it (torch.manual_seed); returns it.</summary>
    /// <example><c>Tensor.ManualSeed(42);</c> then <c>Tensor.Randn(3)</c> gives the same numbers on every run.</example>
    public static Generator ManualSeed(ulong seed) => Generator.Default.ManualSeed(seed);

    /// <summary>Uniform values in [0, 1) (torch.rand), Float32.</summary>
    /// <example><c>Tensor u = Tensor.Rand(3, 4);</c></example>
    public static Tensor Rand(params ReadOnlySpan<long> shape) => Rand(shape, DTypes.DefaultFloat);

    /// <summary>
    /// Uniform values in [0, 1) of the given floating dtype (torch.rand): each Float32 value is a
    /// multiple of 2⁻²⁴ (24 random bits, the full mantissa), each Float64 value a multiple of 2⁻⁵³.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="dtype"/> is not floating, or a size is negative.</exception>
    /// <example><c>Tensor.Rand([2, 3], DType.Float64, generator: new Generator(seed: 1))</c></example>
    public static Tensor Rand(ReadOnlySpan<long> shape, DType dtype = DTypes.DefaultFloat, bool requiresGrad = false, Generator? generator = null)
    {
        RequireFloating(dtype, "check_uniform_bounds");
        var result = Allocate(new Shape(shape), dtype, uninitialized: true);
        RandomKernels.FillUniform(result, 0, 1, generator ?? Generator.Default);
        return result.Requiring(requiresGrad);
    }

    /// <summary>Uniform values in [0, 1) with the shape of <paramref name="like"/> and its dtype unless given (torch.rand_like).</summary>
    /// <exception cref="ArgumentException">The dtype is not floating.</exception>
    /// <example><c>Tensor.RandLike(Tensor.Zeros(2, 3))</c></example>
    public static Tensor RandLike(Tensor like, DType? dtype = null, Generator? generator = null) => Rand(NotNull(like).Shape.Sizes, dtype ?? like.DType, generator: generator);

    /// <summary>Standard normal values (torch.randn), Float32.</summary>
    /// <example><c>Tensor n = Tensor.Randn(3, 4);</c></example>
    public static Tensor Randn(params ReadOnlySpan<long> shape) => Randn(shape, DTypes.DefaultFloat);

    /// <summary>
    /// Standard normal values of the given floating dtype (torch.randn), by the Box–Muller
    /// transform, vectorised and split over cores for large tensors.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="dtype"/> is not floating, or a size is negative.</exception>
    /// <example><c>Tensor s0 = Tensor.Randn([], DType.Float32, requiresGrad: true);</c> (a 0-d random scalar); <c>Tensor.Randn([3], DType.Float64, requiresGrad: true)</c></example>
    public static Tensor Randn(ReadOnlySpan<long> shape, DType dtype = DTypes.DefaultFloat, bool requiresGrad = false, Generator? generator = null)
    {
        RequireFloating(dtype, "normal_kernel_cpu");
        var result = Allocate(new Shape(shape), dtype, uninitialized: true);
        RandomKernels.FillNormal(result, 0, 1, generator ?? Generator.Default);
        return result.Requiring(requiresGrad);
    }

    /// <summary>Standard normal values with the shape of <paramref name="like"/> and its dtype unless given (torch.randn_like).</summary>
    /// <exception cref="ArgumentException">The dtype is not floating.</exception>
    /// <example><c>Tensor.RandnLike(Tensor.Zeros([4], DType.Float64))</c></example>
    public static Tensor RandnLike(Tensor like, DType? dtype = null, Generator? generator = null) => Randn(NotNull(like).Shape.Sizes, dtype ?? like.DType, generator: generator);

    /// <summary>Uniform integers in [<paramref name="low"/>, <paramref name="high"/>) (torch.randint); Int64 unless <paramref name="dtype"/> says otherwise.</summary>
    /// <exception cref="ArgumentException"><paramref name="low"/> ≥ <paramref name="high"/> ("random_ expects 'from' to be less than 'to'"), or the range does not fit <paramref name="dtype"/>.</exception>
    /// <example><c>Tensor i1 = Tensor.Randint(0, 10, [3, 4]);</c></example>
    public static Tensor Randint(long low, long high, ReadOnlySpan<long> shape, DType dtype = DTypes.DefaultInt, Generator? generator = null)
    {
        if (low >= high)
            throw new ArgumentException($"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}");
        CheckIntegerRange(low, high, dtype);
        var target = new Shape(shape);
        var values = Samplers.Randint(target.Numel, low, high, generator ?? Generator.Default);
        return From<long>(values, target.Sizes).To(dtype);
    }

    /// <summary>Uniform integers in [0, <paramref name="high"/>) (torch.randint(high, size)); Int64 unless <paramref name="dtype"/> says otherwise.</summary>
    /// <exception cref="ArgumentException"><paramref name="high"/> ≤ 0, or the range does not fit <paramref name="dtype"/>.</exception>
    /// <example><c>Tensor.Randint(6, [10])</c>: ten die rolls, 0 to 5.</example>
    public static Tensor Randint(long high, ReadOnlySpan<long> shape, DType dtype = DTypes.DefaultInt, Generator? generator = null) =>
        Randint(0, high, shape, dtype, generator);

    /// <summary>A random permutation of 0, 1, …, n - 1 (torch.randperm); Int64 unless <paramref name="dtype"/> says otherwise.</summary>
    /// <exception cref="ArgumentException"><paramref name="n"/> is negative, <paramref name="dtype"/> is Bool, or n - 1 does not fit <paramref name="dtype"/>.</exception>
    /// <example><c>Tensor.RandPerm(5)</c> might be <c>[3, 0, 4, 1, 2]</c>.</example>
    public static Tensor RandPerm(long n, DType dtype = DTypes.DefaultInt, Generator? generator = null)
    {
        var shape = new Shape(n);
        if (dtype == DType.Bool) throw new ArgumentException("\"randperm\" not implemented for 'Bool'");
        if ((dtype == DType.UInt8 && n > 256) || (dtype == DType.Int32 && n - 1 > int.MaxValue) || (dtype == DType.Float32 && n > (1L << 24)))
            throw new ArgumentException($"value cannot be converted to type {(dtype == DType.UInt8 ? "uint8_t" : CTypeName(dtype))} without overflow");
        return From<long>(Samplers.Permutation(n, generator ?? Generator.Default), shape.Sizes).To(dtype);
    }

    /// <summary>
    /// 0 or 1 for each element, 1 with the probability that element holds (torch.bernoulli); the
    /// result has the shape and dtype of <paramref name="probs"/> and does not require grad.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="probs"/> is not floating, or holds a value outside [0, 1] (or NaN).</exception>
    /// <example><c>Tensor.Bernoulli(Tensor.Full([10], 0.3))</c></example>
    public static Tensor Bernoulli(Tensor probs, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(probs);
        RequireFloating(probs.DType, "bernoulli_tensor_cpu_p_");
        var p = probs.Detach().ToArray<double>();
        foreach (double value in p)
            if (!(value >= 0 && value <= 1))
                throw new ArgumentException("Expected p_in >= 0 && p_in <= 1 to be true, but got false.");
        return From<double>(Samplers.Bernoulli(p, generator ?? Generator.Default), probs.Shape.Sizes).To(probs.DType);
    }

    /// <summary>
    /// <paramref name="numSamples"/> category indices drawn from each row of <paramref name="probs"/>
    /// (torch.multinomial): 1-D probs give shape [numSamples], 2-D [rows, numSamples], Int64. Rows
    /// are relative weights (they need not sum to 1). Without replacement each row's indices are
    /// distinct (weighted sampling by an exponential race, as PyTorch).
    /// </summary>
    /// <exception cref="ArgumentException">probs is not floating, not 1-D or 2-D, has a negative, infinite or NaN
    /// entry or a row summing to 0; <paramref name="numSamples"/> ≤ 0; more samples than categories without
    /// replacement; more than 2²⁴ categories. Messages are PyTorch's.</exception>
    /// <example><c>Tensor.Multinomial(Tensor.Ones(6) / 6, 10, replacement: true)</c>: ten die rolls.</example>
    public static Tensor Multinomial(Tensor probs, long numSamples, bool replacement = false, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(probs);
        if (!probs.DType.IsFloatingPoint)
            throw new ArgumentException($"multinomial only supports floating-point dtypes for input, got: {probs.DType.ScalarTypeName()}");
        if (numSamples <= 0) throw new ArgumentException("cannot sample n_sample <= 0 samples");
        if (probs.Rank is not (1 or 2)) throw new ArgumentException("prob_dist must be 1 or 2 dim");
        long categories = probs.Shape[-1], rows = probs.Rank == 2 ? probs.Shape[0] : 1;
        if (!replacement && numSamples > categories)
            throw new ArgumentException("cannot sample n_sample > prob_dist.size(-1) samples without replacement");
        if (categories > 1 << 24) throw new ArgumentException("number of categories cannot exceed 2^24");
        long[] outputShape = probs.Rank == 2 ? [rows, numSamples] : [numSamples];
        _ = new Shape(outputShape);
        var p = probs.Detach().ToArray<double>();
        for (long r = 0; r < rows; r++)
        {
            double sum = 0;
            for (long c = 0; c < categories; c++)
            {
                double v = p[r * categories + c];
                if (!double.IsFinite(v) || v < 0) throw new ArgumentException("probability tensor contains either `inf`, `nan` or element < 0");
                sum += v;
            }
            if (!(sum > 0)) throw new ArgumentException("invalid multinomial distribution (sum of probabilities <= 0)");
        }
        var samples = Samplers.Categorical(p, (int)rows, (int)categories, (int)numSamples, replacement, generator ?? Generator.Default);
        return From<long>(samples, outputShape);
    }

    /// <summary>
    /// Normal values with elementwise means and standard deviations (torch.normal(mean, std)):
    /// the shapes broadcast; C# numbers work on either side. The result does not require grad
    /// (use <c>mean + std * Tensor.Randn(...)</c> to differentiate through a sample).
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast, an operand is not floating, or a std is negative or NaN.</exception>
    /// <example><c>Tensor.Normal(Tensor.Zeros(3), Tensor.From(new[] { 1f, 2f, 3f }))</c></example>
    public static Tensor Normal(Tensor mean, Tensor std, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        var dtype = !mean.IsWrappedNumber ? mean.DType : !std.IsWrappedNumber ? std.DType : DTypes.DefaultFloat;
        if (!mean.IsWrappedNumber && !std.IsWrappedNumber) RequireFloating(std.DType, "normal_kernel_cpu");
        RequireFloating(dtype, "normal_kernel_cpu");
        var shape = Layout.Broadcast(mean.Shape, std.Shape);
        foreach (double s in std.Detach().ToArray<double>())
            if (!(s >= 0)) throw new ArgumentException("normal expects all elements of std >= 0.0");
        using (Autograd.NoGrad())
        {
            var noise = Randn(shape.Sizes, dtype, generator: generator);
            return (noise * std.Detach() + mean.Detach()).To(dtype);
        }
    }

    /// <summary>Normal values of mean <paramref name="mean"/> and standard deviation <paramref name="std"/> in the given shape (torch.normal(mean, std, size)).</summary>
    /// <exception cref="ArgumentException"><paramref name="std"/> is negative or NaN, or <paramref name="dtype"/> is not floating.</exception>
    /// <example><c>Tensor.Normal(10.0, 2.0, [1000])</c></example>
    public static Tensor Normal(double mean, double std, ReadOnlySpan<long> shape, DType dtype = DTypes.DefaultFloat, bool requiresGrad = false, Generator? generator = null)
    {
        RequireFloating(dtype, "normal_kernel_cpu");
        CheckStd(std);
        var result = Allocate(new Shape(shape), dtype, uninitialized: true);
        RandomKernels.FillNormal(result, mean, std, generator ?? Generator.Default);
        return result.Requiring(requiresGrad);
    }

    /// <summary>Poisson counts with the given rates (torch.poisson): same shape and dtype as <paramref name="rates"/>, no gradient.</summary>
    /// <exception cref="ArgumentException"><paramref name="rates"/> is not floating or has a negative entry.</exception>
    /// <example><c>Tensor.Poisson(Tensor.Full([5], 3.0))</c></example>
    public static Tensor Poisson(Tensor rates, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(rates);
        RequireFloating(rates.DType, "poisson_cpu");
        var values = rates.Detach().ToArray<double>();
        foreach (double v in values)
            if (v < 0) throw new ArgumentException("invalid Poisson rate, expected rate to be non-negative");
        return From<double>(Samplers.Poisson(values, generator ?? Generator.Default), rates.Shape.Sizes).To(rates.DType);
    }

    /// <summary>Overwrites every element with a uniform value in [<paramref name="from"/>, <paramref name="to"/>) (torch.Tensor.uniform_); returns this tensor.</summary>
    /// <exception cref="ArgumentException">The dtype is not floating; from &gt; to; a bound is not finite or does not fit the dtype.</exception>
    /// <exception cref="InvalidOperationException">This is a leaf that requires grad (outside <see cref="Autograd.NoGrad"/>), or an expanded view.</exception>
    /// <example><c>Tensor.Empty(3, 4).FillUniform(-1, 1)</c></example>
    public Tensor FillUniform(double from = 0, double to = 1, Generator? generator = null)
    {
        RequireFloating(DType, "check_uniform_bounds");
        string type = CTypeName(DType);
        double max = DType == DType.Float32 ? float.MaxValue : double.MaxValue;
        if (!(Math.Abs(from) <= max)) throw new ArgumentException($"from is out of bounds for {type}");
        if (!(Math.Abs(to) <= max)) throw new ArgumentException($"to is out of bounds for {type}");
        if (from > to) throw new ArgumentException($"uniform_ expects to return a [from, to) range, but found from={Format(from)} > to={Format(to)}");
        if (!(to - from <= max))
            throw new ArgumentException($"uniform_ expects to-from <= std::numeric_limits<{DType.ScalarTypeName()}>::max(), but found to={Format(to)} and from={Format(from)} which result in to-from to exceed the limit");
        BeginWrite();
        FillInPlace(t => RandomKernels.FillUniform(t, from, to, generator ?? Generator.Default));
        return this;
    }

    /// <summary>Overwrites every element with a normal value of the given mean and standard deviation (torch.Tensor.normal_); returns this tensor.</summary>
    /// <exception cref="ArgumentException">The dtype is not floating, or <paramref name="std"/> is negative or NaN.</exception>
    /// <exception cref="InvalidOperationException">This is a leaf that requires grad (outside <see cref="Autograd.NoGrad"/>), or an expanded view.</exception>
    /// <example><c>w.FillNormal(0, 0.01)</c></example>
    public Tensor FillNormal(double mean = 0, double std = 1, Generator? generator = null)
    {
        RequireFloating(DType, "normal_kernel_cpu");
        CheckStd(std);
        BeginWrite();
        FillInPlace(t => RandomKernels.FillNormal(t, mean, std, generator ?? Generator.Default));
        return this;
    }

    /// <summary>Runs a contiguous fill on this tensor directly, or on a temporary copied in when this is a strided view.</summary>
    private void FillInPlace(Action<Tensor> fill)
    {
        if (IsContiguous)
        {
            fill(this);
            return;
        }
        var temporary = Allocate(Shape, DType, uninitialized: true);
        fill(temporary);
        Assign(temporary);
    }

    private static void RequireFloating(DType dtype, string kernel)
    {
        if (!dtype.IsFloatingPoint) throw new ArgumentException($"\"{kernel}\" not implemented for '{dtype.ScalarTypeName()}'");
    }

    private static void CheckStd(double std)
    {
        if (!(std >= 0)) throw new ArgumentException($"normal expects std >= 0.0, but found std {Format(std)}");
    }

    /// <summary>PyTorch's check that [low, high - 1] fits the dtype (floats: exact integers only up to 2^24 or 2^53, not enforced, as PyTorch warns only).</summary>
    private static void CheckIntegerRange(long low, long high, DType dtype)
    {
        (long min, long max) = dtype switch
        {
            DType.Bool => (0L, 1L),
            DType.UInt8 => (0L, 255L),
            DType.Int32 => (int.MinValue, int.MaxValue),
            _ => (long.MinValue, long.MaxValue),
        };
        if (low < min || low > max) throw new ArgumentException($"from is out of bounds for {CTypeName(dtype)}");
        if (high - 1 < min || high - 1 > max) throw new ArgumentException($"to - 1 is out of bounds for {CTypeName(dtype)}");
    }

    /// <summary>The C++ type name PyTorch's range checks print.</summary>
    private static string CTypeName(DType dtype) => dtype switch
    {
        DType.Bool => "bool",
        DType.UInt8 => "unsigned char",
        DType.Int32 => "int",
        DType.Int64 => "long",
        DType.Float32 => "float",
        _ => "double",
    };

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
