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
    /// <summary>Below this many elements an op runs on the calling thread: a task handoff costs microseconds.</summary>
    public const long ParallelThreshold = 1 << 17;

    public static void Run<TKernel>(ReadOnlySpan<long> shape, ReadOnlySpan<long> strides0, long offset0,
        ReadOnlySpan<long> strides1, long offset1, ref TKernel kernel) where TKernel : struct, IRunKernel =>
        Run(shape, strides0, offset0, strides1, offset1, strides1, offset1, ref kernel);

    public static void Run<TKernel>(ReadOnlySpan<long> shape, ReadOnlySpan<long> strides0, long offset0,
        ReadOnlySpan<long> strides1, long offset1, ReadOnlySpan<long> strides2, long offset2, ref TKernel kernel)
        where TKernel : struct, IRunKernel
    {
        // One plan per thread, reused: a small op should allocate nothing here. Kernels never
        // re-enter the loop, and parallel workers only read the caller's plan.
        var plan = cachedPlan ??= new Plan();
        if (!plan.Coalesce(shape, strides0, strides1, strides2)) return;  // no elements
        long total = plan.Total;
        int workers = total >= ParallelThreshold ? Math.Min(Threads.Count, (int)(total / (ParallelThreshold / 2))) : 1;
        var origin = new Origin(offset0, offset1, offset2);
        if (workers <= 1)
        {
            plan.Walk(origin, 0, total, ref kernel);
            return;
        }
        RunParallel(plan.Clone(), origin, total, workers, kernel);
    }

    /// <summary>
    /// Chunks of whole elements in row-major order; each worker restarts the odometer at its start.
    /// The workers get their own copy of the plan, so the thread's cached one stays free. (A method
    /// of its own so the serial path does not allocate the lambda's closure.)
    /// </summary>
    private static void RunParallel<TKernel>(Plan plan, Origin origin, long total, int workers, TKernel kernel) where TKernel : struct, IRunKernel
    {
        long chunk = (total + workers - 1) / workers;
        Parallel.For(0, workers, w =>
        {
            var local = kernel;
            long start = w * chunk;
            plan.Walk(origin, start, Math.Min(total, start + chunk), ref local);
        });
    }

    [ThreadStatic] private static Plan? cachedPlan;

    private readonly record struct Origin(long O0, long O1, long O2);

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
        public void Walk<TKernel>(Origin origin, long start, long end, ref TKernel kernel) where TKernel : struct, IRunKernel
        {
            if (rank == 0)
            {
                kernel.Run(origin.O0, 1, origin.O1, 1, origin.O2, 1, 1);
                return;
            }
            int inner = rank - 1;
            long innerSize = sizes[inner];
            Span<long> index = stackalloc long[rank];
            long o0 = origin.O0, o1 = origin.O1, o2 = origin.O2, rest = start;
            for (int d = inner; d >= 0; d--)
            {
                index[d] = rest % sizes[d];
                rest /= sizes[d];
                o0 += index[d] * s0[d];
                o1 += index[d] * s1[d];
                o2 += index[d] * s2[d];
            }
            long remaining = end - start;
            while (remaining > 0)
            {
                long count = Math.Min(innerSize - index[inner], remaining);
                kernel.Run(o0, s0[inner], o1, s1[inner], o2, s2[inner], count);
                remaining -= count;
                // Back to the start of the inner run, then advance the odometer over the outer dims.
                o0 -= index[inner] * s0[inner];
                o1 -= index[inner] * s1[inner];
                o2 -= index[inner] * s2[inner];
                index[inner] = 0;
                for (int d = inner - 1; d >= 0; d--)
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
