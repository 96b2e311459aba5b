namespace Nabla.Bench;

/// <summary>The tensor core: creation, views, layout copies, conversion to arrays.</summary>
[CaseTable(0)]
internal static class CoreCases
{
    private const int Side = 1024, Square = Side * Side, Big = 16_000_000;

    /// <summary>"2 threads" on a 2-core machine: the parallel baselines use every core, as Nabla's large ops may.</summary>
    private static readonly string Threads = $"{Environment.ProcessorCount} thread{(Environment.ProcessorCount == 1 ? "" : "s")}";

    public static readonly Case[] Cases =
    [
        new("core", "From(float[3])", Work.None, () =>
        {
            float[] three = [1f, 2f, 3f];
            return new(() => Tensor.From(three),
                new Impl("new float[3] + CopyTo", () =>
                {
                    var copy = new float[3];
                    three.AsSpan().CopyTo(copy);
                    return copy;
                }));
        }),

        new("core", "X[1..3] of 1024²", Work.None, () =>
        {
            var (x, data) = Matrix();
            return new(() => x[1..3],
                new Impl("MinimalView(obj + 2 long[2])", () => new Baselines.MinimalView(data, [2, Side], [Side, 1], Side)));
        }),

        new("core", "X[.., 1] of 1024²", Work.None, () =>
        {
            var (x, data) = Matrix();
            return new(() => x[.., 1],
                new Impl("MinimalView(obj + 2 long[1])", () => new Baselines.MinimalView(data, [Side], [Side], 1)));
        }),

        // Read + write of 4 MiB each.
        new("core", "X.T.Contiguous() 1024²", Work.Bytes(2.0 * sizeof(float) * Square), () =>
        {
            var (x, data) = Matrix();
            float[] naive = new float[Square], blocked = new float[Square], parallel = new float[Square];
            return new CaseBody(
                new Impl("Nabla", () => x.T.Contiguous()),
                [
                    new Impl("naive transpose loop", () => Baselines.TransposeNaive(data, naive, Side, Side)),
                    new Impl("blocked 8×8 transpose", () => Baselines.TransposeBlocked(data, blocked, Side, Side)),
                    new Impl($"blocked 8×8, {Threads}", () => Baselines.TransposeBlockedParallel(data, parallel, Side, Side)),
                ],
                Check: () =>
                {
                    var expected = x.T.Contiguous().ToArray<float>();
                    Require(Baselines.TransposeNaive(data, naive, Side, Side).AsSpan().SequenceEqual(expected), "naive transpose differs from Nabla");
                    Require(Baselines.TransposeBlocked(data, blocked, Side, Side).AsSpan().SequenceEqual(expected), "blocked transpose differs from Nabla");
                    Require(Baselines.TransposeBlockedParallel(data, parallel, Side, Side).AsSpan().SequenceEqual(expected), "parallel transpose differs from Nabla");
                });
        }),

        new("core", "ToArray<float>() 1024²", Work.Bytes(2.0 * sizeof(float) * Square), () =>
        {
            var (x, data) = Matrix();
            var existing = new float[Square];
            return new CaseBody(
                new Impl("Nabla", () => x.ToArray<float>()),
                [
                    new Impl("new float[] + Array.Copy", () =>
                    {
                        var copy = new float[Square];
                        Array.Copy(data, copy, Square);
                        return copy;
                    }),
                    new Impl("Span.CopyTo → existing array", () =>
                    {
                        data.AsSpan().CopyTo(existing);
                        return existing;
                    }),
                ],
                Check: () => Require(x.ToArray<float>().AsSpan().SequenceEqual(data), "ToArray differs from the data"));
        }),

        // Read + write of 64 MB each.
        new("core", "Clone() 16e6 f32", Work.Bytes(2.0 * sizeof(float) * Big), () =>
        {
            var x = Tensor.Arange(Big, dtype: DType.Float32);
            var data = x.ToArray<float>();
            var existing = new float[Big];
            return new CaseBody(
                new Impl("Nabla", () => x.Clone()),
                [
                    new Impl("Vector512 copy → existing", () => Baselines.CopyVector(data, existing)),
                    new Impl("NT-store copy → existing", () => Baselines.CopyNonTemporal(data, existing)),
                    new Impl($"NT-store copy, {Threads} → existing", () => Baselines.CopyNonTemporalParallel(data, existing)),
                    new Impl("Span.CopyTo → existing array", () =>
                    {
                        data.AsSpan().CopyTo(existing);
                        return existing;
                    }),
                    new Impl("uninit new float[] + CopyTo", () =>
                    {
                        var copy = GC.AllocateUninitializedArray<float>(Big);
                        data.AsSpan().CopyTo(copy);
                        return copy;
                    }),
                ],
                Check: () =>
                {
                    Require(x.Clone().AsSpan<float>().SequenceEqual(data), "Clone differs from the data");
                    Require(Baselines.CopyVector(data, existing).AsSpan().SequenceEqual(data), "Vector512 copy loop is wrong");
                    Array.Clear(existing);
                    Require(Baselines.CopyNonTemporal(data, existing).AsSpan().SequenceEqual(data), "non-temporal copy loop is wrong");
                    Array.Clear(existing);
                    Require(Baselines.CopyNonTemporalParallel(data, existing).AsSpan().SequenceEqual(data), "parallel non-temporal copy is wrong");
                });
        }),
    ];

    /// <summary>A 1024×1024 Float32 tensor holding 0, 1, 2, … and a plain array of the same values.</summary>
    private static (Tensor X, float[] Data) Matrix()
    {
        var x = Tensor.Arange(Square, dtype: DType.Float32).Reshape(Side, Side);
        return (x, x.ToArray<float>());
    }

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new InvalidOperationException(message);
    }
}
