namespace Nabla.Tests;

public class SmokeTests
{
    [Fact]
    public void ArangeReshapeIndex()
    {
        var x = Tensor.Arange(12);
        var X = x.Reshape(3, 4);
        Assert.Equal(DType.Int64, X.DType);
        Assert.Equal(new long[] { 4, 5, 6, 7 }, X[1].ToArray<long>());
        Assert.Equal(new long[] { 8, 9, 10, 11 }, X[^1].ToArray<long>());
        Assert.Equal(new long[] { 1, 5, 9 }, X[.., 1].ToArray<long>());
        X[1, 2] = 17;
        Assert.Equal(17, x[6].Item<long>());
        X[..2, ..] = 12;
        Assert.Equal(new long[] { 12, 12, 12, 12, 12, 12, 12, 12, 8, 9, 10, 11 }, x.ToArray<long>());
        var picked = X[Tensor.From(new long[] { 0, 2 })];
        Assert.Equal(new long[] { 2, 4 }, picked.Shape.ToArray());
        var mask = Tensor.From(new[] { true, false, true });
        Assert.Equal(new long[] { 12, 12, 12, 12, 8, 9, 10, 11 }, X[mask].ToArray<long>());
        Assert.Equal(new long[] { 4, 3 }, X.T.Shape.ToArray());
        Assert.Equal(new long[] { 12, 12, 8, 12, 12, 9, 12, 12, 10, 12, 12, 11 }, X.T.Contiguous().ToArray<long>());
    }
}
