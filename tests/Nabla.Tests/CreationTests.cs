using System.Text.Json;

namespace Nabla.Tests;

/// <summary>
/// Factories against PyTorch (tests/golden/core.json, group "creation"): Arange (long and double
/// overloads), Linspace, Eye, Zeros/Ones/Empty/Full, the *Like factories, From and Scalar —
/// values, dtypes and shapes.
/// </summary>
public class CreationTests
{
    public static TheoryData<string> Cases => GoldenReplay.Names("creation");

    [Theory]
    [MemberData(nameof(Cases))]
    public void CreationMatchesPyTorch(string name)
    {
        var c = GoldenReplay.Case(name);
        var result = Create(c);
        var expected = c.GetProperty("expected");
        if (GoldenReplay.Optional(c, "check_values") is { ValueKind: JsonValueKind.False })
        {
            Assert.Equal(Golden.DTypeOf(expected.GetProperty("dtype")), result.DType);
            Assert.Equal(Golden.Shape(expected.GetProperty("shape")), result.Shape.ToArray());
            Assert.True(result.IsContiguous);
        }
        else
        {
            GoldenReplay.AssertEqual(expected, result, context: name);
        }
    }

    private static Tensor Create(JsonElement c)
    {
        var dtype = GoldenReplay.DTypeOrNull(c, "dtype");
        switch (c.GetProperty("op").GetString())
        {
            case "arange":
                return Arange(c.GetProperty("args"), c.GetProperty("overload").GetString() == "long", dtype);
            case "linspace":
                double start = c.GetProperty("start").GetDouble(), end = c.GetProperty("end").GetDouble();
                long steps = c.GetProperty("steps").GetInt64();
                return dtype is { } d ? Tensor.Linspace(start, end, steps, d) : Tensor.Linspace(start, end, steps);
            case "eye":
                long n = c.GetProperty("n").GetInt64();
                long? m = GoldenReplay.Optional(c, "m")?.GetInt64();
                return dtype is { } e ? Tensor.Eye(n, m, e) : m is null ? Tensor.Eye(n) : Tensor.Eye(n, m);
            case "zeros":
                var shape = GoldenReplay.Longs(c.GetProperty("shape"));
                return dtype is { } z ? Tensor.Zeros(shape, z) : Tensor.Zeros(shape);
            case "ones":
                shape = GoldenReplay.Longs(c.GetProperty("shape"));
                return dtype is { } o ? Tensor.Ones(shape, o) : Tensor.Ones(shape);
            case "empty":
                shape = GoldenReplay.Longs(c.GetProperty("shape"));
                return dtype is { } em ? Tensor.Empty(shape, em) : Tensor.Empty(shape);
            case "full":
                shape = GoldenReplay.Longs(c.GetProperty("shape"));
                var value = c.GetProperty("value");
                return c.GetProperty("value_type").GetString() switch
                {
                    "bool" => Tensor.Full(shape, value.GetBoolean(), dtype),
                    "long" => Tensor.Full(shape, value.GetInt64(), dtype),
                    _ => Tensor.Full(shape, Golden.Number(value), dtype),
                };
            case "zeros_like":
                return Tensor.ZerosLike(Golden.Tensor(c.GetProperty("like")), dtype);
            case "ones_like":
                return Tensor.OnesLike(Golden.Tensor(c.GetProperty("like")), dtype);
            case "empty_like":
                return Tensor.EmptyLike(Golden.Tensor(c.GetProperty("like")), dtype);
            case "full_like":
                return Tensor.FullLike(Golden.Tensor(c.GetProperty("like")), c.GetProperty("value").GetDouble(), dtype);
            case "from":
                return From(c);
            case "scalar":
                var v = c.GetProperty("value");
                return c.GetProperty("element").GetString() switch
                {
                    "double" => Tensor.Scalar(v.GetDouble()),
                    "float" => Tensor.Scalar(v.GetSingle()),
                    "long" => Tensor.Scalar(v.GetInt64()),
                    "int" => Tensor.Scalar(v.GetInt32()),
                    _ => Tensor.Scalar(v.GetBoolean()),
                };
            case var op:
                throw new NotSupportedException($"unknown creation op {op}");
        }
    }

    /// <summary>Calls the overload PyTorch's call corresponds to: integer arguments bind to the long overloads.</summary>
    private static Tensor Arange(JsonElement args, bool integers, DType? dtype)
    {
        if (integers)
        {
            var a = GoldenReplay.Longs(args);
            return a.Length switch
            {
                1 => dtype is null ? Tensor.Arange(a[0]) : Tensor.Arange(a[0], dtype),
                2 => dtype is null ? Tensor.Arange(a[0], a[1]) : Tensor.Arange(a[0], a[1], dtype: dtype),
                _ => Tensor.Arange(a[0], a[1], a[2], dtype),
            };
        }
        var d = args.EnumerateArray().Select(x => x.GetDouble()).ToArray();
        return d.Length switch
        {
            1 => dtype is null ? Tensor.Arange(d[0]) : Tensor.Arange(d[0], dtype),
            2 => dtype is null ? Tensor.Arange(d[0], d[1]) : Tensor.Arange(d[0], d[1], dtype: dtype),
            _ => Tensor.Arange(d[0], d[1], d[2], dtype),
        };
    }

    private static Tensor From(JsonElement c) => c.GetProperty("element").GetString() switch
    {
        "bool" => From(c, e => e.GetBoolean()),
        "byte" => From(c, e => e.GetByte()),
        "int" => From(c, e => e.GetInt32()),
        "long" => From(c, e => e.GetInt64()),
        "float" => From(c, e => e.GetSingle()),
        _ => From(c, e => e.GetDouble()),
    };

    /// <summary>Builds the C# array the case describes (rank 1-4, jagged, or flat plus shape) and calls Tensor.From on it.</summary>
    private static Tensor From<T>(JsonElement c, Func<JsonElement, T> read) where T : unmanaged
    {
        var data = c.GetProperty("data");
        switch (c.GetProperty("form").GetString())
        {
            case "flat":
                return Tensor.From<T>(data.EnumerateArray().Select(read).ToArray(), GoldenReplay.Longs(c.GetProperty("shape")));
            case "jagged":
                return Tensor.From(data.EnumerateArray().Select(row => row.EnumerateArray().Select(read).ToArray()).ToArray());
        }
        var lengths = new List<int>();
        for (var e = data; e.ValueKind == JsonValueKind.Array; e = e.GetArrayLength() > 0 ? e[0] : default)
            lengths.Add(e.GetArrayLength());
        var array = Array.CreateInstance(typeof(T), [.. lengths]);
        Fill(array, data, new int[lengths.Count], 0, read);
        return array switch
        {
            T[] a1 => Tensor.From(a1),
            T[,] a2 => Tensor.From(a2),
            T[,,] a3 => Tensor.From(a3),
            T[,,,] a4 => Tensor.From(a4),
            _ => throw new NotSupportedException($"rank {lengths.Count}"),
        };
    }

    private static void Fill<T>(Array array, JsonElement e, int[] index, int depth, Func<JsonElement, T> read)
    {
        if (depth == index.Length)
        {
            array.SetValue(read(e), index);
            return;
        }
        int i = 0;
        foreach (var child in e.EnumerateArray())
        {
            index[depth] = i++;
            Fill(array, child, index, depth + 1, read);
        }
    }

    [Fact]
    public void ApiSnippetDtypes()
    {
        // torch.arange(12): int64; torch.arange(12, dtype=float32); torch.arange(0.0, 3.0, 0.1): float32, 30 elements;
        // torch.arange(1.0, 5.0): float32; torch.arange(1, 4): int64; torch.zeros(2, 3, 4): float32
        Assert.Equal(DType.Int64, Tensor.Arange(12).DType);
        Assert.Equal(DType.Float32, Tensor.Arange(12, dtype: DType.Float32).DType);
        var g = Tensor.Arange(0.0, 3.0, 0.1);
        Assert.Equal((DType.Float32, 30L), (g.DType, g.Numel));
        Assert.Equal(DType.Float32, Tensor.Arange(1.0, 5.0).DType);
        Assert.Equal(DType.Int64, Tensor.Arange(1, 4).DType);
        Assert.Equal(DType.Float32, Tensor.Zeros(2, 3, 4).DType);
        Assert.Equal(DType.Float64, Tensor.Zeros([2, 3, 4], DType.Float64).DType);
        Assert.Equal(DType.Float32, Tensor.Ones(2).DType);
        Assert.Equal(DType.Float32, Tensor.Full([2, 2], 7.0).DType);
        Assert.Equal(DType.Int32, Tensor.From(new[,] { { 2, 1, 4, 3 }, { 1, 2, 3, 4 }, { 4, 3, 2, 1 } }).DType);
        Assert.Equal(DType.Int64, Tensor.From(new long[,] { { 1, 2 }, { 3, 4 } }).DType);
        Assert.Equal(DType.Float32, Tensor.From(new float[,] { { 1, 2 }, { 3, 4 } }).DType);
        var fs = Tensor.From(new double[] { 1, 2 }, [2, 1]);
        Assert.Equal((DType.Float64, "[2, 1]"), (fs.DType, fs.Shape.ToString()));
        Assert.Equal(DType.Float32, Tensor.ZerosLike(Tensor.Zeros(3, 4)).DType);
        Assert.Equal("[3, 4]", Tensor.Empty(3, 4).Shape.ToString());
    }

    [Fact]
    public void FromCopiesItsInput()
    {
        // torch.tensor(data) copies: changing the array afterwards does not change the tensor.
        var data = new[] { 1.0, 2.0, 3.0 };
        var t = Tensor.From(data);
        data[0] = 100;
        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, t.ToArray<double>());
        var grid = new[,] { { 1, 2 }, { 3, 4 } };
        var g = Tensor.From(grid);
        grid[1, 1] = -1;
        Assert.Equal(new[] { 1, 2, 3, 4 }, g.ToArray<int>());
    }

    [Fact]
    public void FromBoolStoresZeroAndOne()
    {
        var b = Tensor.From(new[] { true, false, true });
        Assert.Equal(new[] { true, false, true }, b.AsSpan<bool>().ToArray());
        Assert.Equal(new[] { 1L, 0L, 1L }, b.ToArray<long>());
        Assert.Equal(new byte[] { 1, 0, 1 }, b.ToArray<byte>());
    }

    [Fact]
    public void FactoriesReturnFreshContiguousStorage()
    {
        var a = Tensor.Zeros(2, 3);
        var b = Tensor.Zeros(2, 3);
        Assert.NotSame(a.Storage, b.Storage);
        Assert.True(Tensor.Eye(3, 4).IsContiguous);
        Assert.Equal(new long[] { 4, 1 }, Tensor.Eye(3, 4).Strides);
        Assert.Equal(0, Tensor.Full([2], 1.0).StorageOffset);
        // *Like factories take shape and dtype, not the layout: a contiguous result for a transposed input.
        var like = Tensor.OnesLike(Tensor.Zeros(2, 3).T);
        Assert.Equal(new long[] { 3, 2 }, like.Shape.ToArray());
        Assert.True(like.IsContiguous);
    }
}
