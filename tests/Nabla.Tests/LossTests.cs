namespace Nabla.Tests;

/// <summary>The fused losses against their decompositions and finite differences.</summary>
public class LossTests
{
    private static Tensor Logits()
    {
        Tensor.ManualSeed(3);
        var logits = Tensor.Randn([5, 4], DType.Float64) * 3;
        logits.RequiresGrad = true;
        return logits;
    }

    private static readonly Tensor Targets = Tensor.From(new long[] { 0, 3, 1, 1, 2 });

    [Theory]
    [InlineData("mean")]
    [InlineData("sum")]
    [InlineData("none")]
    public void CrossEntropyMatchesLogSoftmaxThenPick(string reduction)
    {
        var logits = Logits();
        var picked = -logits.LogSoftmax(1)[Tensor.Arange(5), Targets];
        var expected = reduction switch { "mean" => picked.Mean(), "sum" => picked.Sum(), _ => picked };
        var fused = Tensor.CrossEntropy(logits, Targets, reduction);
        Assert.Equal(expected.ToArray<double>(), fused.ToArray<double>(), new Tolerance(1e-12));
        Assert.Equal("NllLossBackward0", fused.GradFn!.Name);
        var g1 = Autograd.Grad([fused.Sum()], [logits])[0];
        var g2 = Autograd.Grad([expected.Sum()], [logits])[0];
        Assert.Equal(g2.ToArray<double>(), g1.ToArray<double>(), new Tolerance(1e-12));
    }

    [Fact]
    public void CrossEntropyPassesGradCheckToSecondOrder()
    {
        var logits = Logits();
        Assert.True(Autograd.GradCheck(t => Tensor.CrossEntropy(t, Targets), logits));
        Assert.True(Autograd.GradCheck(t => Autograd.Grad([Tensor.CrossEntropy(t, Targets)], [t], createGraph: true)[0].Square().Sum(), logits));
    }

    [Fact]
    public void CrossEntropyIsStableForHugeLogits()
    {
        var logits = Tensor.From(new float[,] { { 1000, 0 }, { -1000, 1000 } });
        var loss = Tensor.CrossEntropy(logits, Tensor.From(new long[] { 0, 1 }));
        Assert.Equal(0f, loss.Item<float>());
    }

    [Fact]
    public void CrossEntropyRejectsBadInput()
    {
        var logits = Tensor.Zeros(2, 3);
        Assert.Throws<IndexOutOfRangeException>(() => Tensor.CrossEntropy(logits, Tensor.From(new long[] { 0, 3 })));
        Assert.Contains("[2]", Assert.Throws<ArgumentException>(() => Tensor.CrossEntropy(logits, Tensor.From(new long[] { 0 }))).Message);
        Assert.Throws<ArgumentException>(() => Tensor.CrossEntropy(logits, Tensor.From(new long[] { 0, 1 }), "avg"));
    }

    [Fact]
    public void MseLossIsTheMeanSquaredError()
    {
        var input = Tensor.From(new[] { 1.0, 2, 3 });
        var target = Tensor.From(new[] { 1.0, 0, 0 });
        Assert.Equal(13.0 / 3, Tensor.MseLoss(input, target).Item<double>(), 12);
        Assert.Equal(13.0, Tensor.MseLoss(input, target, "sum").Item<double>(), 12);
    }

    private sealed class Tolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance * Math.Max(1, Math.Abs(b));
        public int GetHashCode(double value) => 0;
    }
}
