namespace Nabla.Tests;

/// <summary>
/// Cat, Stack, Split and Chunk against PyTorch (tests/golden/core.json, group "join"): values,
/// dtype promotion across inputs, the number and shapes of the pieces, and that the pieces are
/// views with PyTorch's strides and storage offsets.
/// </summary>
public class JoiningTests
{
    public static TheoryData<string> Cases => GoldenReplay.Names("join");

    [Theory]
    [MemberData(nameof(Cases))]
    public void JoinMatchesPyTorch(string name)
    {
        var c = GoldenReplay.Case(name);
        string op = c.GetProperty("op").GetString()!;
        int dim = c.GetProperty("dim").GetInt32();
        if (op is "cat" or "stack")
        {
            var inputs = c.GetProperty("inputs").EnumerateArray().Select(Golden.Tensor).ToArray();
            var before = inputs.Select(t => t.ToArray<double>()).ToArray();
            var result = op == "cat" ? Tensor.Cat(inputs, dim) : Tensor.Stack(inputs, dim);
            GoldenReplay.AssertEqual(c.GetProperty("expected"), result, context: name);
            Assert.True(result.IsContiguous);
            Assert.All(inputs, t => Assert.NotSame(t.Storage, result.Storage));
            // The inputs are left alone.
            for (int i = 0; i < inputs.Length; i++) Assert.Equal(before[i], inputs[i].ToArray<double>());
            return;
        }

        var input = Golden.Tensor(c.GetProperty("input"));
        var arg = c.GetProperty("arg");
        Tensor[] pieces = op == "chunk" ? input.Chunk(arg.GetInt32(), dim)
            : arg.ValueKind == System.Text.Json.JsonValueKind.Array ? input.Split(GoldenReplay.Longs(arg), dim)
            : input.Split(arg.GetInt64(), dim);
        var expected = c.GetProperty("expected").EnumerateArray().ToArray();
        Assert.True(expected.Length == pieces.Length, $"{name}: PyTorch gives {expected.Length} pieces, got {pieces.Length}");
        var strides = c.GetProperty("strides").EnumerateArray().ToArray();
        var offsets = c.GetProperty("offsets").EnumerateArray().ToArray();
        for (int i = 0; i < pieces.Length; i++)
        {
            GoldenReplay.AssertEqual(expected[i], pieces[i], context: $"{name} piece {i}");
            Assert.Same(input.Storage, pieces[i].Storage);
            Assert.Equal(GoldenReplay.Longs(strides[i]), pieces[i].Strides);
            if (offsets[i].ValueKind != System.Text.Json.JsonValueKind.Null)
                Assert.Equal(offsets[i].GetInt64(), pieces[i].StorageOffset);
        }
    }

    [Fact]
    public void ApiSnippets()
    {
        // torch: X = arange(12).view(3, 4); Y = X + 100 (built here without arithmetic)
        var X = Tensor.Arange(12).Reshape(3, 4);
        var Y = Tensor.Arange(100, 112).Reshape(3, 4);
        var cat = Tensor.Cat([X, Y], dim: 0);
        Assert.Equal(new long[] { 6, 4 }, cat.Shape.ToArray());
        Assert.Equal(100, cat[3, 0].Item<long>());
        var st = Tensor.Stack([X, Y], dim: 0);
        Assert.Equal(new long[] { 2, 3, 4 }, st.Shape.ToArray());
        Assert.Equal(111, st[1, 2, 3].Item<long>());
        // torch: X.split(2, dim=0) -> shapes [2, 4], [1, 4]; X.chunk(3) -> three [1, 4]
        Tensor[] halves = X.Split(2, dim: 0), thirds = X.Chunk(3);
        Assert.Equal(new[] { "[2, 4]", "[1, 4]" }, halves.Select(h => h.Shape.ToString()));
        Assert.Equal(new[] { "[1, 4]", "[1, 4]", "[1, 4]" }, thirds.Select(h => h.Shape.ToString()));
    }

    [Fact]
    public void SplitPiecesAreWritableViews()
    {
        // torch: x = arange(6); a, b = x.split(3); b[0] = -1 -> x[3] == -1
        var x = Tensor.Arange(6);
        var pieces = x.Split(3);
        pieces[1][0] = -1;
        Assert.Equal(-1, x[3].Item<long>());
        Assert.Equal(1, x.Version);
    }

    [Fact]
    public void CatOfNonContiguousAndExpandedInputs()
    {
        // torch: cat([arange(3).expand(2, 3), arange(6).view(3, 2).t()]) == [[0,1,2],[0,1,2],[0,2,4],[1,3,5]]
        var r = Tensor.Cat([Tensor.Arange(3).Expand(2, 3), Tensor.Arange(6).View(3, 2).T]);
        Assert.Equal(new long[] { 0, 1, 2, 0, 1, 2, 0, 2, 4, 1, 3, 5 }, r.ToArray<long>());
    }
}
