using System.Diagnostics;
using Tensor = Nabla.Tensor;

namespace Nabla.Bench;

/// <summary>
/// The soak test of issue 10: a training loop (MLP, cross-entropy, SGD under NoGrad) run for many
/// steps while the working set and the managed allocation are sampled; it prints the samples and
/// whether both stay flat, and fails the case when memory grows. The timed op is one step.
/// <c>NABLA_SOAK_STEPS</c> sets the number of steps (default 5 000; the issue's figure is 100 000),
/// <c>NABLA_SOAK_EVERY</c> the sampling interval (default a twentieth of the steps):
/// <c>NABLA_SOAK_STEPS=100000 dotnet run -c Release --project bench/Nabla.Bench -- soak</c>.
/// </summary>
[CaseTable(90)]
internal static class SoakCases
{
    private const int Batch = 64, Inputs = 784, Hidden = 128, Classes = 10;

    public static readonly Case[] Cases =
    [
        new("soak", "MLP 784→128→10 training loop, memory sampled", Work.Flops(6.0 * Batch * (Inputs * Hidden + Hidden * Classes)), () =>
        {
            var model = new Mlp();
            return new CaseBody(new Impl("Nabla", model.Step), [], Check: () => Soak(model));
        }),
    ];

    /// <summary>Fixed data and parameters; <see cref="Step"/> is one forward, backward and SGD update.</summary>
    private sealed class Mlp
    {
        private readonly Tensor images, labels;
        private readonly Tensor[] parameters;

        public Mlp()
        {
            var gen = new Generator(0);
            images = Tensor.Rand([Batch, Inputs], generator: gen);
            labels = Tensor.Randint(0, Classes, [Batch], generator: gen);
            parameters =
            [
                (Tensor.Randn([Inputs, Hidden], generator: gen) * 0.05).Detach(), Tensor.Zeros(Hidden),
                (Tensor.Randn([Hidden, Classes], generator: gen) * 0.05).Detach(), Tensor.Zeros(Classes),
            ];
            foreach (var p in parameters) p.RequiresGrad = true;
        }

        public object? Step() => TrainingCases.SgdStep(images, labels, parameters, 0.05);
    }

    private readonly record struct Sample(long Step, double Seconds, long WorkingSet, long ManagedHeap, long AllocatedPerStep, long StorageBytesPerStep,
        long LiveBytes, long PooledBytes, float Loss);

    private static void Soak(Mlp model)
    {
        long steps = long.TryParse(Environment.GetEnvironmentVariable("NABLA_SOAK_STEPS"), out var s) && s > 0 ? s : 5_000;
        long every = long.TryParse(Environment.GetEnvironmentVariable("NABLA_SOAK_EVERY"), out var e) && e > 0 ? e : Math.Max(1, steps / 20);
        var samples = new List<Sample>();
        var process = Process.GetCurrentProcess();
        var clock = Stopwatch.StartNew();
        long allocated = GC.GetTotalAllocatedBytes(precise: true), storage = Memory.TotalAllocatedBytes;
        Console.WriteLine($"soak: {steps} steps, sampled every {every}");
        Console.WriteLine($"  {"step",9} {"s",7} {"working set",12} {"managed heap",13} {"alloc/step",11} {"storage/step",13} {"live",10} {"pooled",10} {"loss",8}");
        for (long step = 1; step <= steps; step++)
        {
            var loss = (Tensor)model.Step()!;
            if (step % every != 0 && step != steps) continue;
            long interval = step - (samples.Count == 0 ? 0 : samples[^1].Step);
            process.Refresh();
            long nowAllocated = GC.GetTotalAllocatedBytes(precise: true), nowStorage = Memory.TotalAllocatedBytes;
            var sample = new Sample(step, clock.Elapsed.TotalSeconds, process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false),
                (nowAllocated - allocated) / interval, (nowStorage - storage) / interval, Memory.LiveBytes, Memory.PooledBytes, loss.Item<float>());
            (allocated, storage) = (nowAllocated, nowStorage);
            samples.Add(sample);
            Console.WriteLine($"  {sample.Step,9} {sample.Seconds,7:F1} {Mb(sample.WorkingSet),12} {Mb(sample.ManagedHeap),13} {Kb(sample.AllocatedPerStep),11} {Kb(sample.StorageBytesPerStep),13} {Mb(sample.LiveBytes),10} {Mb(sample.PooledBytes),10} {sample.Loss,8:F4}");
        }
        Verdict(samples);
    }

    /// <summary>
    /// Flat means: after the first quarter (warm-up: JIT, pool filling), the working set's largest
    /// sample exceeds its smallest by under 10% + 32 MB, and the allocation per step of the last
    /// sample is within 50% of the first one after warm-up.
    /// </summary>
    private static void Verdict(List<Sample> samples)
    {
        var steady = samples.Skip(samples.Count / 4).ToList();
        if (steady.Count < 2)
        {
            Console.WriteLine("soak: too few samples for a verdict (raise NABLA_SOAK_STEPS)");
            return;
        }
        long wsMin = steady.Min(x => x.WorkingSet), wsMax = steady.Max(x => x.WorkingSet);
        bool wsFlat = wsMax - wsMin < wsMin / 10 + (32L << 20);
        double allocFirst = Math.Max(1, steady[0].AllocatedPerStep), allocLast = steady[^1].AllocatedPerStep;
        bool allocFlat = Math.Abs(allocLast - allocFirst) <= 0.5 * allocFirst;
        Console.WriteLine($"soak: working set {Mb(wsMin)}..{Mb(wsMax)} after warm-up: {(wsFlat ? "flat" : "GROWING")}; " +
                          $"managed allocation {Kb((long)allocFirst)} → {Kb((long)allocLast)} per step: {(allocFlat ? "flat" : "CHANGING")}");
        if (!wsFlat || !allocFlat)
            throw new InvalidOperationException("soak: memory did not stay flat (see the samples above)");
    }

    private static string Mb(long bytes) => $"{bytes / (1024.0 * 1024):F1} MB";
    private static string Kb(long bytes) => $"{bytes / 1024.0:F1} KB";
}
