namespace Nabla.Tests;

/// <summary>
/// Tensor.ToString() against PyTorch's repr (tests/golden/repr.json, written by
/// tests/golden/generate_repr.py), plus the cases a golden file cannot express: views,
/// the summarisation threshold, and the number formatting itself.
/// </summary>
[Collection(nameof(PrintingTests))]
public class PrintingTests
{
    public static TheoryData<string> GoldenNames()
    {
        var names = new TheoryData<string>();
        foreach (var c in Golden.Cases("repr")) names.Add(c.GetProperty("name").GetString()!);
        return names;
    }

    [Theory]
    [MemberData(nameof(GoldenNames))]
    public void MatchesPyTorchRepr(string name)
    {
        var c = Golden.Case("repr", name);
        var t = Golden.Tensor(c.GetProperty("input"));
        Assert.Equal(c.GetProperty("repr").GetString(), t.ToString());
    }

    [Fact]
    public void GoldenFileCoversEveryDType()
    {
        var dtypes = Golden.Cases("repr").Select(c => Golden.DTypeOf(c.GetProperty("input").GetProperty("dtype"))).ToHashSet();
        Assert.Equal(Enum.GetValues<DType>().ToHashSet(), dtypes);
    }

    [Fact]
    public void TransposedViewPrintsItsLogicalOrder()
    {
        var t = Tensor.Arange(6).Reshape(2, 3).T;
        Assert.False(t.IsContiguous);
        Assert.Equal("tensor([[0, 3],\n        [1, 4],\n        [2, 5]])", t.ToString());
    }

    [Fact]
    public void SummarisedTransposedViewPrintsItsLogicalOrder()
    {
        // repr(torch.arange(2000).reshape(40, 50).T)
        const string expected =
            "tensor([[   0,   50,  100,  ..., 1850, 1900, 1950],\n" +
            "        [   1,   51,  101,  ..., 1851, 1901, 1951],\n" +
            "        [   2,   52,  102,  ..., 1852, 1902, 1952],\n" +
            "        ...,\n" +
            "        [  47,   97,  147,  ..., 1897, 1947, 1997],\n" +
            "        [  48,   98,  148,  ..., 1898, 1948, 1998],\n" +
            "        [  49,   99,  149,  ..., 1899, 1949, 1999]])";
        Assert.Equal(expected, Tensor.Arange(2000).Reshape(40, 50).T.ToString());
    }

    [Fact]
    public void StridedSliceWithOffsetPrintsItsElements()
    {
        // A slice of a transposed view: offset and strides both differ from the base.
        var t = Tensor.Arange(12.0).Reshape(4, 3).T[.., 1..3];  // [[3, 6], [4, 7], [5, 8]]
        Assert.Equal("tensor([[3., 6.],\n        [4., 7.],\n        [5., 8.]])", t.ToString());
        var rows = Tensor.Arange(12.0).Reshape(3, 4)[1..3];
        Assert.Equal("tensor([[ 4.,  5.,  6.,  7.],\n        [ 8.,  9., 10., 11.]])", rows.ToString());
    }

    [Fact]
    public void SummarisesOnlyPastOneThousandElements()
    {
        Assert.DoesNotContain("...", Tensor.Arange(1000).ToString());
        Assert.Equal("tensor([   0,    1,    2,  ...,  998,  999, 1000])", Tensor.Arange(1001).ToString());
        // 1296 elements but no dimension longer than 6: nothing to elide, everything printed.
        Assert.DoesNotContain("...", Tensor.Zeros(6, 6, 6, 6).ToString());
    }

    [Fact]
    public void SummarisingCopiesOnlyTheEdges()
    {
        var big = Tensor.Zeros(2000, 2000);  // 16 MB
        long before = Memory.TotalAllocatedBytes;
        string text = big.ToString();
        long allocated = Memory.TotalAllocatedBytes - before;
        Assert.Contains("...", text);
        Assert.True(allocated < 100_000, $"printing allocated {allocated} bytes of storage");
    }

    [Fact]
    public void EmptyAndZeroDimensionalTensors()
    {
        Assert.Equal("tensor([])", Tensor.Zeros(0).ToString());
        Assert.Equal("tensor([], size=(0, 3), dtype=torch.int64)", Tensor.Zeros([0, 3], DType.Int64).ToString());
        Assert.Equal("tensor(3.5000, dtype=torch.float64)", Tensor.Scalar(3.5).ToString());
        Assert.Equal("tensor(3.5000)", Tensor.Scalar(3.5f).ToString());
        Assert.Equal("tensor(True)", Tensor.Scalar(true).ToString());
    }

    [Fact]
    public void Float32PrintsItsWidenedValue()
    {
        // Python formats float(np.float32(0.1)) = 0.10000000149011612.
        Assert.Equal("tensor([0.1000, 0.2000])", Tensor.From(new[] { 0.1f, 0.2f }).ToString());
        Assert.Equal("tensor([1.0000e-01, 1.0000e-05])", Tensor.From(new[] { 0.1f, 1e-5f }).ToString());
    }

    [Theory]
    // Expected strings are Python's '{:.4e}'.format(x) / '{:.4f}'.format(x) / '{:.0f}'.format(x).
    [InlineData(1e9, 'e', 4, "1.0000e+09")]
    [InlineData(1e100, 'e', 4, "1.0000e+100")]
    [InlineData(-1.5e-100, 'e', 4, "-1.5000e-100")]
    [InlineData(0.0, 'e', 4, "0.0000e+00")]
    [InlineData(-0.0, 'e', 4, "-0.0000e+00")]
    [InlineData(9.99995, 'e', 4, "1.0000e+01")]
    [InlineData(5e-324, 'e', 4, "4.9407e-324")]
    [InlineData(1.7976931348623157e308, 'e', 4, "1.7977e+308")]
    [InlineData(1.03125, 'e', 4, "1.0312e+00")]
    [InlineData(0.03125, 'f', 4, "0.0312")]
    [InlineData(-0.0, 'f', 4, "-0.0000")]
    [InlineData(1e-300, 'f', 4, "0.0000")]
    [InlineData(0.00005, 'f', 4, "0.0001")]
    [InlineData(0.00015, 'f', 4, "0.0001")]
    [InlineData(123456789.00005, 'f', 4, "123456789.0000")]
    [InlineData(2.5, 'f', 0, "2")]
    [InlineData(3.5, 'f', 0, "4")]
    [InlineData(1e22, 'f', 0, "10000000000000000000000")]
    [InlineData(double.NaN, 'f', 4, "nan")]
    [InlineData(double.NegativeInfinity, 'e', 4, "-inf")]
    public void FormatsNumbersLikePython(double value, char style, int precision, string expected)
    {
        string actual = style == 'e' ? PythonFormat.Exponential(value, precision) : PythonFormat.Fixed(value, precision);
        Assert.Equal(expected, actual);
    }
}

/// <summary>Runs PrintingTests alone: one test counts storage bytes allocated process-wide.</summary>
[CollectionDefinition(nameof(PrintingTests), DisableParallelization = true)]
public class PrintingTestsCollection;
