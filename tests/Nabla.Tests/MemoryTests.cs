namespace Nabla.Tests;

/// <summary>
/// <see cref="Memory"/>'s live and pooled counts and the buffer pool behind them: a collected large
/// tensor leaves the live count and lends its array to the next tensor of its size, which still
/// starts zeroed. Runs alone, since the counters are process-wide.
/// </summary>
[Collection(ProcessWideCounters.Name)]
public class MemoryTests
{
    private const int Floats = 1 << 18;  // 1 MiB: pooled

    [Fact]
    public void LargeStoragesAreLiveUntilCollectedThenPooledAndReused()
    {
        Collect();
        Memory.TrimPool();
        long live = Memory.LiveBytes;
        MakeAndDrop();
        Assert.Equal(live + 4L * Floats, LiveAfterMakeAndDrop.Value);
        Collect();
        Assert.Equal(live, Memory.LiveBytes);
        Assert.Equal(4L * Floats, Memory.PooledBytes);

        // The next tensor of that size takes the pooled array, filled by the dropped one, and clears it.
        var zeros = Tensor.Zeros(Floats);
        Assert.Equal(0, Memory.PooledBytes);
        Assert.Equal(live + 4L * Floats, Memory.LiveBytes);
        Assert.True(zeros.ToArray<float>().All(v => v == 0), "a reused array must come back zeroed");
        Memory.TrimPool();
        GC.KeepAlive(zeros);
    }

    [Fact]
    public void SmallStoragesAreNotTracked()
    {
        long live = Memory.LiveBytes;
        var small = Tensor.Ones(100);
        Assert.Equal(live, Memory.LiveBytes);
        GC.KeepAlive(small);
    }

    [Fact]
    public void AnArrayHandedOutAsASpanIsNotReused()
    {
        Collect();
        Memory.TrimPool();
        long live = Memory.LiveBytes;
        ExposeAndDrop();
        Collect();
        Assert.Equal(live, Memory.LiveBytes);
        Assert.Equal(0, Memory.PooledBytes);
    }

    [Fact]
    public void ASizeNobodyAsksForOverAWholeCycleIsDropped()
    {
        Collect();
        Memory.TrimPool();
        MakeAndDrop();  // a 1 MiB array in the pool
        Collect();
        Assert.Equal(4L * Floats, Memory.PooledBytes);
        // 40 MB of another size, kept alive: every request misses, so the pool runs at least two
        // collection cycles (one per 16 MB), the second after a whole cycle without a 1 MiB request.
        var held = new List<Tensor>();
        for (int i = 0; i < 20; i++) held.Add(Tensor.Zeros(2 * Floats));
        Assert.Equal(0, Memory.PooledBytes);
        GC.KeepAlive(held);
    }

    [Fact]
    public void TrimPoolEmptiesThePool()
    {
        Collect();
        MakeAndDrop();
        Collect();
        Assert.True(Memory.PooledBytes > 0);
        Memory.TrimPool();
        Assert.Equal(0, Memory.PooledBytes);
    }

    private static readonly System.Runtime.CompilerServices.StrongBox<long> LiveAfterMakeAndDrop = new();

    // Separate methods, not inlined, so no reference to the tensors outlives them in a register.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void MakeAndDrop()
    {
        var x = Tensor.Full([Floats], 7f, DType.Float32);
        LiveAfterMakeAndDrop.Value = Memory.LiveBytes;
        GC.KeepAlive(x);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ExposeAndDrop()
    {
        var x = Tensor.Zeros(Floats);
        Assert.Equal(0f, x.AsSpan<float>()[0]);
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
