namespace Nabla.Tests;

/// <summary>
/// <see cref="StridedLoop"/> hands every element to the kernel exactly once, with each operand's
/// offset, for any layout, any split over threads and any cap on the run length: the split cuts
/// rows and outer dims anywhere, and each worker restarts the walk mid-row. (The ops built on it
/// are checked against a reference at these sizes in <see cref="PropertyTests"/>.) Runs alone,
/// since <see cref="Threads.Count"/> is process-wide.
/// </summary>
[Collection(ProcessWideCounters.Name)]
public class StridedLoopTests
{
    private static readonly long[] RowLengths = [1, 2, 3, 10, 17, 64, 256, 1000];

    /// <summary>
    /// Records, for each element of a layout with distinct offsets (operand 0), the offsets of
    /// operands 1 and 2, and counts runs longer than <paramref name="maxRun"/> in <c>tooLong[0]</c>.
    /// </summary>
    private readonly struct Recorder(long[] visits, long[] first, long[] second, long maxRun, int[] tooLong) : IRunKernel
    {
        public void Run(long o0, long s0, long o1, long s1, long o2, long s2, long count)
        {
            if (count > maxRun) Interlocked.Increment(ref tooLong[0]);
            for (long k = 0; k < count; k++, o0 += s0, o1 += s1, o2 += s2)
            {
                Interlocked.Increment(ref visits[o0]);
                first[o0] = o1;
                second[o0] = o2;
            }
        }
    }

    /// <summary>A random shape of rank 1–4 with about <paramref name="target"/> elements and a row length from <see cref="RowLengths"/>.</summary>
    private static long[] RandomShape(Random rng, long target)
    {
        var shape = new long[1 + rng.Next(4)];
        if (shape.Length == 1) return [target];
        shape[^1] = RowLengths[rng.Next(RowLengths.Length)];
        long rest = Math.Max(1, target / shape[^1]);
        for (int d = shape.Length - 2; d >= 1; d--)
        {
            shape[d] = 1 + rng.Next(7);
            rest = Math.Max(1, rest / shape[d]);
        }
        shape[0] = rest;
        return shape;
    }

    /// <summary>Row-major strides of <paramref name="shape"/> laid out in a random dim order, so the elements have distinct offsets.</summary>
    private static long[] PermutedStrides(Random rng, long[] shape)
    {
        var order = Enumerable.Range(0, shape.Length).OrderBy(_ => rng.Next()).ToArray();
        var strides = new long[shape.Length];
        long step = 1;
        for (int k = order.Length - 1; k >= 0; k--)
        {
            strides[order[k]] = step;
            step *= shape[order[k]];
        }
        return strides;
    }

    /// <summary>Strides an input operand might have: contiguous, permuted, with a step, or broadcast (0) along random dims.</summary>
    private static long[] OperandStrides(Random rng, long[] shape)
    {
        var strides = PermutedStrides(rng, shape);
        for (int d = 0; d < shape.Length; d++)
        {
            if (rng.Next(3) == 0) strides[d] = 0;
            else if (rng.Next(4) == 0) strides[d] *= 2;
        }
        return strides;
    }

    private static IEnumerable<long[]> Indices(long[] shape)
    {
        long n = shape.Aggregate(1L, (p, s) => p * s);
        var index = new long[shape.Length];
        for (long i = 0; i < n; i++)
        {
            yield return index;
            for (int d = shape.Length - 1; d >= 0 && ++index[d] == shape[d]; d--) index[d] = 0;
        }
    }

    private static long Offset(long origin, long[] strides, long[] index)
    {
        for (int d = 0; d < index.Length; d++) origin += strides[d] * index[d];
        return origin;
    }

    [Fact]
    public void EveryElementIsVisitedOnceWithEachOperandsOffset()
    {
        var rng = new Random(2024);
        int original = Threads.Count;
        try
        {
            for (int round = 0; round < 60; round++)
            {
                Threads.Count = 1 + rng.Next(3);
                var shape = RandomShape(rng, rng.Next(4) == 0 ? rng.Next(1, 5000) : rng.Next(1, 4 * (int)StridedLoop.ParallelThreshold));
                var (strides0, strides1, strides2) = (PermutedStrides(rng, shape), OperandStrides(rng, shape), OperandStrides(rng, shape));
                (long origin0, long origin1, long origin2) = (rng.Next(5), rng.Next(5), rng.Next(5));
                long n = shape.Aggregate(1L, (p, s) => p * s);
                var (visits, first, second) = (new long[origin0 + n], new long[origin0 + n], new long[origin0 + n]);
                long maxRun = rng.Next(3) switch { 0 => long.MaxValue, 1 => 1 + rng.Next(20), _ => 1 + rng.Next(5000) };
                var tooLong = new int[1];
                var kernel = new Recorder(visits, first, second, maxRun, tooLong);
                StridedLoop.Run(shape, strides0, origin0, strides1, origin1, strides2, origin2, ref kernel, maxRun);
                var what = $"round {round}: shape [{string.Join(",", shape)}], strides [{string.Join(",", strides0)}] [{string.Join(",", strides1)}] [{string.Join(",", strides2)}], {Threads.Count} threads, runs of at most {maxRun}";
                Assert.True(tooLong[0] == 0, $"{what}: {tooLong[0]} runs were longer");
                foreach (var index in Indices(shape))
                {
                    long at = Offset(origin0, strides0, index);
                    if (visits[at] == 1 && first[at] == Offset(origin1, strides1, index) && second[at] == Offset(origin2, strides2, index)) continue;
                    Assert.Fail($"{what}: element [{string.Join(",", index)}] visited {visits[at]} times, operand offsets {first[at]}, {second[at]}");
                }
                Assert.Equal(n, visits.Sum());
            }
        }
        finally
        {
            Threads.Count = original;
        }
    }
}
