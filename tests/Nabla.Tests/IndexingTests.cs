namespace Nabla.Tests;

/// <summary>
/// Subscripts against PyTorch (tests/golden/core.json, groups "index" and "index_set"):
/// integers, ^k, ranges, TensorIndex.Slice, NewAxis, Ellipsis, Bool masks and Int64/Int32 index
/// tensors; values, shapes, and whether the result is a view (shares storage) or a copy.
/// </summary>
public class IndexingTests
{
    public static TheoryData<string> GetCases => GoldenReplay.Names("index");

    /// <summary>The setter cases on the tensor itself (writes through views are in <see cref="ViewTests"/>).</summary>
    public static TheoryData<string> SetCases =>
        GoldenReplay.Names("index_set", name => !name.StartsWith("set_through_", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(GetCases))]
    public void GetMatchesPyTorch(string name)
    {
        var c = GoldenReplay.Case(name);
        var input = Golden.Tensor(c.GetProperty("input"));
        var result = GoldenReplay.Apply(input, c.GetProperty("ops"));
        GoldenReplay.AssertResult(c, input, result);
    }

    [Theory]
    [MemberData(nameof(SetCases))]
    public void SetMatchesPyTorch(string name) => ReplaySetter(name);

    /// <summary>
    /// Applies the case's view chain to a fresh input, assigns the value through the subscript,
    /// and compares the base, the view and both version counters with PyTorch's.
    /// </summary>
    internal static void ReplaySetter(string name)
    {
        var c = GoldenReplay.Case(name);
        var input = Golden.Tensor(c.GetProperty("input"));
        var view = GoldenReplay.Apply(input, c.GetProperty("ops"));
        view[GoldenReplay.Index(c.GetProperty("index"))] = GoldenReplay.Value(c.GetProperty("value"));
        Golden.AssertEqual(c.GetProperty("expected_base"), input, context: name + " (base)");
        Golden.AssertEqual(c.GetProperty("expected_view"), view, context: name + " (view)");
        Assert.Equal(c.GetProperty("version").GetInt32(), input.Version);
        Assert.Equal(c.GetProperty("view_version").GetInt32(), view.Version);
    }

    [Fact]
    public void ApiSnippetsBehaveAsDocumented()
    {
        var x = Tensor.Arange(12);
        var X = x.Reshape(3, 4);
        // torch: X[-1] == [8, 9, 10, 11]; X[1:3] is a view with storage_offset 4; X[:, 1] == [1, 5, 9]
        Assert.Equal(new long[] { 8, 9, 10, 11 }, X[^1].ToArray<long>());
        var rows = X[1..3];
        Assert.Same(x.Storage, rows.Storage);
        Assert.Equal(4, rows.StorageOffset);
        Assert.Equal(new long[] { 2, 4 }, rows.Shape.ToArray());
        Assert.Equal(new long[] { 1, 5, 9 }, X[.., 1].ToArray<long>());
        X[1, 2] = 17;
        Assert.Equal(17, x[6].Item<long>());
        X[..2, ..] = 12;
        Assert.Equal(new long[] { 12, 12, 12, 12, 12, 12, 12, 12, 8, 9, 10, 11 }, x.ToArray<long>());
        var na = X[TensorIndex.NewAxis, .., TensorIndex.Ellipsis];
        Assert.Equal(new long[] { 1, 3, 4 }, na.Shape.ToArray());
        Assert.Same(x.Storage, na.Storage);
        var picked = X[Tensor.From(new long[] { 0, 2 })];
        Assert.Equal(new long[] { 2, 4 }, picked.Shape.ToArray());
        Assert.NotSame(x.Storage, picked.Storage);
        var mask = Tensor.From(new[] { false, false, false, false, false, false, true, true, true, true, true, true }).Reshape(3, 4);
        var big = X[mask];
        Assert.Equal(new long[] { 12, 12, 8, 9, 10, 11 }, big.ToArray<long>());
        Assert.NotSame(x.Storage, big.Storage);
    }

    [Fact]
    public void IntegerLongAndIndexConversionsAgree()
    {
        var X = Tensor.Arange(12).Reshape(3, 4);
        long two = 2;
        Index last = ^1;
        Assert.Equal(X[2, 3].Item<long>(), X[two, last].Item<long>());
        Assert.Equal(X[-1, -1].Item<long>(), X[^1, ^1].Item<long>());
        Assert.Equal(11, X[^1, ^1].Item<long>());
    }

    [Fact]
    public void SetterWritesOnlyTheSelectedElementsAndConvertsTheValue()
    {
        // torch: x = zeros(2, 3); x[:, 1] = tensor([7, 8]) (int64 into float32 via copy_) -> [[0, 7, 0], [0, 8, 0]]
        var x = Tensor.Zeros(2, 3);
        x[.., 1] = Tensor.From(new long[] { 7, 8 });
        Assert.Equal(new float[] { 0, 7, 0, 0, 8, 0 }, x.ToArray<float>());
        Assert.Equal(DType.Float32, x.DType);
        // torch: b = zeros(3, dtype=bool); b[1] = 2.5 -> [False, True, False]
        var b = Tensor.Zeros([3], DType.Bool);
        b[1] = 2.5;
        Assert.Equal(new[] { false, true, false }, b.ToArray<bool>());
        Assert.Equal(new byte[] { 0, 1, 0 }, b.AsSpan<bool>().ToArray().Select(v => v ? (byte)1 : (byte)0));
    }

    [Fact]
    public void AssigningATensorToItselfIsANoOpThatCountsAsAWrite()
    {
        // torch: x = arange(5); x[:] = x -> [0, 1, 2, 3, 4], x._version == 1
        var x = Tensor.Arange(5);
        x[..] = x;
        Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, x.ToArray<long>());
        Assert.Equal(1, x.Version);
    }

    [Fact]
    public void MaskFromAnotherTensorPicksRowMajorOrder()
    {
        // torch: t = arange(12.).view(3, 4).t(); m = zeros(4, 3, dtype=bool); m[1, 0] = m[3, 2] = m[0, 1] = True; t[m] == [4., 1., 11.]
        var t = Tensor.Arange(12.0).View(3, 4).T;
        var m = Tensor.Zeros([4, 3], DType.Bool);
        m[1, 0] = true;
        m[3, 2] = true;
        m[0, 1] = true;
        Assert.Equal(new float[] { 4, 1, 11 }, t[m].ToArray<float>());
    }

    [Fact]
    public void UInt8MaskActsAsBoolMask()
    {
        // torch (deprecated but supported): arange(4)[tensor([1, 0, 1, 0], dtype=uint8)] == [0, 2]
        var x = Tensor.Arange(4);
        Assert.Equal(new long[] { 0, 2 }, x[Tensor.From(new byte[] { 1, 0, 1, 0 })].ToArray<long>());
    }
}
