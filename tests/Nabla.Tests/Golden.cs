using System.Text.Json;

namespace Nabla.Tests;

/// <summary>
/// Reads the golden files written by the PyTorch generators in tests/golden (one JSON file per
/// topic: {torch_version, generator, cases}) and compares tensors against them.
/// </summary>
internal static class Golden
{
    private static readonly Dictionary<string, JsonElement> Files = new();

    /// <summary>The cases of tests/golden/NAME.json.</summary>
    public static JsonElement.ArrayEnumerator Cases(string name) => File(name).GetProperty("cases").EnumerateArray();

    /// <summary>The one case whose "name" property is <paramref name="caseName"/>.</summary>
    public static JsonElement Case(string file, string caseName) =>
        Cases(file).FirstOrDefault(c => c.GetProperty("name").GetString() == caseName) is { ValueKind: JsonValueKind.Object } found
            ? found
            : throw new KeyNotFoundException($"golden/{file}.json has no case named {caseName}");

    private static JsonElement File(string name)
    {
        lock (Files)
        {
            if (!Files.TryGetValue(name, out var root))
            {
                var path = Path.Combine(AppContext.BaseDirectory, "golden", name + ".json");
                root = JsonDocument.Parse(System.IO.File.ReadAllText(path)).RootElement;
                Files[name] = root;
            }
            return root;
        }
    }

    /// <summary>A number written by common.number(): a JSON number, a bool, or "nan"/"inf"/"-inf".</summary>
    public static double Number(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() switch
        {
            "nan" => double.NaN,
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            var s => throw new FormatException($"not a golden number: {s}"),
        },
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        _ => e.GetDouble(),
    };

    public static DType DTypeOf(JsonElement e) => Enum.Parse<DType>(e.GetString()!);

    public static long[] Shape(JsonElement e) => e.EnumerateArray().Select(x => x.GetInt64()).ToArray();

    /// <summary>The tensor written by common.tensor().</summary>
    public static Tensor Tensor(JsonElement e)
    {
        var dtype = DTypeOf(e.GetProperty("dtype"));
        var shape = Shape(e.GetProperty("shape"));
        var data = e.GetProperty("data");
        // Int64 values are read as integers so that large ones stay exact.
        return dtype is DType.Int64 or DType.Int32 or DType.UInt8
            ? Nabla.Tensor.From<long>(data.EnumerateArray().Select(x => x.GetInt64()).ToArray(), shape).To(dtype)
            : Nabla.Tensor.From<double>(data.EnumerateArray().Select(Number).ToArray(), shape).To(dtype);
    }

    /// <summary>Asserts dtype, shape and values (NaN equal to NaN; floats within the tolerances).</summary>
    public static void AssertEqual(JsonElement expected, Tensor actual, double rtol = 1e-6, double atol = 1e-6, string? context = null)
    {
        string where = context is null ? "" : $" ({context})";
        Assert.True(DTypeOf(expected.GetProperty("dtype")) == actual.DType,
            $"dtype: expected {expected.GetProperty("dtype")}, got {actual.DType}{where}");
        Assert.True(Shape(expected.GetProperty("shape")).SequenceEqual(actual.Shape.ToArray()),
            $"shape: expected [{string.Join(", ", Shape(expected.GetProperty("shape")))}], got {actual.Shape}{where}");
        var want = expected.GetProperty("data").EnumerateArray().Select(Number).ToArray();
        var got = actual.ToArray<double>();
        for (int i = 0; i < want.Length; i++)
        {
            bool ok = double.IsNaN(want[i]) ? double.IsNaN(got[i])
                : want[i] == got[i] || Math.Abs(want[i] - got[i]) <= atol + rtol * Math.Abs(want[i]);
            Assert.True(ok, $"element {i}: expected {want[i]}, got {got[i]}{where}");
        }
    }
}
