namespace Nabla;

/// <summary>
/// Scalar samplers over plain arrays: integers, Bernoulli, permutations, categorical draws, and
/// the rejection samplers (gamma, Poisson, binomial). Element <c>i</c> uses word <c>i</c> of its
/// reserved range, or a <see cref="LocalRandom"/> seeded by it when it needs a variable number of
/// draws, so results do not depend on the thread split.
/// </summary>
internal static class Samplers
{
    /// <summary>Uniform integers in [low, high): the high 64 bits of word × (high - low) (bias below 2⁻³² for ranges under 2³²).</summary>
    public static long[] Randint(long n, long low, long high, Generator generator)
    {
        var stream = generator.Reserve((ulong)n);
        ulong range = (ulong)(high - low);
        var result = new long[n];
        RandomKernels.For(n, (first, count) =>
        {
            for (long i = first; i < first + count; i++)
                result[i] = low + (long)Math.BigMul(stream.Word((ulong)i), range, out _);
        });
        return result;
    }

    /// <summary>1 where a uniform Float64 falls below the probability, else 0.</summary>
    public static double[] Bernoulli(double[] probs, Generator generator)
    {
        var stream = generator.Reserve((ulong)probs.Length);
        var result = new double[probs.Length];
        RandomKernels.For(probs.Length, (first, count) =>
        {
            for (long i = first; i < first + count; i++) result[i] = stream.Double((ulong)i) < probs[i] ? 1 : 0;
        });
        return result;
    }

    /// <summary>A random permutation of 0..n-1 (Fisher–Yates from the top, word i choosing among i + 1 places).</summary>
    public static long[] Permutation(long n, Generator generator)
    {
        var stream = generator.Reserve((ulong)n);
        var result = new long[n];
        for (long i = 0; i < n; i++) result[i] = i;
        for (long i = n - 1; i > 0; i--)
        {
            long j = (long)Math.BigMul(stream.Word((ulong)i), (ulong)(i + 1), out _);
            (result[i], result[j]) = (result[j], result[i]);
        }
        return result;
    }

    /// <summary>
    /// <paramref name="samples"/> category indices per row of <paramref name="probs"/> ([rows, k], checked
    /// non-negative with positive row sums): with replacement by inverse CDF on a uniform (word
    /// row·samples + s); without, the <paramref name="samples"/> largest of p / E with E exponential
    /// (word row·k + c), in decreasing order, as PyTorch's exponential race.
    /// </summary>
    public static long[] Categorical(double[] probs, int rows, int k, int samples, bool replacement, Generator generator)
    {
        var stream = generator.Reserve((ulong)rows * (ulong)(replacement ? samples : k));
        var result = new long[(long)rows * samples];
        RandomKernels.For(rows, (first, count) =>
        {
            var cumulative = new double[k];
            var keys = new double[k];
            var order = new int[k];
            for (long row = first; row < first + count; row++)
            {
                var p = probs.AsSpan((int)(row * k), k);
                if (replacement) WithReplacement(p, cumulative, stream, row, samples, result.AsSpan((int)(row * samples), samples));
                else WithoutReplacement(p, keys, order, stream, row, samples, result.AsSpan((int)(row * samples), samples));
            }
        }, align: 1, minElements: Math.Max(2, (1 << 16) / Math.Max(1, replacement ? samples : k)));
        return result;
    }

    private static void WithReplacement(ReadOnlySpan<double> p, double[] cumulative, RandomStream stream, long row, int samples, Span<long> output)
    {
        double total = 0;
        int lastPositive = 0;
        for (int c = 0; c < p.Length; c++)
        {
            total += p[c];
            cumulative[c] = total;
            if (p[c] > 0) lastPositive = c;
        }
        for (int s = 0; s < samples; s++)
        {
            double u = stream.Double((ulong)(row * samples + s)) * total;
            // The first category whose cumulative sum exceeds u; zero-width categories are never chosen.
            int lo = 0, hi = p.Length - 1;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] > u) hi = mid;
                else lo = mid + 1;
            }
            output[s] = cumulative[lo] > u ? lo : lastPositive;
        }
    }

    private static void WithoutReplacement(ReadOnlySpan<double> p, double[] keys, int[] order, RandomStream stream, long row, int samples, Span<long> output)
    {
        int k = p.Length;
        for (int c = 0; c < k; c++)
        {
            double u = 1.0 - stream.Double((ulong)(row * k + c));  // (0, 1]
            keys[c] = p[c] / -Math.Log(u);
            order[c] = c;
        }
        Array.Sort(order, 0, k, Comparer<int>.Create((a, b) => keys[a] != keys[b] ? keys[b].CompareTo(keys[a]) : a.CompareTo(b)));
        for (int s = 0; s < samples; s++) output[s] = order[s];
    }

    /// <summary>Gamma(α, 1) samples, one per element, each at least <paramref name="tiny"/> (the dtype's smallest normal).</summary>
    public static double[] StandardGamma(double[] alpha, double tiny, Generator generator)
    {
        var stream = generator.Reserve((ulong)alpha.Length);
        var result = new double[alpha.Length];
        RandomKernels.For(alpha.Length, (first, count) =>
        {
            for (long i = first; i < first + count; i++)
            {
                var local = stream.Local((ulong)i);
                result[i] = Math.Max(tiny, StandardGamma(alpha[i], ref local));
            }
        }, align: 1, minElements: 4096);
        return result;
    }

    /// <summary>Marsaglia and Tsang's method; α &lt; 1 draws Gamma(α + 1)·U^(1/α), in logs so that tiny α does not lose the sample to underflow early.</summary>
    public static double StandardGamma(double alpha, ref LocalRandom random)
    {
        if (!(alpha > 0)) return double.NaN;
        if (double.IsPositiveInfinity(alpha)) return double.PositiveInfinity;
        double logBoost = 0;
        if (alpha < 1)
        {
            logBoost = Math.Log(random.NextOpen()) / alpha;
            alpha += 1;
        }
        double d = alpha - 1.0 / 3.0, c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = random.NextNormal();
                v = 1.0 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            double u = random.NextOpen(), x2 = x * x;
            if (u < 1.0 - 0.0331 * x2 * x2 || Math.Log(u) < 0.5 * x2 + d * (1.0 - v + Math.Log(v)))
                return logBoost == 0 ? d * v : Math.Exp(Math.Log(d * v) + logBoost);
        }
    }

    /// <summary>Poisson samples, one per rate.</summary>
    public static double[] Poisson(double[] rate, Generator generator)
    {
        var stream = generator.Reserve((ulong)rate.Length);
        var result = new double[rate.Length];
        RandomKernels.For(rate.Length, (first, count) =>
        {
            for (long i = first; i < first + count; i++)
            {
                var local = stream.Local((ulong)i);
                result[i] = Poisson(rate[i], ref local);
            }
        }, align: 1, minElements: 4096);
        return result;
    }

    /// <summary>Products of uniforms below rate 10; above it Hörmann's transformed rejection with squeeze (PTRS), as PyTorch.</summary>
    public static double Poisson(double lambda, ref LocalRandom random)
    {
        if (double.IsNaN(lambda) || lambda < 0) return double.NaN;
        if (lambda == 0) return 0;
        if (double.IsPositiveInfinity(lambda)) return double.PositiveInfinity;
        if (lambda < 10)
        {
            double limit = Math.Exp(-lambda), product = 1;
            for (long x = 0; ; x++)
            {
                product *= random.NextDouble();
                if (product <= limit) return x;
            }
        }
        double slam = Math.Sqrt(lambda), logLambda = Math.Log(lambda);
        double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
        double invAlpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            double u = random.NextDouble() - 0.5, v = random.NextDouble();
            double us = 0.5 - Math.Abs(u);
            double k = Math.Floor((2 * a / us + b) * u + lambda + 0.43);
            if (us >= 0.07 && v <= vr) return k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (Math.Log(v) + Math.Log(invAlpha) - Math.Log(a / (us * us) + b) <= -lambda + k * logLambda - Special.Lgamma(k + 1))
                return k;
        }
    }

    /// <summary>Binomial samples for element-wise counts and probabilities.</summary>
    public static double[] Binomial(double[] count, double[] prob, Generator generator)
    {
        var stream = generator.Reserve((ulong)count.Length);
        var result = new double[count.Length];
        RandomKernels.For(count.Length, (first, n) =>
        {
            for (long i = first; i < first + n; i++)
            {
                var local = stream.Local((ulong)i);
                result[i] = Binomial(count[i], prob[i], ref local);
            }
        }, align: 1, minElements: 4096);
        return result;
    }

    /// <summary>Inversion when n·min(p, 1-p) &lt; 10, else Hörmann's BTRS, as PyTorch.</summary>
    public static double Binomial(double n, double p, ref LocalRandom random)
    {
        if (double.IsNaN(n) || double.IsNaN(p)) return double.NaN;
        if (n <= 0 || p <= 0) return 0;
        if (p >= 1) return n;
        if (p > 0.5) return n - Binomial(n, 1 - p, ref random);
        double q = 1 - p;
        if (n * p < 10)
        {
            double qn = Math.Exp(n * Special.Log1p(-p)), np = n * p, bound = Math.Min(n, np + 10 * Math.Sqrt(np * q + 1));
            while (true)
            {
                double x = 0, px = qn, u = random.NextDouble();
                bool restart = false;
                while (u > px)
                {
                    x++;
                    if (x > bound)
                    {
                        restart = true;
                        break;
                    }
                    u -= px;
                    px = (n - x + 1) * p * px / (x * q);
                }
                if (!restart) return x;
            }
        }
        double spq = Math.Sqrt(n * p * q), b = 1.15 + 2.53 * spq, a = -0.0873 + 0.0248 * b + 0.01 * p;
        double c = n * p + 0.5, vr = 0.92 - 4.2 / b, alpha = (2.83 + 5.1 / b) * spq, lpq = Math.Log(p / q);
        double m = Math.Floor((n + 1) * p), h = Special.Lgamma(m + 1) + Special.Lgamma(n - m + 1);
        while (true)
        {
            double u = random.NextDouble() - 0.5, v = random.NextDouble();
            double us = 0.5 - Math.Abs(u);
            double k = Math.Floor((2 * a / us + b) * u + c);
            if (k < 0 || k > n) continue;
            if (us >= 0.07 && v <= vr) return k;
            v = Math.Log(v * alpha / (a / (us * us) + b));
            if (v <= h - Special.Lgamma(k + 1) - Special.Lgamma(n - k + 1) + (k - m) * lpq) return k;
        }
    }
}
