namespace Nabla;

/// <summary>
/// Work done on one run of elements: <c>count</c> elements of each of three operands, operand k
/// starting at storage index <c>offsetK</c> and stepping by <c>strideK</c>. Operand 0 is the
/// output; unary kernels ignore operand 2.
/// </summary>
internal interface IRunKernel
{
    void Run(long offset0, long stride0, long offset1, long stride1, long offset2, long stride2, long count);
}

/// <summary>
/// Walks up to three strided layouts of one shape in lockstep, handing the kernel the longest
/// inner runs it can: size-1 dims are dropped and neighbours that are contiguous for every
/// operand merged, so contiguous operands form one run and a transposed or sliced one a run per
/// outer index. Large iterations are split over cores along the outer index space.
/// </summary>
internal static class StridedLoop
{
    /// <summary>
    /// Below this many elements an op runs on the calling thread. Handing half of the work to a
    /// pool thread costs 2–4 µs here, and 10 µs or more when the other core is busy: adding 32k
    /// floats on two threads takes 1.2× as long as on one, 64k floats 0.8× (1.0× on a busy
    /// machine), 128k floats 0.6× even on a busy machine. The split starts between the last two.
    /// </summary>
    public const long ParallelThreshold = 96 * 1024;

    /// <summary>The fewest elements a worker gets: the split never makes a handoff cost more than the work it moves.</summary>
    private const long MinPerWorker = ParallelThreshold / 2;

    public static void Run<TKernel>(ReadOnlySpan<long> shape, ReadOnlySpan<long> strides0, long offset0,
        ReadOnlySpan<long> strides1, long offset1, ref TKernel kernel) where TKernel : struct, IRunKernel =>
        Run(shape, strides0, offset0, strides1, offset1, strides1, offset1, ref kernel);

    /// <summary>Runs the kernel over the shape; <paramref name="maxRun"/> is the longest run to hand it (longer ones are cut).</summary>
    public static void Run<TKernel>(ReadOnlySpan<long> shape, ReadOnlySpan<long> strides0, long offset0,
        ReadOnlySpan<long> strides1, long offset1, ReadOnlySpan<long> strides2, long offset2, ref TKernel kernel,
        long maxRun = long.MaxValue) where TKernel : struct, IRunKernel
    {
        // One plan per thread, reused: a small op should allocate nothing here. Kernels never
        // re-enter the loop, and parallel workers only read the caller's plan.
        var plan = cachedPlan ??= new Plan();
        if (!plan.Coalesce(shape, strides0, strides1, strides2)) return;  // no elements
        long total = plan.Total;
        int workers = (int)Math.Min(Threads.Count, total / MinPerWorker);
        var walk = new Walker(offset0, offset1, offset2, maxRun);
        if (workers <= 1)
        {
            plan.Walk(walk, 0, total, ref kernel);
            return;
        }
        RunParallel(plan.Clone(), walk, total, workers, kernel);
    }

    /// <summary>
    /// Chunks of whole elements in row-major order; each worker restarts the odometer at its start.
    /// The workers get their own copy of the plan, so the thread's cached one stays free. (A method
    /// of its own so the serial path does not allocate the lambda's closure.)
    /// </summary>
    private static void RunParallel<TKernel>(Plan plan, Walker walk, long total, int workers, TKernel kernel) where TKernel : struct, IRunKernel
    {
        long chunk = (total + workers - 1) / workers;
        Parallel.For(0, workers, w =>
        {
            var local = kernel;
            long start = w * chunk;
            plan.Walk(walk, start, Math.Min(total, start + chunk), ref local);
        });
    }

    [ThreadStatic] private static Plan? cachedPlan;

    /// <summary>Where the three operands start, and the longest run the kernel takes.</summary>
    private readonly record struct Walker(long O0, long O1, long O2, long MaxRun);

    /// <summary>The coalesced iteration space: sizes and the three operands' strides, innermost last.</summary>
    private sealed class Plan
    {
        private long[] sizes = new long[8], s0 = new long[8], s1 = new long[8], s2 = new long[8];
        private int rank;

        public Plan Clone() => new()
        {
            sizes = (long[])sizes.Clone(),
            s0 = (long[])s0.Clone(),
            s1 = (long[])s1.Clone(),
            s2 = (long[])s2.Clone(),
            rank = rank,
        };

        public long Total
        {
            get
            {
                long total = 1;
                for (int d = 0; d < rank; d++) total *= sizes[d];
                return total;
            }
        }

        public bool Coalesce(ReadOnlySpan<long> shape, ReadOnlySpan<long> st0, ReadOnlySpan<long> st1, ReadOnlySpan<long> st2)
        {
            rank = 0;
            if (sizes.Length < shape.Length)
            {
                sizes = new long[shape.Length];
                s0 = new long[shape.Length];
                s1 = new long[shape.Length];
                s2 = new long[shape.Length];
            }
            for (int d = 0; d < shape.Length; d++)
            {
                long size = shape[d];
                if (size == 0) return false;
                if (size == 1) continue;
                if (rank > 0 && s0[rank - 1] == st0[d] * size && s1[rank - 1] == st1[d] * size && s2[rank - 1] == st2[d] * size)
                {
                    sizes[rank - 1] *= size;
                }
                else
                {
                    sizes[rank] = size;
                    rank++;
                }
                s0[rank - 1] = st0[d];
                s1[rank - 1] = st1[d];
                s2[rank - 1] = st2[d];
            }
            return true;
        }

        /// <summary>Runs the kernel over elements [start, end) of the row-major order.</summary>
        /// <remarks>
        /// A broadcast row (<c>[256, 10] + [10]</c>) means one short run per row, so the step from
        /// one row to the next is kept in locals: only a wrap of the row dim goes to the odometer
        /// over the outer dims.
        /// </remarks>
        public void Walk<TKernel>(Walker walk, long start, long end, ref TKernel kernel) where TKernel : struct, IRunKernel
        {
            if (rank == 0)
            {
                kernel.Run(walk.O0, 1, walk.O1, 1, walk.O2, 1, 1);
                return;
            }
            int inner = rank - 1, row = inner - 1;
            long innerSize = sizes[inner], i0 = s0[inner], i1 = s1[inner], i2 = s2[inner];
            // o0..o2 point at the start of the current row; column is the position in it.
            long o0 = walk.O0, o1 = walk.O1, o2 = walk.O2, column = start % innerSize, rest = start / innerSize;
            Span<long> index = stackalloc long[rank];
            for (int d = row; d >= 0; d--)
            {
                index[d] = rest % sizes[d];
                rest /= sizes[d];
                o0 += index[d] * s0[d];
                o1 += index[d] * s1[d];
                o2 += index[d] * s2[d];
            }
            // Without a row dim there is one row; rowSize 1 sends its (never taken) wrap to the odometer.
            long rowSize = 1, r0 = 0, r1 = 0, r2 = 0, rowIndex = 0;
            if (row >= 0) (rowSize, r0, r1, r2, rowIndex) = (sizes[row], s0[row], s1[row], s2[row], index[row]);
            long remaining = end - start, maxRun = walk.MaxRun;
            while (remaining > 0)
            {
                long count = Math.Min(Math.Min(innerSize - column, maxRun), remaining);
                kernel.Run(o0 + column * i0, i0, o1 + column * i1, i1, o2 + column * i2, i2, count);
                remaining -= count;
                column += count;
                if (column < innerSize) continue;
                column = 0;
                o0 += r0;
                o1 += r1;
                o2 += r2;
                if (++rowIndex < rowSize) continue;
                o0 -= r0 * rowSize;
                o1 -= r1 * rowSize;
                o2 -= r2 * rowSize;
                rowIndex = 0;
                for (int d = row - 1; d >= 0; d--)
                {
                    o0 += s0[d];
                    o1 += s1[d];
                    o2 += s2[d];
                    if (++index[d] < sizes[d]) break;
                    o0 -= s0[d] * sizes[d];
                    o1 -= s1[d] * sizes[d];
                    o2 -= s2[d] * sizes[d];
                    index[d] = 0;
                }
            }
        }
    }
}
