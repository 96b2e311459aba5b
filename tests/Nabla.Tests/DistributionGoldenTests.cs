using System.Text.Json;
using Nabla.Distributions;

namespace Nabla.Tests;

/// <summary>
/// Replays the "dist" group of tests/golden/distributions.json (generate_distributions.py, PyTorch
/// 1.13): for each distribution and parameter set (numbers, tensors, broadcasting, Float32 and
/// Float64), the repr, shapes, support, mean, mode, variance, stddev, entropy, log_prob, cdf and
/// icdf; null in the file means PyTorch raises NotImplementedError, which must be NotSupportedException here.
/// </summary>
public class DistributionGoldenTests
{
    private const string File = "distributions";

    public static TheoryData<string> DistCases => Names("dist");

    internal static TheoryData<string> Names(string group)
    {
        var data = new TheoryData<string>();
        foreach (var c in Golden.Cases(File))
            if (c.GetProperty("group").GetString() == group) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(DistCases))]
    public void MatchesPyTorch(string name)
    {
        var c = Golden.Case(File, name);
        var d = Build(c.GetProperty("dist").GetString()!, c.GetProperty("args"));
        Assert.Equal(c.GetProperty("repr").GetString(), d.ToString());
        Assert.Equal(Golden.Shape(c.GetProperty("batch_shape")), d.BatchShape.ToArray());
        Assert.Equal(Golden.Shape(c.GetProperty("event_shape")), d.EventShape.ToArray());
        Assert.Equal(c.GetProperty("support").GetString(), d.Support.ToString());
        double rtol = c.TryGetProperty("rtol", out var r) ? r.GetDouble() : 1e-7;
        Check(c, "mean", () => d.Mean, rtol);
        Check(c, "mode", () => d.Mode, rtol);
        Check(c, "variance", () => d.Variance, rtol);
        Check(c, "stddev", () => d.StdDev, rtol);
        Check(c, "entropy", d.Entropy, rtol);
        if (c.TryGetProperty("value", out var value))
        {
            var x = Golden.Tensor(value);
            Check(c, "log_prob", () => d.LogProb(x), rtol);
            Check(c, "cdf", () => d.Cdf(x), rtol);
        }
        if (c.TryGetProperty("prob", out var prob))
        {
            var p = Golden.Tensor(prob);
            Check(c, "icdf", () => d.Icdf(p), rtol);
        }
    }

    /// <summary>Compares one statistic: float32 results within 1e-5, float64 within <paramref name="rtol"/>; a null golden value must throw NotSupportedException.</summary>
    internal static void Check(JsonElement c, string property, Func<Tensor> compute, double rtol = 1e-7)
    {
        var expected = c.GetProperty(property);
        string context = $"{c.GetProperty("name").GetString()}.{property}";
        if (expected.ValueKind == JsonValueKind.Null)
        {
            Assert.Throws<NotSupportedException>(() => compute());
            return;
        }
        var actual = compute();
        bool single = Golden.DTypeOf(expected.GetProperty("dtype")) == DType.Float32;
        Golden.AssertEqual(expected, actual, rtol: single ? 2e-5 : rtol, atol: single ? 2e-5 : 1e-9, context: context);
    }

    /// <summary>The distribution named <paramref name="dist"/> from the golden "args": Python numbers become weak C# scalars, tensors tensors.</summary>
    internal static Distribution Build(string dist, JsonElement args)
    {
        var a = new Dictionary<string, Tensor>();
        long count = 1;
        foreach (var arg in args.EnumerateArray())
        {
            string name = arg.GetProperty("name").GetString()!;
            if (arg.TryGetProperty("tensor", out var t)) a[name] = Golden.Tensor(t);
            else if (arg.GetProperty("kind").GetString() == "int")
            {
                count = arg.GetProperty("number").GetInt64();
                a[name] = count;
            }
            else a[name] = arg.GetProperty("number").GetDouble();
        }
        Tensor? Get(string key) => a.TryGetValue(key, out var v) ? v : null;
        return dist switch
        {
            "Normal" => new Normal(a["loc"], a["scale"]),
            "Uniform" => new Uniform(a["low"], a["high"]),
            "Exponential" => new Exponential(a["rate"]),
            "Laplace" => new Laplace(a["loc"], a["scale"]),
            "Gamma" => new Gamma(a["concentration"], a["rate"]),
            "Beta" => new Beta(a["concentration1"], a["concentration0"]),
            "Dirichlet" => new Dirichlet(a["concentration"]),
            "MultivariateNormal" => new MultivariateNormal(a["loc"], covarianceMatrix: Get("covariance_matrix"),
                precisionMatrix: Get("precision_matrix"), scaleTril: Get("scale_tril")),
            "Bernoulli" => new Bernoulli(probs: Get("probs"), logits: Get("logits")),
            "Geometric" => new Geometric(probs: Get("probs"), logits: Get("logits")),
            "Poisson" => new Poisson(a["rate"]),
            "Binomial" => new Binomial(a["total_count"], probs: Get("probs"), logits: Get("logits")),
            "Categorical" => new Categorical(probs: Get("probs"), logits: Get("logits")),
            "Multinomial" => new Multinomial(count, probs: Get("probs"), logits: Get("logits")),
            _ => throw new ArgumentException($"unknown distribution {dist}"),
        };
    }
}

/// <summary>The scalar special functions behind the distributions (lgamma, digamma, trigamma, erf, erfc, erfinv, gammainc, gammaincc) against PyTorch in Float64.</summary>
public class DistributionSpecialFunctionTests
{
    public static TheoryData<string> SpecialCases => DistributionGoldenTests.Names("special");

    [Theory]
    [MemberData(nameof(SpecialCases))]
    public void MatchesPyTorch(string name)
    {
        var c = Golden.Case("distributions", name);
        var xs = c.GetProperty("x").EnumerateArray().Select(x => Golden.Tensor(x).ToArray<double>()).ToArray();
        var torch = Golden.Tensor(c.GetProperty("y")).ToArray<double>();
        var exact = Golden.Tensor(c.GetProperty("exact")).ToArray<double>();
        Func<int, double> f = c.GetProperty("fn").GetString() switch
        {
            "lgamma" => i => Special.Lgamma(xs[0][i]),
            "digamma" => i => Special.Digamma(xs[0][i]),
            "trigamma" => i => Special.Trigamma(xs[0][i]),
            "erf" => i => Special.Erf(xs[0][i]),
            "erfc" => i => Special.Erfc(xs[0][i]),
            "erfinv" => i => Special.Erfinv(xs[0][i]),
            "gammainc" => i => Special.GammaP(xs[0][i], xs[1][i]),
            "gammaincc" => i => Special.GammaQ(xs[0][i], xs[1][i]),
            var fn => throw new ArgumentException(fn),
        };
        var failures = new List<string>();
        for (int i = 0; i < exact.Length; i++)
        {
            double got = f(i);
            // Within a few ulps of the 40-digit value, and within 1e-8 of PyTorch (whose own error reaches ~1e-9).
            if (!Close(got, exact[i], 1e-13, 4e-15 * 64) || !Close(got, torch[i], 1e-12, 1e-8))
                failures.Add($"({string.Join(", ", xs.Select(x => x[i]))}): exact {exact[i]:R}, PyTorch {torch[i]:R}, got {got:R}");
        }
        Assert.True(failures.Count == 0, $"{name}:\n{string.Join("\n", failures)}");
    }

    private static bool Close(double got, double want, double atol, double rtol) =>
        double.IsNaN(want) ? double.IsNaN(got) : got == want || Math.Abs(got - want) <= atol + rtol * Math.Abs(want);
}
