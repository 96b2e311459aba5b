using Tensor = Nabla.Tensor;

namespace Nabla.Bench;

/// <summary>
/// Random fills (issue 6): Randn/Rand of 16e6 elements beside the limit of writing that much
/// memory (a raw fill loop, one thread and all cores) and beside what a plain C# loop does
/// (System.Random with scalar Box–Muller). The rate column is ns per element; 1 / it is Gsample/s
/// (the target is ≥ 1 Gsample/s, ≤ 1 ns/elem, for Float32 Randn on two cores).
/// </summary>
[CaseTable(20)]
internal static class RandomCases
{
    private const int Big = 16_000_000;

    private static readonly string Threads = $"{Environment.ProcessorCount} thread{(Environment.ProcessorCount == 1 ? "" : "s")}";

    public static readonly Case[] Cases =
    [
        new("random", "Randn 16e6 f32, new tensor", Work.Elements(Big), () =>
        {
            var generator = new Generator(seed: 1);
            return new(new Impl("Nabla", () => Tensor.Randn([Big], generator: generator)), FillBaselines(), Check(() => Tensor.Randn([Big], generator: generator)));
        }),
        new("random", "FillNormal 16e6 f32, existing tensor", Work.Elements(Big), () =>
        {
            var generator = new Generator(seed: 2);
            var x = Tensor.Empty(Big);
            return new(new Impl("Nabla", () => x.FillNormal(generator: generator)), FillBaselines(), Check(() => x.FillNormal(generator: generator)));
        }),
        new("random", "Rand 16e6 f32, existing tensor", Work.Elements(Big), () =>
        {
            var generator = new Generator(seed: 3);
            var x = Tensor.Empty(Big);
            return new(new Impl("Nabla", () => x.FillUniform(generator: generator)), FillBaselines());
        }),
        new("random", "Randn 16e6 f64, new tensor", Work.Elements(Big), () =>
        {
            var generator = new Generator(seed: 4);
            var array = new double[Big];
            return new(() => Tensor.Randn([Big], DType.Float64, generator: generator),
                new Impl("raw fill loop (Span.Fill), 1 thread", () =>
                {
                    array.AsSpan().Fill(1.0);
                    return array;
                }));
        }),
    ];

    /// <summary>The memory limit (writing 64 MB) and the naive managed generator, on arrays allocated once.</summary>
    private static Impl[] FillBaselines()
    {
        var one = new float[Big];
        var all = new float[Big];
        var naive = new float[Big];
        var random = new Random(5);
        return
        [
            new Impl("raw fill loop (Span.Fill), 1 thread", () =>
            {
                one.AsSpan().Fill(1f);
                return one;
            }),
            new Impl($"raw fill loop (Span.Fill), {Threads}", () =>
            {
                int workers = Environment.ProcessorCount;
                Parallel.For(0, workers, w =>
                {
                    int begin = (int)((long)Big * w / workers), end = (int)((long)Big * (w + 1) / workers);
                    all.AsSpan(begin, end - begin).Fill(1f);
                });
                return all;
            }),
            new Impl("System.Random + scalar Box–Muller, 1 thread", () =>
            {
                for (int i = 0; i < Big; i += 2)
                {
                    double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
                    double r = Math.Sqrt(-2 * Math.Log(u1));
                    naive[i] = (float)(r * Math.Cos(2 * Math.PI * u2));
                    naive[i + 1] = (float)(r * Math.Sin(2 * Math.PI * u2));
                }
                return naive;
            }),
        ];
    }

    /// <summary>Fails the case if the draw is not standard normal to three decimals (a broken kernel must not look fast).</summary>
    private static Action Check(Func<Tensor> draw) => () =>
    {
        var x = draw();
        double mean = x.Mean().Item<double>(), variance = x.Var().Item<double>();
        if (Math.Abs(mean) > 2e-3 || Math.Abs(variance - 1) > 3e-3)
            throw new InvalidOperationException($"Randn is not standard normal: mean {mean}, variance {variance}");
    };
}
