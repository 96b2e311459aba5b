namespace Nabla.Tests;

/// <summary>
/// Statistical checks shared by the random tests: each returns whether a sample passes and a
/// description. Thresholds sit far in the tails (about 4σ, p ≈ 3e-5), so a correct sampler with the
/// fixed seeds passes, while the biased samplers in <see cref="RandomTests.ChecksRejectBiasedSamplers"/> fail.
/// </summary>
internal static class Stats
{
    /// <summary>The sample mean is within 5 standard errors of <paramref name="mean"/> and the sample variance within 5 of <paramref name="variance"/> (its standard error from the sample's fourth moment).</summary>
    public static (bool Ok, string Text) Moments(double[] x, double mean, double variance)
    {
        int n = x.Length;
        double m = x.Average(), v = x.Sum(a => (a - m) * (a - m)) / (n - 1), m4 = x.Sum(a => (a - m) * (a - m) * (a - m) * (a - m)) / n;
        double seMean = Math.Sqrt(variance / n), seVar = Math.Sqrt(Math.Max(m4 - v * v, 1e-300) / n);
        bool ok = Math.Abs(m - mean) < 5 * seMean + 1e-12 && Math.Abs(v - variance) < 5 * seVar + 1e-12;
        return (ok, $"mean {m} (expected {mean} ± {seMean}), variance {v} (expected {variance} ± {seVar})");
    }

    /// <summary>Pearson's chi-square of <paramref name="counts"/> against <paramref name="probs"/> (cells expecting fewer than 5 are pooled) below the 4σ Wilson–Hilferty quantile.</summary>
    public static (bool Ok, string Text) ChiSquare(double[] counts, double[] probs)
    {
        double n = counts.Sum(), chi = 0, pooledCount = 0, pooledExpected = 0;
        int cells = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            double e = probs[i] * n;
            if (e < 5)
            {
                pooledCount += counts[i];
                pooledExpected += e;
                continue;
            }
            chi += (counts[i] - e) * (counts[i] - e) / e;
            cells++;
        }
        // Mass outside the listed cells (an infinite support's tail) joins the pooled cell.
        pooledExpected += Math.Max(0, n - probs.Sum() * n);
        if (pooledExpected >= 5)
        {
            chi += (pooledCount - pooledExpected) * (pooledCount - pooledExpected) / pooledExpected;
            cells++;
        }
        else if (pooledCount > 20) return (false, $"{pooledCount} samples in cells expecting {pooledExpected}");
        int dof = cells - 1;
        double critical = dof * Math.Pow(1 - 2.0 / (9 * dof) + 4.0 * Math.Sqrt(2.0 / (9 * dof)), 3);
        return (chi < critical, $"chi-square {chi:F1} with {dof} degrees of freedom (critical {critical:F1})");
    }

    /// <summary>Histogram of integer-valued samples over 0..bins-1 (larger values in the last cell).</summary>
    public static double[] Histogram(double[] x, int bins)
    {
        var counts = new double[bins];
        foreach (double v in x) counts[(int)Math.Clamp(v, 0, bins - 1)]++;
        return counts;
    }

    /// <summary>The Kolmogorov–Smirnov distance to <paramref name="cdf"/> below its p = 1e-5 critical value 2.47/√n.</summary>
    public static (bool Ok, string Text) KolmogorovSmirnov(double[] x, Func<double, double> cdf)
    {
        var sorted = (double[])x.Clone();
        Array.Sort(sorted);
        int n = sorted.Length;
        double d = 0;
        for (int i = 0; i < n; i++)
        {
            double f = cdf(sorted[i]);
            d = Math.Max(d, Math.Max(f - (double)i / n, (double)(i + 1) / n - f));
        }
        double critical = 2.47 / Math.Sqrt(n);
        return (d < critical, $"KS distance {d:E3} (critical {critical:E3})");
    }

    /// <summary>Standard normal CDF.</summary>
    public static double NormalCdf(double z) => 0.5 * (1 + Special.Erf(z / Math.Sqrt(2)));

    /// <summary>A normal sample binned into 40 equiprobable cells, chi-square tested.</summary>
    public static (bool Ok, string Text) NormalChiSquare(double[] x, double mean = 0, double std = 1)
    {
        const int Bins = 40;
        var counts = new double[Bins];
        foreach (double v in x) counts[Math.Clamp((int)(NormalCdf((v - mean) / std) * Bins), 0, Bins - 1)]++;
        return ChiSquare(counts, Enumerable.Repeat(1.0 / Bins, Bins).ToArray());
    }

    public static void Pass((bool Ok, string Text) check, string what) => Assert.True(check.Ok, $"{what}: {check.Text}");
}

/// <summary>
/// Random tensors: reproducibility (same seed, same numbers, for 1, 2 and 4 threads; prefixes of
/// larger draws; the documented bit layout), generator state, statistical quality (moments,
/// chi-square, Kolmogorov–Smirnov), and every error with PyTorch's message.
/// </summary>
public class RandomTests
{
    private static void WithThreads(int threads, Action action)
    {
        int saved = RandomKernels.MaxThreads;
        RandomKernels.MaxThreads = threads;
        try { action(); }
        finally { RandomKernels.MaxThreads = saved; }
    }

    private static Func<Generator, Tensor>[] Draws(long n) =>
    [
        g => Tensor.Rand([n], generator: g),
        g => Tensor.Rand([n], DType.Float64, generator: g),
        g => Tensor.Randn([n], generator: g),
        g => Tensor.Randn([n], DType.Float64, generator: g),
        g => Tensor.Randint(-5, 1000, [n], generator: g),
        g => Tensor.Bernoulli(Tensor.Full([n], 0.3), g),
        g => Tensor.Poisson(Tensor.Full([n], 12.0), g),
        g => new Distributions.Gamma(Tensor.Full([n], 0.7), 1.0).Sample([], g),
        g => new Distributions.Binomial(40, probs: Tensor.Full([n], 0.4)).Sample([], g),
        g => Tensor.Multinomial(Tensor.Ones(n / 1000, 7), 1000, replacement: true, g),
    ];

    [Fact]
    public void SameSeedGivesSameNumbersForAnyThreadCount()
    {
        const long N = 100_003;  // several parallel chunks and a partial last block
        foreach (var draw in Draws(N))
        {
            double[] one = [], two = [], four = [];
            WithThreads(1, () => one = draw(new Generator(seed: 5)).ToArray<double>());
            WithThreads(2, () => two = draw(new Generator(seed: 5)).ToArray<double>());
            WithThreads(4, () => four = draw(new Generator(seed: 5)).ToArray<double>());
            Assert.Equal(one, two);
            Assert.Equal(one, four);
            Assert.NotEqual(one, draw(new Generator(seed: 6)).ToArray<double>());
        }
    }

    [Fact]
    public void Vector512AndPortablePathsGiveTheSameBits()
    {
        bool saved = SingleNormals.UseVector512;
        try
        {
            SingleNormals.UseVector512 = false;
            var portable = Tensor.Normal(1.0, 2.0, [100_003], generator: new Generator(seed: 5)).ToArray<float>();
            SingleNormals.UseVector512 = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated;
            Assert.Equal(portable, Tensor.Normal(1.0, 2.0, [100_003], generator: new Generator(seed: 5)).ToArray<float>());
        }
        finally { SingleNormals.UseVector512 = saved; }
    }

    [Fact]
    public void ElementsDependOnlyOnSeedOffsetAndIndex()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var longer = Tensor.Randn([1000], dtype, generator: new Generator(3)).ToArray<double>();
            var shorter = Tensor.Randn([37], dtype, generator: new Generator(3)).ToArray<double>();
            Assert.Equal(longer[..37], shorter);
            var uniform = Tensor.Rand([1001], dtype, generator: new Generator(3)).ToArray<double>();
            Assert.Equal(uniform[..5], Tensor.Rand([5], dtype, generator: new Generator(3)).ToArray<double>());
        }
    }

    /// <summary>Float32 uniform i is the top 24 bits of 32-bit half i % 2 of SplitMix64 word i / 2; Float64 uniform i the top 53 bits of word i.</summary>
    [Fact]
    public void UniformsFollowTheDocumentedBitLayout()
    {
        var gen = new Generator(seed: 123);
        var stream = new Generator(seed: 123).Reserve(0);
        var singles = Tensor.Rand([9], generator: gen).ToArray<float>();
        for (int i = 0; i < 9; i++)
        {
            uint half = (uint)(stream.Word((ulong)i / 2) >> (32 * (i % 2)));
            Assert.Equal((half >> 8) * (1f / (1 << 24)), singles[i]);
        }
        var doubles = Tensor.Rand([5], DType.Float64, generator: gen).ToArray<double>();
        var next = new RandomStream(stream.Key, 5);  // the float draw used ceil(9 / 2) = 5 words
        for (int i = 0; i < 5; i++) Assert.Equal((next.Word((ulong)i) >> 11) * (1.0 / (1UL << 53)), doubles[i]);
    }

    [Fact]
    public void StateRoundTripsAndSeedsRewind()
    {
        var gen = new Generator(seed: 7);
        Assert.Equal(7UL, gen.InitialSeed);
        _ = Tensor.Randn([10], generator: gen);
        var saved = gen.GetState();
        Assert.Equal(new GeneratorState(7, 16), saved);  // a Float32 normal block of 32 uses 16 words
        var a = Tensor.Rand([100], DType.Float64, generator: gen).ToArray<double>();
        Assert.Equal(116UL, gen.Offset);
        gen.SetState(saved);
        Assert.Equal(a, Tensor.Rand([100], DType.Float64, generator: gen).ToArray<double>());
        gen.ManualSeed(7);
        Assert.Equal(0UL, gen.Offset);
        var other = new Generator(seed: 8);
        other.SetState(new GeneratorState(7, 16));
        Assert.Equal(a, Tensor.Rand([100], DType.Float64, generator: other).ToArray<double>());
        Assert.Equal(Generator.DefaultSeed, new Generator().InitialSeed);
        Assert.Equal("Generator(seed=8, offset=0)", new Generator(8).ToString());
    }

    [Fact]
    public void ConsecutiveDrawsDiffer()
    {
        var gen = new Generator(seed: 1);
        Assert.NotEqual(Tensor.Randn([8], generator: gen).ToArray<float>(), Tensor.Randn([8], generator: gen).ToArray<float>());
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void UniformValuesAreUniform(DType dtype)
    {
        var x = Tensor.Rand([500_000], dtype, generator: new Generator(21)).ToArray<double>();
        Assert.All(x, v => Assert.True(v >= 0 && v < 1));
        Stats.Pass(Stats.Moments(x, 0.5, 1.0 / 12), "moments");
        Stats.Pass(Stats.ChiSquare(Stats.Histogram(x.Select(v => v * 200).ToArray(), 200), Enumerable.Repeat(1.0 / 200, 200).ToArray()), "histogram");
        // The low bits are random too: the 2^-20 digit of Float32 values, the 2^-40 digit of Float64 ones.
        double scale = dtype == DType.Float32 ? 1 << 20 : 1L << 40;
        Stats.Pass(Stats.ChiSquare(Stats.Histogram(x.Select(v => Math.Floor(v * scale) % 2).ToArray(), 2), [0.5, 0.5]), "low bits");
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void NormalValuesAreNormal(DType dtype)
    {
        var x = Tensor.Randn([500_000], dtype, generator: new Generator(22)).ToArray<double>();
        Stats.Pass(Stats.Moments(x, 0, 1), "moments");
        Stats.Pass(Stats.NormalChiSquare(x), "equiprobable bins");
        // Tails: P(|z| > 3) = 0.0026998; the count is binomial.
        double tail = x.Count(v => Math.Abs(v) > 3), expected = 0.0026998 * x.Length;
        Assert.True(Math.Abs(tail - expected) < 5 * Math.Sqrt(expected), $"{tail} beyond 3σ, expected {expected}");
        // Pairs from one Box–Muller draw must be independent: no correlation between elements i and i + 16 (Float64) or i + 16 (Float32).
        double r = 0;
        for (int b = 0; b + 32 <= x.Length; b += 32)
            for (int p = 0; p < 16; p++) r += x[b + p] * x[b + p + 16];
        r /= x.Length / 2.0;
        Assert.True(Math.Abs(r) < 5 / Math.Sqrt(x.Length / 2.0), $"correlation {r}");
    }

    [Fact]
    public void NormalWithMeanAndStd()
    {
        var x = Tensor.Normal(10.0, 2.0, [200_000], DType.Float64, generator: new Generator(3)).ToArray<double>();
        Stats.Pass(Stats.Moments(x, 10, 4), "Normal(10, 2)");
        var m = Tensor.From(new[] { 0f, 100f });
        var s = Tensor.From(new[] { 1f, 0f });
        var y = Tensor.Normal(m, s.Unsqueeze(1), new Generator(4));
        Assert.Equal([2, 2], y.Shape.ToArray());
        Assert.Equal(100f, y[1, 1].Item<float>());
        Assert.Equal(DType.Float64, Tensor.Normal(0.0, Tensor.Ones([3], DType.Float64)).DType);  // torch.normal(0.0, float64 std) is float64
        var filled = Tensor.Zeros(300_000).FillNormal(-1, 0.5, new Generator(5)).ToArray<float>().Select(v => (double)v).ToArray();
        Stats.Pass(Stats.Moments(filled, -1, 0.25), "FillNormal");
        var uniform = Tensor.Zeros([300_000], DType.Float64).FillUniform(-2, 6, new Generator(6)).ToArray<double>();
        Stats.Pass(Stats.Moments(uniform, 2, 64.0 / 12), "FillUniform");
        Assert.All(uniform, v => Assert.True(v >= -2 && v < 6));
    }

    [Fact]
    public void IntegersPermutationsAndBernoulliAreUniform()
    {
        var die = Tensor.Randint(1, 7, [600_000], generator: new Generator(8));
        Assert.Equal(DType.Int64, die.DType);
        var faces = die.ToArray<long>().Select(v => (double)v - 1).ToArray();
        Stats.Pass(Stats.ChiSquare(Stats.Histogram(faces, 6), Enumerable.Repeat(1 / 6.0, 6).ToArray()), "die");
        Assert.Equal(DType.Int32, Tensor.Randint(10, [3], DType.Int32).DType);
        var big = Tensor.Randint(long.MinValue / 2, long.MaxValue / 2, [100_000], generator: new Generator(9)).ToArray<long>();
        Stats.Pass(Stats.ChiSquare(Stats.Histogram(big.Select(v => (double)((v >> 20) & 7)).ToArray(), 8), Enumerable.Repeat(1 / 8.0, 8).ToArray()), "wide range bits");

        var gen = new Generator(10);
        var counts = new double[120];
        for (int i = 0; i < 24_000; i++)
        {
            var p = Tensor.RandPerm(5, generator: gen).ToArray<long>();
            Assert.Equal([0L, 1, 2, 3, 4], p.Order().ToArray());
            counts[Lehmer(p)]++;
        }
        Stats.Pass(Stats.ChiSquare(counts, Enumerable.Repeat(1 / 120.0, 120).ToArray()), "permutations of 5");
        Assert.Equal(DType.Float32, Tensor.RandPerm(4, DType.Float32).DType);

        var coins = Tensor.Bernoulli(Tensor.Full([400_000], 0.3), new Generator(11));
        Assert.Equal(DType.Float32, coins.DType);
        Stats.Pass(Stats.ChiSquare(Stats.Histogram(coins.ToArray<double>(), 2), [0.7, 0.3]), "Bernoulli(0.3)");
        Assert.Equal([0.0, 1.0], Tensor.Bernoulli(Tensor.From(new[] { 0.0, 1.0 })).ToArray<double>());
    }

    private static int Lehmer(long[] p)
    {
        int code = 0;
        for (int i = 0; i < p.Length; i++) code = code * (p.Length - i) + p.Skip(i + 1).Count(v => v < p[i]);
        return code;
    }

    [Fact]
    public void MultinomialDrawsMatchTheirProbabilities()
    {
        var probs = Tensor.From(new[] { 0.1, 0.2, 0.3, 0.4 });
        var with = Tensor.Multinomial(probs * 7, 400_000, replacement: true, new Generator(12)).ToArray<long>();
        Stats.Pass(Stats.ChiSquare(Stats.Histogram(with.Select(v => (double)v).ToArray(), 4), [0.1, 0.2, 0.3, 0.4]), "with replacement");

        // Without replacement: ordered pairs (i, j) have probability p_i · p_j / (1 - p_i).
        var rows = Tensor.Multinomial(probs.Unsqueeze(0).Expand(60_000, 4).Contiguous(), 2, replacement: false, new Generator(13)).ToArray<long>();
        var p = probs.ToArray<double>();
        var pairs = new double[16];
        var expected = new double[16];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                expected[i * 4 + j] = i == j ? 0 : p[i] * p[j] / (1 - p[i]);
        for (int r = 0; r < 60_000; r++)
        {
            Assert.NotEqual(rows[2 * r], rows[2 * r + 1]);
            pairs[rows[2 * r] * 4 + rows[2 * r + 1]]++;
        }
        Stats.Pass(Stats.ChiSquare(pairs, expected), "ordered pairs without replacement");

        // Zero-probability categories come last without replacement and never with it, as PyTorch.
        Assert.Equal([0L, 1L], Tensor.Multinomial(Tensor.From(new[] { 1f, 0f, 0f }), 2).ToArray<long>());
        Assert.All(Tensor.Multinomial(Tensor.From(new[] { 0f, 1f, 0f }), 100, replacement: true).ToArray<long>(), v => Assert.Equal(1L, v));
        Assert.Equal([3, 5], Tensor.Multinomial(Tensor.Ones(3, 4), 5, replacement: true).Shape.ToArray());
    }

    [Fact]
    public void ChecksRejectBiasedSamplers()
    {
        // A normal sampler 2% too wide, one shifted by 0.03σ, and one whose radius uses only 8 random bits.
        var z = Tensor.Randn([200_000], DType.Float64, generator: new Generator(30)).ToArray<double>();
        Assert.True(Stats.Moments(z, 0, 1).Ok && Stats.NormalChiSquare(z).Ok);
        Assert.False(Stats.Moments(z.Select(v => 1.02 * v).ToArray(), 0, 1).Ok);
        Assert.False(Stats.NormalChiSquare(z.Select(v => v + 0.03).ToArray()).Ok);
        var u = Tensor.Rand([200_000, 2], DType.Float64, generator: new Generator(31)).ToArray<double>();
        var coarse = new double[200_000];
        for (int i = 0; i < coarse.Length; i++)
        {
            double u1 = (Math.Floor(u[2 * i] * 256) + 1) / 256;  // 8-bit radius: no tail beyond 3.33σ
            coarse[i] = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u[2 * i + 1]);
        }
        Assert.False(Stats.NormalChiSquare(coarse).Ok);
        // A die that favours one face by 1%, and integers taken modulo a non-power of two from 8 bits.
        var faces = Tensor.Multinomial(Tensor.From(new[] { 0.1767, 0.1647, 0.1647, 0.1647, 0.1646, 0.1646 }), 600_000, true, new Generator(32));
        Assert.False(Stats.ChiSquare(Stats.Histogram(faces.ToArray<long>().Select(v => (double)v).ToArray(), 6), Enumerable.Repeat(1 / 6.0, 6).ToArray()).Ok);
        var modulo = Tensor.Randint(0, 256, [600_000], generator: new Generator(33)).ToArray<long>().Select(v => (double)(v % 6)).ToArray();
        Assert.False(Stats.ChiSquare(Stats.Histogram(modulo, 6), Enumerable.Repeat(1 / 6.0, 6).ToArray()).Ok);
        // A uniform sampler on [0, 1 - 2^-7): its top bin is short of mass.
        var u7 = Tensor.Rand([500_000], generator: new Generator(34)).ToArray<float>().Select(v => Math.Floor(v * 128) / 128 * (127.0 / 128)).ToArray();
        Assert.False(Stats.ChiSquare(Stats.Histogram(u7.Select(v => v * 200).ToArray(), 200), Enumerable.Repeat(1.0 / 200, 200).ToArray()).Ok);
    }

    [Fact]
    public void FillsWriteInPlaceAndBumpTheVersion()
    {
        var x = Tensor.Zeros(4, 5);
        var storage = x.Storage;
        int version = x.Version;
        Assert.Same(x, x.FillUniform(generator: new Generator(1)));
        Assert.Same(storage, x.Storage);
        Assert.True(x.Version > version);
        Assert.Equal(Tensor.Rand([4, 5], generator: new Generator(1)).ToArray<float>(), x.ToArray<float>());
        // A strided view is filled in its own row-major order.
        var y = Tensor.Zeros(5, 4);
        y.T.FillNormal(generator: new Generator(2));
        Assert.Equal(Tensor.Randn([4, 5], generator: new Generator(2)).ToArray<float>(), y.T.ToArray<float>());
        var s0 = Tensor.Randn([], DType.Float32, requiresGrad: true);
        Assert.Equal(0, s0.Rank);
        Assert.True(s0.RequiresGrad && s0.IsLeaf);
        Assert.True(Tensor.Randn([3], DType.Float64, requiresGrad: true).RequiresGrad);
        Assert.Equal([2, 3], Tensor.RandnLike(Tensor.Zeros(2, 3)).Shape.ToArray());
        Assert.Equal(DType.Float64, Tensor.RandLike(Tensor.Zeros([2], DType.Float64)).DType);
        Assert.Equal([0L, 0, 0], Tensor.Poisson(Tensor.Zeros(3)).ToArray<long>());
    }

    [Fact]
    public void ErrorsMatchPyTorch()
    {
        void Throws<TException>(string message, Action action) where TException : Exception =>
            Assert.Equal(message, Assert.Throws<TException>(action).Message);
        Throws<ArgumentException>("\"check_uniform_bounds\" not implemented for 'Long'", () => Tensor.Rand([3], DType.Int64));
        Throws<ArgumentException>("\"normal_kernel_cpu\" not implemented for 'Long'", () => Tensor.Randn([3], DType.Int64));
        Throws<ArgumentException>("Trying to create tensor with negative dimension -1: [-1].", () => Tensor.Rand(-1));
        Throws<ArgumentException>("random_ expects 'from' to be less than 'to', but got from=10 >= to=5", () => Tensor.Randint(10, 5, [3]));
        Throws<ArgumentException>("to - 1 is out of bounds for unsigned char", () => Tensor.Randint(0, 300, [3], DType.UInt8));
        Throws<ArgumentException>("from is out of bounds for unsigned char", () => Tensor.Randint(-1, 10, [3], DType.UInt8));
        Throws<ArgumentException>("to - 1 is out of bounds for bool", () => Tensor.Randint(0, 3, [3], DType.Bool));
        Throws<ArgumentException>("Trying to create tensor with negative dimension -1: [-1].", () => Tensor.RandPerm(-1));
        Throws<ArgumentException>("\"randperm\" not implemented for 'Bool'", () => Tensor.RandPerm(3, DType.Bool));
        Throws<ArgumentException>("value cannot be converted to type uint8_t without overflow", () => Tensor.RandPerm(300, DType.UInt8));
        Throws<ArgumentException>("Expected p_in >= 0 && p_in <= 1 to be true, but got false.", () => Tensor.Bernoulli(Tensor.From(new[] { 0.5f, 1.5f })));
        Throws<ArgumentException>("Expected p_in >= 0 && p_in <= 1 to be true, but got false.", () => Tensor.Bernoulli(Tensor.From(new[] { float.NaN })));
        Throws<ArgumentException>("\"bernoulli_tensor_cpu_p_\" not implemented for 'Long'", () => Tensor.Bernoulli(Tensor.From(new long[] { 1, 0 })));
        Throws<ArgumentException>("cannot sample n_sample > prob_dist.size(-1) samples without replacement", () => Tensor.Multinomial(Tensor.From(new[] { 1f, 0, 0 }), 4));
        Throws<ArgumentException>("probability tensor contains either `inf`, `nan` or element < 0", () => Tensor.Multinomial(Tensor.From(new[] { 1f, -1, 0 }), 1));
        Throws<ArgumentException>("probability tensor contains either `inf`, `nan` or element < 0", () => Tensor.Multinomial(Tensor.From(new[] { 1f, float.NaN }), 1));
        Throws<ArgumentException>("probability tensor contains either `inf`, `nan` or element < 0", () => Tensor.Multinomial(Tensor.From(new[] { 1f, float.PositiveInfinity }), 1));
        Throws<ArgumentException>("invalid multinomial distribution (sum of probabilities <= 0)", () => Tensor.Multinomial(Tensor.Zeros(3), 1));
        Throws<ArgumentException>("invalid multinomial distribution (sum of probabilities <= 0)", () => Tensor.Multinomial(Tensor.From(new[,] { { 1f, 1 }, { 0, 0 } }), 1));
        Throws<ArgumentException>("prob_dist must be 1 or 2 dim", () => Tensor.Multinomial(Tensor.Scalar(1f), 1));
        Throws<ArgumentException>("prob_dist must be 1 or 2 dim", () => Tensor.Multinomial(Tensor.Ones(2, 2, 2), 1));
        Throws<ArgumentException>("cannot sample n_sample <= 0 samples", () => Tensor.Multinomial(Tensor.Ones(3), 0));
        Throws<ArgumentException>("multinomial only supports floating-point dtypes for input, got: Long", () => Tensor.Multinomial(Tensor.Ones([3], DType.Int64), 1));
        Throws<ArgumentException>("number of categories cannot exceed 2^24", () => Tensor.Multinomial(Tensor.Ones((1 << 24) + 1), 1));
        Throws<ArgumentException>("normal expects all elements of std >= 0.0", () => Tensor.Normal(Tensor.Zeros(2), Tensor.From(new[] { 1f, -1f })));
        Throws<ArgumentException>("normal expects std >= 0.0, but found std -1", () => Tensor.Normal(0.0, -1.0, [2]));
        Throws<ArgumentException>("\"normal_kernel_cpu\" not implemented for 'Long'", () => Tensor.Normal(Tensor.Zeros([2], DType.Int64), Tensor.Ones(2)));
        Throws<ArgumentException>("invalid Poisson rate, expected rate to be non-negative", () => Tensor.Poisson(Tensor.From(new[] { -1f })));
        Throws<ArgumentException>("uniform_ expects to return a [from, to) range, but found from=2 > to=1", () => Tensor.Empty(3).FillUniform(2, 1));
        Throws<ArgumentException>("\"check_uniform_bounds\" not implemented for 'Long'", () => Tensor.Zeros([3], DType.Int64).FillUniform());
        Throws<ArgumentException>("from is out of bounds for float", () => Tensor.Empty(3).FillUniform(double.NegativeInfinity, 1));
        Throws<ArgumentException>("to is out of bounds for float", () => Tensor.Empty(3).FillUniform(0, 1e39));
        Throws<ArgumentException>("from is out of bounds for double", () => Tensor.Empty([3], DType.Float64).FillUniform(double.NaN, 1));
        Throws<ArgumentException>("uniform_ expects to-from <= std::numeric_limits<Float>::max(), but found to=3E+38 and from=-3E+38 which result in to-from to exceed the limit",
            () => Tensor.Empty(3).FillUniform(-3e38, 3e38));
        Throws<ArgumentException>("normal expects std >= 0.0, but found std NaN", () => Tensor.Empty(3).FillNormal(0, double.NaN));
        Throws<ArgumentException>("\"normal_kernel_cpu\" not implemented for 'Long'", () => Tensor.Zeros([3], DType.Int64).FillNormal());
        var leaf = Tensor.Zeros([3], DType.Float32, requiresGrad: true);
        Throws<InvalidOperationException>("a leaf Variable that requires grad is being used in an in-place operation.", () => leaf.FillNormal());
        using (Autograd.NoGrad()) leaf.FillNormal();
        Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(1).Expand(3).FillUniform());
        Assert.Throws<ArgumentNullException>(() => Tensor.Bernoulli(null!));
    }
}

/// <summary>The default generator is process-wide, so tests that reseed it run alone.</summary>
[Collection(ProcessWideCounters.Name)]
public class RandomDefaultGeneratorTests
{
    [Fact]
    public void ManualSeedMakesTheDefaultGeneratorReproducible()
    {
        var generator = Tensor.ManualSeed(42);
        Assert.Same(Generator.Default, generator);
        var a = Tensor.Randn(3, 4).ToArray<float>();
        var u = Tensor.Rand(5).ToArray<float>();
        var i = Tensor.Randint(0, 10, [3, 4]).ToArray<long>();
        var d = new Distributions.Normal(0.0, 1.0).Sample(3).ToArray<float>();
        Tensor.ManualSeed(42);
        Assert.Equal(a, Tensor.Randn(3, 4).ToArray<float>());
        Assert.Equal(u, Tensor.Rand(5).ToArray<float>());
        Assert.Equal(i, Tensor.Randint(0, 10, [3, 4]).ToArray<long>());
        Assert.Equal(d, new Distributions.Normal(0.0, 1.0).Sample(3).ToArray<float>());
        Assert.Equal(Tensor.Randn([5], generator: new Generator(42)).ToArray<float>(), Tensor.ManualSeed(42) is { } g ? Tensor.Randn(5).ToArray<float>() : null);
    }

    [Fact]
    public void ConcurrentDrawsGetDisjointRanges()
    {
        Tensor.ManualSeed(1);
        var results = new Tensor[8];
        Parallel.For(0, 8, i => results[i] = Tensor.Rand([1000], DType.Float64));
        Assert.Equal(8000UL, Generator.Default.Offset);
        var all = results.SelectMany(t => t.ToArray<double>()).Order().ToArray();
        Tensor.ManualSeed(1);
        Assert.Equal(Tensor.Rand([8000], DType.Float64).ToArray<double>().Order().ToArray(), all);
    }
}
