using System.Text.Json;

namespace Nabla.Tests;

/// <summary>
/// Replays the "reduction" cases of tests/golden/math.json: every reduction over dtypes, shapes
/// (0-d, empty, 1-D to 3-D), dims (all, int, negative, list) with and without keepDim, strided
/// inputs, Bessel corrections and the numerically delicate cases (softmax of [1000, 1000],
/// logsumexp of -inf rows, argmax ties, NaN).
/// </summary>
public class ReductionTests
{
    public static TheoryData<string> Cases => MathGolden.Names("reduction");

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string name)
    {
        var c = MathGolden.Case(name);
        string op = c.GetProperty("op").GetString()!;
        var x = MathGolden.AsTensor(MathGolden.Operands(c)[0]);
        var args = c.GetProperty("args");
        object? dim = Dim(args);
        bool keep = args.TryGetProperty("keepdim", out var k) && k.GetBoolean();
        double correction = args.TryGetProperty("correction", out var cr) ? cr.GetDouble() : 1;

        if (op is "max" or "min" && dim is int d)
        {
            if (c.TryGetProperty("error", out var error))
            {
                MathGolden.AssertThrowsLike(error.GetString()!, () => _ = op == "max" ? x.Max(d, keep) : x.Min(d, keep));
                return;
            }
            var (values, indices) = op == "max" ? x.Max(d, keep) : x.Min(d, keep);
            MathGolden.Compare(c, op, c.GetProperty("expected"), values);
            MathGolden.Compare(c, op, c.GetProperty("expected_indices"), indices);
            return;
        }
        MathGolden.Check(c, () => Run(op, x, dim, keep, correction));
    }

    /// <summary>args.dim: absent or null (all dims), an int, or a list.</summary>
    private static object? Dim(JsonElement args) =>
        !args.TryGetProperty("dim", out var dim) || dim.ValueKind == JsonValueKind.Null ? null
        : dim.ValueKind == JsonValueKind.Array ? dim.EnumerateArray().Select(v => v.GetInt32()).ToArray()
        : dim.GetInt32();

    private static Tensor Run(string op, Tensor x, object? dim, bool keep, double correction) => (op, dim) switch
    {
        ("sum", null) => x.Sum(),
        ("sum", int d) => x.Sum(d, keep),
        ("sum", int[] l) => x.Sum(l, keep),
        ("mean", null) => x.Mean(),
        ("mean", int d) => x.Mean(d, keep),
        ("mean", int[] l) => x.Mean(l, keep),
        ("prod", null) => x.Prod(),
        ("prod", int d) => x.Prod(d, keep),
        ("max", null) => x.Max(),
        ("min", null) => x.Min(),
        ("amax", null) => x.Amax([]),
        ("amax", int d) => x.Amax([d], keep),
        ("amax", int[] l) => x.Amax(l, keep),
        ("amin", null) => x.Amin([]),
        ("amin", int d) => x.Amin([d], keep),
        ("amin", int[] l) => x.Amin(l, keep),
        ("argmax", null) => x.ArgMax(),
        ("argmax", int d) => x.ArgMax(d, keep),
        ("argmin", null) => x.ArgMin(),
        ("argmin", int d) => x.ArgMin(d, keep),
        ("var", null) => x.Var(correction),
        ("var", int d) => x.Var(d, keep, correction),
        ("var", int[] l) => x.Var(l, keep, correction),
        ("std", null) => x.Std(correction),
        ("std", int d) => x.Std(d, keep, correction),
        ("std", int[] l) => x.Std(l, keep, correction),
        ("all", null) => x.All(),
        ("all", int d) => x.All(d, keep),
        ("any", null) => x.Any(),
        ("any", int d) => x.Any(d, keep),
        ("logsumexp", int d) => x.LogSumExp(d, keep),
        ("logsumexp", int[] l) => x.LogSumExp(l, keep),
        ("softmax", int d) => x.Softmax(d),
        ("log_softmax", int d) => x.LogSoftmax(d),
        ("cumsum", int d) => x.Cumsum(d),
        ("cumprod", int d) => x.Cumprod(d),
        ("nansum", null) => x.NanSum(),
        ("nansum", int d) => x.NanSum(d, keep),
        ("nanmean", null) => x.NanMean(),
        ("nanmean", int d) => x.NanMean(d, keep),
        _ => throw new NotSupportedException($"no replay for {op} with dim {dim}"),
    };

    [Fact]
    public void ReductionsOverTheSameDimTwiceThrow()
    {
        var x = Tensor.Ones(2, 3);
        var ex = Assert.Throws<ArgumentException>(() => x.Sum([1, -1]));
        Assert.Contains("dim 1 appears multiple times in the list of dims", ex.Message);
    }

    [Fact]
    public void ReductionDimOutOfRangeThrows()
    {
        var x = Tensor.Ones(2, 3);
        var ex = Assert.Throws<IndexOutOfRangeException>(() => x.Sum(2));
        Assert.Contains("Dimension out of range (expected to be in range of [-2, 1], but got 2)", ex.Message);
        Assert.Throws<IndexOutOfRangeException>(() => x.Cumsum(-3));
        Assert.Throws<IndexOutOfRangeException>(() => x.Max(5));
    }
}
