namespace Nabla.Tests;

/// <summary>
/// <see cref="Threads.Count"/> changes speed, never results: large ops computed with one thread and
/// with every core agree bit for bit. Runs alone, since the setting is process-wide.
/// </summary>
[Collection(ProcessWideCounters.Name)]
public class ThreadsTests
{
    [Fact]
    public void LargeOpsGiveIdenticalResultsForAnyThreadCount()
    {
        Tensor.ManualSeed(11);
        var x = Tensor.Randn(1_000_000);
        var a = Tensor.Randn(300, 400);
        var b = Tensor.Randn(400, 500);
        int original = Threads.Count;
        try
        {
            var results = new List<float[]>[2];
            foreach (int threads in new[] { 1, Math.Max(2, original) })
            {
                Threads.Count = threads;
                Tensor.ManualSeed(5);
                results[threads == 1 ? 0 : 1] =
                [
                    x.Sum().ToArray<float>(),
                    (x.Exp() + x).ToArray<float>(),
                    Tensor.Matmul(a, b).ToArray<float>(),
                    a.T.Contiguous().ToArray<float>(),
                    Linalg.VectorNorm(x).ToArray<float>(),
                    Tensor.Randn(200_000).ToArray<float>(),
                    x.Reshape(1000, 1000).Sum(dim: 1).ToArray<float>(),
                    x.Reshape(100, 10_000).Sum(dim: 0).ToArray<float>(),
                ];
            }
            for (int i = 0; i < results[0].Count; i++)
                Assert.True(results[0][i].AsSpan().SequenceEqual(results[1][i]), $"result {i} differs between 1 and {Math.Max(2, original)} threads");
        }
        finally
        {
            Threads.Count = original;
        }
    }

    [Fact]
    public void CountMustBePositive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Threads.Count = 0);
        Assert.True(Threads.Count >= 1);
    }
}
