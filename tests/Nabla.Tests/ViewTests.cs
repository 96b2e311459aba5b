namespace Nabla.Tests;

/// <summary>
/// Views against PyTorch (tests/golden/core.json, groups "view" and "index_set"): each case
/// applies a chain of view ops to a fresh tensor and checks values, strides, storage offset,
/// contiguity and whether the storage is shared (that is, whether PyTorch's reshape copied).
/// </summary>
public class ViewTests
{
    public static TheoryData<string> ViewCases => GoldenReplay.Names("view");

    /// <summary>The setter cases that write through a view (or through a copy made by reshape).</summary>
    public static TheoryData<string> WriteThroughCases =>
        GoldenReplay.Names("index_set", name => name.StartsWith("set_through_", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(ViewCases))]
    public void ViewMatchesPyTorch(string name)
    {
        var c = GoldenReplay.Case(name);
        var input = Golden.Tensor(c.GetProperty("input"));
        var result = GoldenReplay.Apply(input, c.GetProperty("ops"));
        GoldenReplay.AssertResult(c, input, result);
    }

    [Theory]
    [MemberData(nameof(WriteThroughCases))]
    public void WriteThroughViewMatchesPyTorch(string name) => IndexingTests.ReplaySetter(name);

    [Fact]
    public void WritesThroughViewsAreVisibleInTheBase()
    {
        // torch: x = arange(12); X = x.view(3, 4); X.t()[1, 2] = 100; X[0].fill_(-1) -> x[9] == 100, x[:4] == -1
        var x = Tensor.Arange(12);
        var X = x.View(3, 4);
        X.T[1, 2] = 100;
        X[0].Fill(-1);
        Assert.Equal(new long[] { -1, -1, -1, -1, 4, 5, 6, 7, 8, 100, 10, 11 }, x.ToArray<long>());
        // And writes to the base show in every view.
        x[11] = 42;
        Assert.Equal(42, X[2, 3].Item<long>());
        Assert.Equal(42, X.T[3, 2].Item<long>());
        Assert.Equal(42, x.Reshape(2, 2, 3)[1, 1, 2].Item<long>());
    }

    [Fact]
    public void VersionIsSharedByViewsAndBumpedOncePerWrite()
    {
        // torch: x = arange(12.); X = x.view(3, 4); T = X.t()
        // X.copy_(ones) -> 1; T.fill_(2) -> 2; X.zero_() -> 3; X[1:2] = 5 -> 4; X[X > 1] = 7 -> 5;
        // X[tensor([0, 1])] = tensor(3.) -> 6; a clone starts at 0 and keeps its own counter.
        var x = Tensor.Arange(12.0);
        var X = x.View(3, 4);
        var T = X.T;
        Assert.Equal(0, x.Version);
        X.CopyFrom(Tensor.Ones(3, 4));
        Assert.Equal(new[] { 1, 1, 1 }, new[] { x.Version, X.Version, T.Version });
        T.Fill(2);
        Assert.Equal(2, x.Version);
        X.Clear();
        Assert.Equal(3, x.Version);
        X[1..2] = 5;
        Assert.Equal(4, x.Version);
        var c = X.Clone();
        Assert.Equal(0, c.Version);
        X[Tensor.From(new[] { false, true, true, false, false, false, true, true, true, true, true, true }).View(3, 4)] = 7;
        Assert.Equal(new[] { 5, 5, 5, 0 }, new[] { x.Version, X.Version, T.Version, c.Version });
        X[Tensor.From(new long[] { 0, 1 })] = Tensor.Scalar(3.0f);
        Assert.Equal(6, T.Version);
        Assert.Equal(0, c.Version);
        Assert.Same(x.Storage, T.Storage);
    }

    [Fact]
    public void ReadingDoesNotBumpTheVersion()
    {
        var x = Tensor.Arange(6).Reshape(2, 3);
        _ = x.T.Contiguous();
        _ = x[Tensor.From(new long[] { 1, 0 })];
        _ = x.ToArray<long>();
        _ = x.Clone();
        Assert.Equal(0, x.Version);
    }

    [Fact]
    public void ReshapeOfContiguousSharesStorageAndReshapeOfTransposedCopies()
    {
        // The API.md snippet: ReferenceEquals(X.Storage, X.Reshape(12).Storage) is true.
        var X = Tensor.Arange(12).Reshape(3, 4);
        Assert.Same(X.Storage, X.Reshape(12).Storage);
        Assert.Same(X.Storage, X.View(2, 6).Storage);
        Assert.Same(X.Storage, X.Reshape(-1, 4).Storage);
        // torch: X.t().reshape(12) copies (X.t().reshape(12)._base is None) and is contiguous.
        var flat = X.T.Reshape(12);
        Assert.NotSame(X.Storage, flat.Storage);
        Assert.True(flat.IsContiguous);
        Assert.Equal(new long[] { 0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11 }, flat.ToArray<long>());
    }

    [Fact]
    public void ContiguousReturnsTheSameObjectWhenAlreadyContiguous()
    {
        // torch: x.contiguous() is x for a contiguous x; x.t().contiguous() is a new tensor.
        var x = Tensor.Arange(6).Reshape(2, 3);
        Assert.Same(x, x.Contiguous());
        var t = x.T;
        var c = t.Contiguous();
        Assert.NotSame(t, c);
        Assert.NotSame(x.Storage, c.Storage);
        Assert.Equal(new long[] { 2, 1 }, c.Strides);
    }

    [Fact]
    public void CloneOwnsItsStorage()
    {
        var x = Tensor.Arange(6.0).Reshape(2, 3);
        var c = x.Clone();
        Assert.NotSame(x.Storage, c.Storage);
        c[0, 0] = 100;
        Assert.Equal(0.0f, x[0, 0].Item<float>());
        Assert.Equal(DType.Float32, c.DType);
        Assert.Equal(x.ToArray<float>().Skip(1), c.ToArray<float>().Skip(1));
    }

    [Fact]
    public void ExpandHasStrideZeroAndExpandAsMatchesShape()
    {
        // torch: arange(3).expand(2, -1).stride() == (0, 1); arange(3).reshape(3, 1).expand_as(zeros(2, 3, 4)).stride() == (0, 1, 0)
        var e = Tensor.Arange(3).Expand(2, -1);
        Assert.Equal(new long[] { 0, 1 }, e.Strides);
        Assert.Same(e.Storage, e.Expand(2, 3).Storage);
        var col = Tensor.Arange(3).Reshape(3, 1).ExpandAs(Tensor.Zeros(2, 3, 4));
        Assert.Equal(new long[] { 2, 3, 4 }, col.Shape.ToArray());
        Assert.Equal(new long[] { 0, 1, 0 }, col.Strides);
        Assert.False(col.IsContiguous);
        Assert.Equal(new long[] { 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2 }, col[1].ToArray<long>());
    }

    [Fact]
    public void StridesReturnsAFreshCopy()
    {
        var x = Tensor.Zeros(2, 3);
        var strides = x.Strides;
        strides[0] = 99;
        Assert.Equal(new long[] { 3, 1 }, x.Strides);
    }

    [Fact]
    public void ShapeBasics()
    {
        var s = Tensor.Arange(12).Shape;
        Assert.Equal("[12]", s.ToString());
        Assert.Equal(1, s.Rank);
        Assert.Equal(12, s[0]);
        Assert.Equal(12, s[-1]);
        Shape m = [3, 4];
        Assert.Equal("[3, 4]", m.ToString());
        Assert.Equal(12, m.Numel);
        Assert.True(m == new Shape(3, 4));
        Assert.Equal("[]", Tensor.Scalar(1.0).Shape.ToString());
        Assert.Equal(1, Tensor.Scalar(1.0).Numel);
    }
}
