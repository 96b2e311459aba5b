using System.Text.Json;

namespace Nabla.Tests;

/// <summary>
/// Replays the data-driven cases of tests/golden/core.json (written by generate_core.py): view
/// and indexing op chains, index items, setter values and the layout PyTorch reported.
/// </summary>
internal static class GoldenReplay
{
    public const string File = "core";

    /// <summary>The names of the cases of one group, one theory row each.</summary>
    public static TheoryData<string> Names(string group, Func<string, bool>? where = null)
    {
        var data = new TheoryData<string>();
        foreach (var c in Golden.Cases(File))
        {
            string name = c.GetProperty("name").GetString()!;
            if (c.GetProperty("group").GetString() == group && (where is null || where(name))) data.Add(name);
        }
        return data;
    }

    public static JsonElement Case(string name) => Golden.Case(File, name);

    /// <summary>A property that is absent or JSON null reads as null.</summary>
    public static JsonElement? Optional(JsonElement e, string property) =>
        e.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static DType? DTypeOrNull(JsonElement e, string property) =>
        Optional(e, property) is { } v ? Golden.DTypeOf(v) : null;

    public static long[] Longs(JsonElement e) => e.EnumerateArray().Select(x => x.GetInt64()).ToArray();

    public static int[] Ints(JsonElement e) => e.EnumerateArray().Select(x => x.GetInt32()).ToArray();

    /// <summary>Applies the ops of a chain in order, as generate_core.apply does in Python.</summary>
    public static Tensor Apply(Tensor t, JsonElement ops)
    {
        foreach (var op in ops.EnumerateArray()) t = ApplyOne(t, op);
        return t;
    }

    private static Tensor ApplyOne(Tensor t, JsonElement op)
    {
        var args = op.EnumerateArray().Skip(1).ToArray();
        return op[0].GetString() switch
        {
            "reshape" => t.Reshape(Longs(args[0])),
            "view" => t.View(Longs(args[0])),
            "transpose" => t.Transpose(args[0].GetInt32(), args[1].GetInt32()),
            "permute" => t.Permute(Ints(args[0])),
            "T" => t.T,
            "squeeze" => args.Length == 0 ? t.Squeeze() : t.Squeeze(Ints(args[0])),
            "unsqueeze" => t.Unsqueeze(args[0].GetInt32()),
            "expand" => t.Expand(Longs(args[0])),
            "flatten" => args.Length switch
            {
                0 => t.Flatten(),
                1 => t.Flatten(args[0].GetInt32()),
                _ => t.Flatten(args[0].GetInt32(), args[1].GetInt32()),
            },
            "narrow" => t.Narrow(args[0].GetInt32(), args[1].GetInt64(), args[2].GetInt64()),
            "contiguous" => t.Contiguous(),
            "clone" => t.Clone(),
            "index" => t[Index(args[0])],
            "nonzero" => t.Nonzero(),
            var name => throw new NotSupportedException($"unknown golden op {name}"),
        };
    }

    /// <summary>
    /// The subscript of a case: ints (<c>^k</c> when "hat"), slices (a C# Range without a step,
    /// TensorIndex.Slice with one or when "explicit"), NewAxis, Ellipsis and index tensors.
    /// </summary>
    public static TensorIndex[] Index(JsonElement items) => items.EnumerateArray().Select(Item).ToArray();

    private static TensorIndex Item(JsonElement item)
    {
        if (item.TryGetProperty("int", out var i))
        {
            long n = i.GetInt64();
            return item.TryGetProperty("hat", out _) ? (TensorIndex)(^(int)-n) : (TensorIndex)n;
        }
        if (item.TryGetProperty("slice", out var s))
        {
            long? start = s[0].ValueKind == JsonValueKind.Null ? null : s[0].GetInt64();
            long? stop = s[1].ValueKind == JsonValueKind.Null ? null : s[1].GetInt64();
            if (s[2].ValueKind != JsonValueKind.Null) return TensorIndex.Slice(start, stop, s[2].GetInt64());
            if (item.TryGetProperty("explicit", out _)) return TensorIndex.Slice(start, stop);
            return new Range(ToIndex(start, System.Index.Start), ToIndex(stop, System.Index.End));
        }
        if (item.TryGetProperty("none", out _)) return TensorIndex.NewAxis;
        if (item.TryGetProperty("ellipsis", out _)) return TensorIndex.Ellipsis;
        return Golden.Tensor(item.GetProperty("tensor"));
    }

    private static System.Index ToIndex(long? value, System.Index missing) =>
        value is not { } v ? missing : v >= 0 ? new System.Index((int)v) : new System.Index((int)-v, fromEnd: true);

    /// <summary>A setter value: a C# scalar of the recorded type (a weak tensor) or a tensor.</summary>
    public static Tensor Value(JsonElement value)
    {
        if (value.TryGetProperty("tensor", out var t)) return Golden.Tensor(t);
        var scalar = value.GetProperty("scalar");
        return value.GetProperty("type").GetString() switch
        {
            "bool" => scalar.GetBoolean(),
            "long" => scalar.GetInt64(),
            _ => scalar.GetDouble(),
        };
    }

    /// <summary>
    /// <see cref="Golden.AssertEqual"/>, plus an exact comparison of integer values (which a
    /// comparison through double would round above 2^53).
    /// </summary>
    public static void AssertEqual(JsonElement expected, Tensor actual, string? context = null)
    {
        Golden.AssertEqual(expected, actual, context: context);
        if (actual.DType.IsInteger)
            Assert.Equal(Golden.Tensor(expected).ToArray<long>(), actual.ToArray<long>());
    }

    /// <summary>
    /// Asserts what PyTorch reported about a result: values, whether it shares the input's
    /// storage, and for views the strides, storage offset and contiguity. Copies are only
    /// required to be contiguous when PyTorch's is (PyTorch may keep a permuted layout for them).
    /// </summary>
    public static void AssertResult(JsonElement c, Tensor input, Tensor result)
    {
        string name = c.GetProperty("name").GetString()!;
        AssertEqual(c.GetProperty("expected"), result, context: name);
        bool? shares = Optional(c, "shares_storage")?.GetBoolean();
        if (shares is { } s)
            Assert.True(s == ReferenceEquals(input.Storage, result.Storage),
                $"{name}: PyTorch {(s ? "shares" : "does not share")} storage with the input");
        Assert.True(c.GetProperty("is_input").GetBoolean() == ReferenceEquals(input, result),
            $"{name}: PyTorch {(c.GetProperty("is_input").GetBoolean() ? "returns" : "does not return")} the input object itself");
        bool contiguous = c.GetProperty("is_contiguous").GetBoolean();
        if (shares == true)
        {
            Assert.Equal(Longs(c.GetProperty("strides")), result.Strides);
            if (result.Numel > 0) Assert.Equal(c.GetProperty("storage_offset").GetInt64(), result.StorageOffset);
            Assert.Equal(contiguous, result.IsContiguous);
        }
        else if (contiguous)
        {
            Assert.True(result.IsContiguous, $"{name}: PyTorch's result is contiguous, got strides [{string.Join(", ", result.Strides)}]");
        }
    }
}
