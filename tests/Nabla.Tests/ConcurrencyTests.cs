namespace Nabla.Tests;

/// <summary>
/// Threads (issue 10): independent graphs on 8 threads give bitwise the sequential results, grad
/// mode is per thread, and the default generator and the buffer pool stay consistent under
/// concurrent use. In the <see cref="GlobalState"/> collection: they seed the default generator and
/// load every core.
/// </summary>
[Collection(GlobalState.Name)]
public sealed class ConcurrencyTests
{
    private const int Threads = 8;

    /// <summary>Runs <paramref name="body"/> on <see cref="Threads"/> threads released together by a barrier.</summary>
    private static T[] OnThreads<T>(int count, Func<int, T> body)
    {
        var results = new T[count];
        var errors = new Exception?[count];
        using var start = new Barrier(count);
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                results[i] = body(i);
            }
            catch (Exception e) { errors[i] = e; }
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) Assert.True(t.Join(TimeSpan.FromSeconds(60)), "a thread did not finish in 60 s");
        foreach (var e in errors) if (e is not null) throw new AggregateException(e);
        return results;
    }

    private static int[] Bits(Tensor t) => t.ToArray<float>().Select(BitConverter.SingleToInt32Bits).ToArray();

    /// <summary>A small training-like graph from its own generator: loss, and the gradients of every leaf, as bit patterns.</summary>
    private static int[][] Graph(int seed)
    {
        var gen = new Generator((ulong)seed);
        var x = Tensor.Randn([64, 96], generator: gen);
        var w1 = Tensor.Randn([96, 128], requiresGrad: true, generator: gen);
        var b1 = Tensor.Randn([128], requiresGrad: true, generator: gen);
        var w2 = Tensor.Randn([128, 10], requiresGrad: true, generator: gen);
        var labels = Tensor.Randint(0, 10, [64], generator: gen);
        var h = (x.Matmul(w1) + b1).Tanh();
        var logits = h.Matmul(w2) + h.Sum(dim: 1, keepDim: true) * 0.01;
        var loss = Tensor.CrossEntropy(logits, labels) + w1.Pow(2).Mean() + h.Softmax(dim: 1).Max();
        loss.Backward();
        return [Bits(loss), Bits(w1.Grad!), Bits(b1.Grad!), Bits(w2.Grad!), Bits(logits.Detach())];
    }

    [Fact]
    public void Independent_graphs_on_8_threads_match_sequential_runs_bitwise()
    {
        var sequential = Enumerable.Range(0, Threads).Select(Graph).ToArray();
        for (int round = 0; round < 3; round++)
        {
            var parallel = OnThreads(Threads, i => Graph(i));
            for (int i = 0; i < Threads; i++)
                for (int k = 0; k < sequential[i].Length; k++)
                    Assert.True(sequential[i][k].AsSpan().SequenceEqual(parallel[i][k]), $"thread {i}, output {k}, round {round} differs from the sequential run");
        }
    }

    [Fact]
    public void NoGrad_on_one_thread_does_not_leak_into_another()
    {
        using var entered = new ManualResetEventSlim();
        using var checkedOther = new ManualResetEventSlim();
        bool otherEnabled = false, otherRecorded = false, ownDisabled = false, ownRecorded = true;
        var noGrad = new Thread(() =>
        {
            using (Autograd.NoGrad())
            {
                entered.Set();
                checkedOther.Wait();
                ownDisabled = !Autograd.IsGradEnabled;
                var x = Tensor.Ones([3], DType.Float32, requiresGrad: true);
                ownRecorded = (x * 2).RequiresGrad;
            }
        });
        var other = new Thread(() =>
        {
            entered.Wait();
            otherEnabled = Autograd.IsGradEnabled;
            var x = Tensor.Ones([3], DType.Float32, requiresGrad: true);
            otherRecorded = (x * 2).RequiresGrad;
            checkedOther.Set();
        });
        noGrad.Start();
        other.Start();
        Assert.True(noGrad.Join(TimeSpan.FromSeconds(30)) && other.Join(TimeSpan.FromSeconds(30)));
        Assert.True(otherEnabled, "grad mode disabled on a thread that never entered NoGrad");
        Assert.True(otherRecorded, "an op on another thread was not recorded while one thread was in NoGrad");
        Assert.True(ownDisabled);
        Assert.False(ownRecorded);
        Assert.True(Autograd.IsGradEnabled);
    }

    [Fact]
    public void Separate_generators_on_threads_give_their_own_sequences()
    {
        static float[][] Draws(int seed)
        {
            var gen = new Generator((ulong)(1000 + seed));
            return Enumerable.Range(0, 20).Select(k => Tensor.Randn([k % 3 == 0 ? 100_000 : 257], generator: gen).ToArray<float>()).ToArray();
        }
        var sequential = Enumerable.Range(0, Threads).Select(Draws).ToArray();
        var parallel = OnThreads(Threads, Draws);
        for (int i = 0; i < Threads; i++)
            for (int k = 0; k < sequential[i].Length; k++)
                Assert.True(sequential[i][k].AsSpan().SequenceEqual(parallel[i][k]), $"generator {i}, draw {k}");
    }

    /// <summary>
    /// The default generator shared by threads: every concurrent draw must be one of the draws a
    /// sequential run from the same seed makes (each call takes its own part of the stream), none twice.
    /// </summary>
    [Fact]
    public void Default_generator_is_thread_safe()
    {
        const int perThread = 25, length = 1_000;
        Tensor.ManualSeed(123);
        var expected = new HashSet<string>();
        for (int i = 0; i < Threads * perThread; i++) expected.Add(Key(Tensor.Randn(length).ToArray<float>()));
        Assert.Equal(Threads * perThread, expected.Count);

        Tensor.ManualSeed(123);
        var draws = OnThreads(Threads, _ => Enumerable.Range(0, perThread).Select(_ => Key(Tensor.Randn(length).ToArray<float>())).ToArray());
        var all = draws.SelectMany(d => d).ToArray();
        Assert.Equal(all.Length, all.Distinct().Count());
        Assert.All(all, key => Assert.Contains(key, expected));
        Tensor.ManualSeed(0);

        static string Key(float[] values) => Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
    }

    /// <summary>
    /// Many threads allocate and drop pooled-size tensors (above the pool's threshold) while the GC
    /// recycles them: no array is ever handed to two live storages, so every tensor keeps its values.
    /// </summary>
    [Fact]
    public void Buffer_pool_is_thread_safe_under_concurrent_allocation()
    {
        const long n = 512 * 1024;   // 2 MiB of Float32: pooled
        OnThreads(Threads, id =>
        {
            for (int step = 0; step < 40; step++)
            {
                var a = Tensor.Full([n], (double)id);
                var b = a + 1;
                var c = Tensor.Empty([n]);
                Tensor.Mul(b, 2.0, destination: c);
                if (step % 10 == id % 10) GC.Collect();
                Assert.Equal(n * id, a.Sum().Item<float>(), 0);
                Assert.Equal(n * (id + 1), b.Sum().Item<float>(), 0);
                Assert.Equal(2.0f * n * (id + 1), c.Sum().Item<float>(), 0);
                Assert.Equal((float)id, a[n - 1].Item<float>());
            }
            return 0;
        });
    }
}
