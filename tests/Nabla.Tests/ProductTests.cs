using System.Text.Json;

namespace Nabla.Tests;

/// <summary>
/// Replays the "product" cases of tests/golden/products.json (generate_products.py): matmul in every
/// rank combination with broadcast batch dims, mm, bmm, mv, dot, outer, tensordot, einsum,
/// diagonal, diag, trace, tril and triu over dtypes, size-0 and size-1 dims and strided, transposed
/// and expanded operands, against PyTorch's values.
/// </summary>
public class ProductTests
{
    public static TheoryData<string> Cases => ProductGolden.Names("product");

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string name)
    {
        var c = ProductGolden.Case(name);
        var operands = c.GetProperty("inputs").EnumerateArray().Select(e => ProductGolden.Operand(e)).ToArray();
        var result = ProductGolden.Run(c, operands);
        ProductGolden.AssertMatches(c, c.GetProperty("expected"), result);
        if (c.TryGetProperty("is_view", out var isView) && isView.GetBoolean())
            Assert.True(ReferenceEquals(operands[0].Storage, result.Storage), $"{name}: PyTorch's diagonal is a view of its input");
    }

    [Fact]
    public void EveryOpAndDTypeIsCovered()
    {
        var cases = Golden.Cases(ProductGolden.File).Where(c => c.GetProperty("group").GetString() == "product").ToArray();
        foreach (var op in new[] { "matmul", "mm", "bmm", "mv", "dot", "outer", "tensordot", "einsum", "diagonal", "diag", "trace", "tril", "triu" })
            foreach (var dtype in new[] { "Float32", "Float64", "Int32", "Int64" })
                Assert.Contains(cases, c => c.GetProperty("op").GetString() == op
                    && c.GetProperty("inputs").EnumerateArray().All(i => i.GetProperty("dtype").GetString() == dtype));
    }

    [Fact]
    public void Float32ToleranceGrowsWithInnerSize()
    {
        var (_, small) = ProductGolden.Tolerance(ProductGolden.Case("matmul/Float32/k64"), DType.Float32);
        var (_, large) = ProductGolden.Tolerance(ProductGolden.Case("matmul/Float32/k4099"), DType.Float32);
        Assert.True(large > 10 * small, $"k=4099 tolerance {large} vs k=64 tolerance {small}");
        Assert.Equal((0.0, 0.0), ProductGolden.Tolerance(ProductGolden.Case("matmul/Int64/2d@2d"), DType.Int64));
    }
}

/// <summary>Reads, rebuilds and runs the cases of tests/golden/products.json (see generate_products.py for the format).</summary>
internal static class ProductGolden
{
    public const string File = "products";

    private static readonly Lazy<Dictionary<string, JsonElement>> ByName = new(() =>
        Golden.Cases(File).ToDictionary(c => c.GetProperty("name").GetString()!));

    public static TheoryData<string> Names(string group)
    {
        var data = new TheoryData<string>();
        foreach (var c in Golden.Cases(File))
            if (c.GetProperty("group").GetString() == group) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    public static JsonElement Case(string name) => ByName.Value[name];

    /// <summary>The stored tensor of an input: its data, or the values its "generated" formula gives.</summary>
    public static Tensor Base(JsonElement input)
    {
        if (!input.TryGetProperty("generated", out var g)) return Golden.Tensor(input);
        var shape = Golden.Shape(input.GetProperty("shape"));
        long seed = g.GetProperty("seed").GetInt64();
        bool positive = g.GetProperty("positive").GetBoolean();
        bool integers = g.TryGetProperty("integers", out var ig) && ig.GetBoolean();
        var values = new double[shape.Aggregate(1L, (p, s) => p * s)];
        for (long i = 0; i < values.Length; i++)
        {
            // generate_products.generated(): h = (i * 2654435761 + seed * 97531) mod 2^32.
            ulong h = (ulong)(i * 2654435761L + seed * 97531L) % (1UL << 32);
            values[i] = integers ? (long)((h >> 7) % 19) - 9
                : (positive ? (long)((h >> 7) % 32768) : (long)((h >> 7) % 65521) - 32760) / 8192.0;
        }
        return Tensor.From<double>(values, shape).To(Golden.DTypeOf(input.GetProperty("dtype")));
    }

    /// <summary>An operand: the stored base (or <paramref name="base"/>) with the input's view steps applied.</summary>
    public static Tensor Operand(JsonElement input, Tensor? @base = null)
    {
        var t = @base ?? Base(input);
        if (!input.TryGetProperty("view", out var steps)) return t;
        foreach (var step in steps.EnumerateArray())
        {
            var a = step.EnumerateArray().Skip(1).ToArray();
            t = step[0].GetString() switch
            {
                "T" => t.Transpose(-2, -1),
                "transpose" => t.Transpose(a[0].GetInt32(), a[1].GetInt32()),
                "step" => t[[.. Enumerable.Repeat(TensorIndex.Slice(), a[0].GetInt32()), TensorIndex.Slice(step: a[1].GetInt64())]],
                "narrow" => t.Narrow(a[0].GetInt32(), a[1].GetInt64(), a[2].GetInt64()),
                "expand" => t.Expand(Golden.Shape(a[0])),
                "permute" => t.Permute(a[0].EnumerateArray().Select(x => x.GetInt32()).ToArray()),
                "select" => t[[.. Enumerable.Repeat(TensorIndex.Slice(), a[0].GetInt32()), (TensorIndex)a[1].GetInt64()]],
                var s => throw new NotSupportedException($"unknown view step {s}"),
            };
        }
        return t;
    }

    /// <summary>Runs a case's op with Nabla's public API, as generate_products.call runs it with PyTorch's.</summary>
    public static Tensor Run(JsonElement c, Tensor[] x)
    {
        var args = c.GetProperty("args");
        int Int(string name) => args.GetProperty(name).GetInt32();
        return c.GetProperty("op").GetString() switch
        {
            "matmul" => args.TryGetProperty("method", out var m) && m.GetBoolean() ? x[0].Matmul(x[1]) : Tensor.Matmul(x[0], x[1]),
            "mm" => Tensor.Mm(x[0], x[1]),
            "bmm" => Tensor.Bmm(x[0], x[1]),
            "mv" => Tensor.Mv(x[0], x[1]),
            "dot" => Tensor.Dot(x[0], x[1]),
            "outer" => Tensor.Outer(x[0], x[1]),
            "tensordot" => args.GetProperty("dims") is { ValueKind: JsonValueKind.Number } dims
                ? Tensor.Tensordot(x[0], x[1], dims.GetInt32())
                : Tensor.Tensordot(x[0], x[1], Ints(args.GetProperty("dims")[0]), Ints(args.GetProperty("dims")[1])),
            "einsum" => Tensor.Einsum(args.GetProperty("equation").GetString()!, x),
            "diagonal" => x[0].Diagonal(args.GetProperty("offset").GetInt64(), Int("dim1"), Int("dim2")),
            "diag" => Tensor.Diag(x[0], args.GetProperty("offset").GetInt64()),
            "trace" => Tensor.Trace(x[0]),
            "tril" => Tensor.Tril(x[0], args.GetProperty("diagonal").GetInt64()),
            "triu" => Tensor.Triu(x[0], args.GetProperty("diagonal").GetInt64()),
            var op => throw new NotSupportedException($"no replay for op {op}"),
        };
    }

    private static int[] Ints(JsonElement e) => e.EnumerateArray().Select(x => x.GetInt32()).ToArray();

    /// <summary>
    /// The tolerance for a result of <paramref name="dtype"/>: exact for integers, Bool and cases the
    /// generator marks "exact" (copies; integer-valued floats whose sums cannot round); otherwise an
    /// absolute 2·(k+1)·u·magnitude, the bound on how far two evaluations of the same sums of k
    /// products may differ in any summation order (u = 2^-24 for Float32, 2^-53 for Float64;
    /// magnitude is the largest element of the op on |inputs|, computed by PyTorch in float64).
    /// </summary>
    public static (double Rtol, double Atol) Tolerance(JsonElement c, DType dtype)
    {
        if (!dtype.IsFloatingPoint || (c.TryGetProperty("exact", out var exact) && exact.GetBoolean())) return (0, 0);
        double u = dtype == DType.Float32 ? Math.ScaleB(1, -24) : Math.ScaleB(1, -53);
        long k = c.TryGetProperty("k", out var kk) ? kk.GetInt64() : 1;
        double magnitude = c.TryGetProperty("magnitude", out var mg) ? mg.GetDouble() : 0;
        return (0, 2 * (k + 1) * u * magnitude);
    }

    /// <summary>Dtype, shape and values within <see cref="Tolerance"/>; integers compared exactly as longs.</summary>
    public static void AssertMatches(JsonElement c, JsonElement expected, Tensor actual, string? context = null)
    {
        string where = c.GetProperty("name").GetString()! + (context is null ? "" : $" ({context})");
        var (rtol, atol) = Tolerance(c, Golden.DTypeOf(expected.GetProperty("dtype")));
        Golden.AssertEqual(expected, actual, rtol, atol, where);
        if (actual.DType.IsInteger)
            Assert.Equal(Golden.Tensor(expected).ToArray<long>(), actual.ToArray<long>());
    }
}
